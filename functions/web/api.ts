/// <reference lib="dom" />
/**
 * The page's only way to the service: the public HTTP API under /v1, with the signed-in user's
 * token. Errors come back as problem+json (RFC 9457); the page shows their Swedish texts as is.
 */
import { currentSession, signOut } from './auth';
import { nameRuleSets } from './views/rule-set-resource';

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  /** Why a 409 conflicts, e.g. RULE_SET_CHANGED or ALREADY_APPROVED. */
  reason?: string;
  errors?: FieldError[];
  /** The case a conflict is about (e.g. the person's case with an open proposal), to link to. */
  case?: { caseId: string; caseNumber: string };
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/** The rule sets' titles, once the page has read the list: a problem names a rule set by its id. */
let ruleSetNames: Array<{ id: string; title: string }> = [];
export const knowsRuleSetNames = () => ruleSetNames.length > 0;
export const ruleSetTitleOf = (id: string) => ruleSetNames.find((r) => r.id === id)?.title;
/**
 * A text for staff with the codes a rule-set text may carry put in words: a rule set's id by its
 * title, an assumption's id (`A7_PERIOD_OCH_UPPFOLJNING`) by its number (`A7`).
 */
export const inWords = (text: string) =>
  ruleSetNames.reduce((result, r) => result.split(r.id).join(`”${r.title}”`), text).replace(/\bA(\d+)_[A-ZÅÄÖ0-9_]+\b/g, 'A$1');
export function rememberRuleSetNames(list: Array<{ id: string; title: string }>): void {
  ruleSetNames = list.map(({ id, title }) => ({ id, title }));
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    // "Regelverket jobbtorg-sis-sol2025 är inte godkänt …": staff know a rule set by its title.
    const named = (text: string) => nameRuleSets(text, ruleSetNames);
    return {
      status: response.status,
      title: named(body.title ?? 'Något gick fel'),
      ...(body.detail ? { detail: named(body.detail) } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.errors ? { errors: body.errors.map((e) => ({ ...e, message: named(e.message) })) } : {}),
      ...(body.case ? { case: body.case } : {}),
    };
  } catch {
    return { status: response.status, title: 'Något gick fel', detail: `Tjänsten svarade ${response.status}.` };
  }
}

export async function request(method: 'GET' | 'POST', path: string, options: { json?: unknown; accept?: string; idempotent?: boolean } = {}): Promise<Response> {
  const session = currentSession();
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  // A retried click must not create or sign twice.
  if (options.idempotent) headers['Idempotency-Key'] = crypto.randomUUID();
  const response = await fetch(path, { method, headers, ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}) });
  if (response.status === 401) {
    // An expired token: back to sign-in, with the reason.
    signOut('Din inloggning har gått ut. Logga in igen.');
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  return response;
}

export const getJson = async <T>(path: string): Promise<T> => (await (await request('GET', path)).json()) as T;
export const postJson = async <T>(path: string, json: unknown, idempotent = false): Promise<T> =>
  (await (await request('POST', path, { json, idempotent })).json()) as T;

/** The file name a response offers in Content-Disposition, or a fallback. */
export function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '');
  return match?.[1] ?? fallback;
}
