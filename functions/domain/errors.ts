/**
 * Domain errors as values with a stable code. The HTTP layer maps each code to a status once;
 * nothing else inspects messages. Messages are Swedish, for the person who sees them.
 */
import type { ValidationIssue } from './validation';

export type DomainErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'LETTER_TOO_LARGE'
  | 'NO_RULE_SET_FOR_DATE'
  | 'RULE_SET_NOT_APPROVED'
  | 'FORBIDDEN'
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

export const DEFAULT_VALIDATION_DETAIL = 'Uppgifterna kunde inte tas emot. Rätta fälten nedan och försök igen.';

/** Bad input: each issue names the field (a dotted path) and says in Swedish what to correct. */
export class ValidationError extends DomainError {
  constructor(
    readonly issues: ValidationIssue[],
    detail = DEFAULT_VALIDATION_DETAIL,
  ) {
    super('VALIDATION', detail, { issues });
  }
}

/** No published rule set covers the decision date; nothing falls back to another. */
export class NoRuleSetForDateError extends DomainError {
  constructor(
    readonly date: string,
    readonly available: Array<{ id: string; validFrom: string; validTo?: string }>,
  ) {
    const ranges = available.map((r) => `${r.id} (${r.validFrom}–${r.validTo ?? 'tills vidare'})`).join(', ');
    super(
      'NO_RULE_SET_FOR_DATE',
      `Inget regelverk gäller för beslutsdatum ${date}. ` +
        (ranges ? `Publicerade regelverk: ${ranges}.` : 'Inga regelverk är publicerade.') +
        ' Ett nytt regelverk måste publiceras av en jurist innan beslut kan föreslås för det datumet.',
      { available },
    );
  }
}

/** The rule set in force on the decision date waits for a jurist's approval of its exact content. */
export class RuleSetNotApprovedError extends DomainError {
  constructor(readonly ruleSet: { id: string; version: number; sha256: string; validFrom: string; validTo: string | null }) {
    super(
      'RULE_SET_NOT_APPROVED',
      `Regelverket ${ruleSet.id} version ${ruleSet.version} gäller för beslutsdatumet men väntar på godkännande av en jurist ` +
        `(Utkast – inte godkänt, kontrollsumma ${ruleSet.sha256.slice(0, 12)}…). Inga beslut kan föreslås enligt det förrän det är godkänt.`,
      { ruleSet },
    );
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
      | 'LIVE_GRANT'
      | 'ALREADY_APPROVED'
      | 'NAME_MISMATCH',
    message: string,
    /** The case the conflict is about, when the caller should be shown it (e.g. the person's open case). */
    readonly caseRef?: { caseId: string; caseNumber: string },
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

/**
 * The caller may do this in general, but not here: the four-eyes principle (whoever proposed a
 * decision may not decide it) or a delegation that does not cover the decision (HTTP 403).
 */
export class ForbiddenError extends DomainError {
  constructor(
    readonly reason: 'FOUR_EYES' | 'DELEGATION',
    message: string,
  ) {
    super('FORBIDDEN', message, { reason });
  }
}

/** The database throttled or failed after the SDK's retries; nothing was written (HTTP 503). */
export class UnavailableError extends DomainError {
  constructor(cause: string) {
    super('UNAVAILABLE', 'Tjänsten är tillfälligt överbelastad. Inget har sparats. Försök igen om en stund.', { cause });
  }
}
