/**
 * Errors mapped to HTTP once: every error becomes a problem+json document (RFC 9457) with a
 * stable type, a Swedish title and detail, and for bad input the field paths.
 */
import { ConflictError, DomainError, NoRuleSetForDateError, RuleSetNotApprovedError, ValidationError } from '../domain/errors';
import type { ValidationIssue } from '../domain/validation';

/** RFC 9457 problem details; only the HTTP edge (and the CLIs, its siblings) speaks it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<ValidationIssue & { pointer: string }>;
  [extension: string]: unknown;
}

const toPointer = (path: string) =>
  path === '' ? '' : `/${path.split('.').map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

export function validationProblem(issues: ValidationIssue[], detail: string): ProblemDocument {
  return {
    type: '/problems/validation',
    title: 'Ogiltiga uppgifter',
    status: 400,
    detail,
    errors: issues.map((issue) => ({ ...issue, pointer: toPointer(issue.path) })),
  };
}

export class HttpProblem extends Error {
  constructor(
    readonly problem: ProblemDocument,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
  }
}

export function problem(status: number, type: string, title: string, detail: string, extra: Record<string, unknown> = {}): ProblemDocument {
  return { type: `/problems/${type}`, title, status, detail, ...extra };
}

export const unauthorized = () =>
  new HttpProblem(problem(401, 'unauthorized', 'Inloggning krävs', 'Begäran saknar en giltig inloggning (token). Logga in och försök igen.'), {
    'WWW-Authenticate': 'Bearer realm="jobbtorg"',
  });

export const forbidden = () => new HttpProblem(problem(403, 'forbidden', 'Behörighet saknas', 'Din roll har inte behörighet till det här.'));

const STATUS: Record<DomainError['code'], number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  LETTER_TOO_LARGE: 422,
  NO_RULE_SET_FOR_DATE: 422,
  RULE_SET_NOT_APPROVED: 422,
  FORBIDDEN: 403,
  UNAVAILABLE: 503,
};

const TITLES: Record<DomainError['code'], string> = {
  VALIDATION: 'Ogiltiga uppgifter',
  NOT_FOUND: 'Finns inte',
  CONFLICT: 'Krock med ärendets läge',
  IDEMPOTENCY_KEY_REUSED: 'Idempotensnyckeln är redan använd',
  LETTER_TOO_LARGE: 'Beslutsbrevet är för stort',
  NO_RULE_SET_FOR_DATE: 'Inget regelverk gäller för beslutsdatumet',
  RULE_SET_NOT_APPROVED: 'Regelverket är inte godkänt',
  FORBIDDEN: 'Behörighet saknas för det här beslutet',
  UNAVAILABLE: 'Tillfälligt otillgänglig',
};

/** The problem document for a domain error: a stable type, a Swedish title, and the fields at fault. */
export function domainProblem(error: DomainError): ProblemDocument {
  if (error instanceof ValidationError) return validationProblem(error.issues, error.message);
  const status = STATUS[error.code];
  const type = error.code.toLowerCase().replace(/_/g, '-');
  if (error instanceof NoRuleSetForDateError) {
    return problem(status, type, TITLES[error.code], error.message, {
      errors: [{ path: 'decisionDate', pointer: '/decisionDate', message: error.message }],
      available: error.available,
    });
  }
  if (error instanceof RuleSetNotApprovedError) {
    return problem(status, type, TITLES[error.code], error.message, {
      errors: [{ path: 'decisionDate', pointer: '/decisionDate', message: error.message }],
      ruleSet: error.ruleSet,
    });
  }
  if (error instanceof ConflictError && error.caseRef) {
    return problem(status, type, TITLES[error.code], error.message, { reason: error.reason, case: { ...error.caseRef, links: { self: `/v1/cases/${error.caseRef.caseId}` } } });
  }
  return problem(status, type, TITLES[error.code], error.message, 'reason' in error ? { reason: (error as { reason: string }).reason } : {});
}

export function toProblem(error: unknown, correlationId: string): { problem: ProblemDocument; headers: Record<string, string> } {
  if (error instanceof HttpProblem) return { problem: { ...error.problem, correlationId }, headers: error.headers };
  if (error instanceof DomainError) {
    // A client may retry after a while; nothing was written (FL 9 §: the authority answers clearly).
    return { problem: { ...domainProblem(error), correlationId }, headers: error.code === 'UNAVAILABLE' ? { 'Retry-After': '2' } : {} };
  }
  return {
    problem: problem(500, 'internal', 'Internt fel', `Något gick fel hos oss. Inget har ändrats om felet uppstod innan svaret. Ange felkoden ${correlationId} om du kontaktar support.`, { correlationId }),
    headers: {},
  };
}
