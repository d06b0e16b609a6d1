/**
 * Gallring: a personal case file is culled a period after its last entry, except the research
 * sample, whose files are kept. Both are law, so both are rule-set data (`retentionPeriod`,
 * `researchSampleBirthDays`, each with its source and reviewer status): a proposal carries the
 * policy of its rule set, and the case file keeps the policy of its latest proposal.
 */
import { type IsoDate, dateParts } from './dates';
import type { RetentionPolicy } from './proposal-schema';

export function isResearchSample(birthDate: IsoDate, policy: RetentionPolicy): boolean {
  return policy.researchSampleBirthDays.includes(dateParts(birthDate).day);
}

/** Epoch seconds at which the case may be culled, or null when it is kept for research. */
export function retentionExpiry(lastEntryAt: Date, birthDate: IsoDate, policy: RetentionPolicy): number | null {
  if (isResearchSample(birthDate, policy)) return null;
  const expiry = new Date(lastEntryAt.getTime());
  const { value, unit } = policy.period;
  switch (unit) {
    case 'years':
      expiry.setUTCFullYear(expiry.getUTCFullYear() + value);
      break;
    case 'months':
      expiry.setUTCMonth(expiry.getUTCMonth() + value);
      break;
    case 'weeks':
      expiry.setUTCDate(expiry.getUTCDate() + 7 * value);
      break;
    case 'days':
      expiry.setUTCDate(expiry.getUTCDate() + value);
      break;
  }
  return Math.floor(expiry.getTime() / 1000);
}

export function isExpired(expiresAt: number | null | undefined, now: Date): boolean {
  return expiresAt !== null && expiresAt !== undefined && expiresAt <= Math.floor(now.getTime() / 1000);
}
