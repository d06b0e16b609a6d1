/**
 * Errors mapped to HTTP once: every error becomes a problem+json document (RFC 9457) with a
 * stable type, a Swedish title and detail, and for bad input the field paths.
 */
import { DomainError, ValidationError } from '../domain/errors';
import type { ProblemDocument } from '../domain/validation';

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
  UNAVAILABLE: 'Tillfälligt otillgänglig',
};

export function toProblem(error: unknown, correlationId: string): { problem: ProblemDocument; headers: Record<string, string> } {
  if (error instanceof HttpProblem) return { problem: { ...error.problem, correlationId }, headers: error.headers };
  if (error instanceof ValidationError) return { problem: { ...error.problem, correlationId }, headers: {} };
  if (error instanceof DomainError) {
    const nested = error.details.problem as ProblemDocument | undefined;
    const status = STATUS[error.code];
    const doc = nested
      ? { ...nested, status, correlationId }
      : problem(status, error.code.toLowerCase().replace(/_/g, '-'), TITLES[error.code], error.message, {
          correlationId,
          ...('reason' in error ? { reason: (error as { reason: string }).reason } : {}),
        });
    // A client may retry after a while; nothing was written (FL 9 §: the authority answers clearly).
    return { problem: doc, headers: error.code === 'UNAVAILABLE' ? { 'Retry-After': '2' } : {} };
  }
  return {
    problem: problem(500, 'internal', 'Internt fel', `Något gick fel hos oss. Inget har ändrats om felet uppstod innan svaret. Ange felkoden ${correlationId} om du kontaktar support.`, { correlationId }),
    headers: {},
  };
}
