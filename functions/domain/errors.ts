/**
 * Domain errors as values with a stable code. The HTTP layer maps each code to a status once;
 * nothing else inspects messages. Messages are Swedish, for the person who sees them.
 */
import type { ProblemDocument } from './validation';

export type DomainErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'LETTER_TOO_LARGE'
  | 'NO_RULE_SET_FOR_DATE'
  | 'RULE_SET_NOT_APPROVED'
  | 'UNAVAILABLE';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = `DomainError(${code})`;
  }
}

export class ValidationError extends DomainError {
  constructor(readonly problem: ProblemDocument) {
    super('VALIDATION', problem.detail, { problem });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} finns inte.`, { id });
  }
}

/** A state change that lost a race or does not fit the current state (HTTP 409). */
export class ConflictError extends DomainError {
  constructor(
    readonly reason:
      | 'VERSION'
      | 'ALREADY_SIGNED'
      | 'NOT_PROPOSED'
      | 'NOT_SIGNED'
      | 'OPEN_PROPOSAL'
      | 'ALREADY_DONE'
      | 'ALREADY_ENDED'
      | 'NOT_GRANTED'
      | 'SUPERSEDED'
      | 'DECISION_DATE_NOT_TODAY'
      | 'RULE_SET_CHANGED'
      | 'ALREADY_APPROVED',
    message: string,
  ) {
    super('CONFLICT', message, { reason });
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'Idempotensnyckeln har redan använts för en annan begäran. Använd en ny nyckel för en ny begäran.');
  }
}

export class LetterTooLargeError extends DomainError {
  constructor(bytes: number, limit: number) {
    super('LETTER_TOO_LARGE', `Beslutsbrevet blev ${bytes} byte, mer än de ${limit} byte som kan lagras säkert. Beslutet har inte sparats.`, { bytes, limit });
  }
}

/** The database throttled or failed after the SDK's retries; nothing was written (HTTP 503). */
export class UnavailableError extends DomainError {
  constructor(cause: string) {
    super('UNAVAILABLE', 'Tjänsten är tillfälligt överbelastad. Inget har sparats. Försök igen om en stund.', { cause });
  }
}
