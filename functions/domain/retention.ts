/**
 * Gallring: personal case files are culled five years after the last entry (SoL 12 kap.; the
 * retention period for social-services records), except the research sample: people born on the
 * 5th, 15th or 25th of a month, whose files are kept.
 */
import { type IsoDate, dateParts } from './dates';

export const RETENTION_YEARS = 5;
const RESEARCH_SAMPLE_DAYS = new Set([5, 15, 25]);

export function isResearchSample(birthDate: IsoDate): boolean {
  return RESEARCH_SAMPLE_DAYS.has(dateParts(birthDate).day);
}

/** Epoch seconds at which the case may be culled, or null when it is kept for research. */
export function retentionExpiry(lastEntryAt: Date, birthDate: IsoDate): number | null {
  if (isResearchSample(birthDate)) return null;
  const expiry = new Date(lastEntryAt.getTime());
  expiry.setUTCFullYear(expiry.getUTCFullYear() + RETENTION_YEARS);
  return Math.floor(expiry.getTime() / 1000);
}

export function isExpired(expiresAt: number | null | undefined, now: Date): boolean {
  return expiresAt !== null && expiresAt !== undefined && expiresAt <= Math.floor(now.getTime() / 1000);
}
