/**
 * A legal reviewer's approval of a rule set: only an approved rule set decides.
 *
 * An approval names the exact content it approves (the rule set's sha256). It is written once and
 * never changed. A rule set whose content changes gets another sha256, so the old approval no
 * longer matches and the changed set is an unapproved draft until it is approved again.
 */
import * as z from 'zod/mini';
import { todayInStockholm } from './dates';
import { cite } from './lagrum';
import { PARAMETER_NAMES, referenceKey, type AnyParameterName, type RuleSet } from './rule-set-schema';
import type { PublishedRuleSet } from './rule-set-catalog';
import { type ApprovalRef } from './proposal-schema';
import { everyTextPrintable, multiLine, singleLine } from './text';

const sha256Schema = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'Ange regelverkets kontrollsumma (sha256, 64 tecken 0–9 och a–f) så som den visas för regelverket.'));

/** What a jurist sends: the content they read, and what they confirmed one by one. */
export const approveRuleSetRequestSchema = z.strictObject({
  sha256: sha256Schema,
  confirmedParameters: z._default(
    z.array(z.enum(PARAMETER_NAMES, { error: 'Okänd parameter. Välj bland regelverkets parametrar.' })).check(
      z.refine((names) => new Set(names).size === names.length, 'Varje parameter får bara anges en gång.'),
    ),
    [],
  ),
  confirmedReferences: z._default(
    z.array(singleLine(40, 'hänvisningens nyckel')).check(z.refine((keys) => new Set(keys).size === keys.length, 'Varje hänvisning får bara anges en gång.')),
    [],
  ),
  note: z.optional(multiLine(4000, 'anteckningen om granskningen')),
}).check(everyTextPrintable());
export type ApproveRuleSetRequest = z.infer<typeof approveRuleSetRequestSchema>;

/** The stored approval; parsed when read, never cast. */
export const ruleSetApprovalSchema = z.strictObject({
  ruleSetId: z.string(),
  version: z.int(),
  sha256: sha256Schema,
  approvedAt: z.string(),
  approvedBy: z.strictObject({ id: z.string(), name: z.string(), title: z.string() }),
  confirmedParameters: z.array(z.enum(PARAMETER_NAMES)),
  confirmedReferences: z.array(z.string()),
  note: z.optional(z.string()),
  /** Recorded by `npm start` on an empty data folder: never a real review. */
  development: z.boolean(),
});
export type RuleSetApproval = z.infer<typeof ruleSetApprovalSchema>;

export function approvalRef(approval: RuleSetApproval): ApprovalRef {
  return { approvedAt: approval.approvedAt, approvedBy: { name: approval.approvedBy.name, title: approval.approvedBy.title }, development: approval.development };
}

/** The name a development approval carries; the letter and the page say it plainly. */
export const DEVELOPMENT_APPROVER = { id: 'local-development', name: 'godkänt lokalt för utveckling', title: 'ingen juristgranskning' } as const;

export interface ChecklistItem {
  key: string;
  /** How a reviewer reads it: the parameter's description, or the provision as cited. */
  label: string;
  /** Confirmed in the file itself (status CONFIRMED with who and when). */
  confirmedInFile: boolean;
}

/** Everything a reviewer confirms one by one: each parameter and each provision cited. */
export function reviewChecklist(ruleSet: RuleSet): { parameters: ChecklistItem[]; references: ChecklistItem[] } {
  return {
    parameters: PARAMETER_NAMES.map((name) => {
      const p = ruleSet.parameters[name];
      return { key: name, label: p.description, confirmedInFile: p.status === 'CONFIRMED' };
    }),
    references: ruleSet.references.map((ref) => ({
      key: referenceKey(ref),
      label: `${cite(ruleSet, ref).short}: ${ref.about}`,
      confirmedInFile: ref.status === 'CONFIRMED',
    })),
  };
}

export type ApprovalCheck =
  | { ok: true }
  | { ok: false; reason: 'STALE_CONTENT'; current: string }
  | { ok: false; reason: 'UNKNOWN_ITEMS'; issues: Array<{ path: string; message: string }> };

/** Whether a request approves the rule set's current content and names only items it has. */
export function checkApprovalRequest(published: PublishedRuleSet, request: ApproveRuleSetRequest): ApprovalCheck {
  if (request.sha256 !== published.sha256) return { ok: false, reason: 'STALE_CONTENT', current: published.sha256 };
  const known = new Set(published.ruleSet.references.map(referenceKey));
  const issues = request.confirmedReferences.flatMap((key, i) =>
    known.has(key) ? [] : [{ path: `confirmedReferences.${i}`, message: `Hänvisningen ${key} finns inte i regelverket.` }],
  );
  return issues.length > 0 ? { ok: false, reason: 'UNKNOWN_ITEMS', issues } : { ok: true };
}

/** The approval record for a request that passed checkApprovalRequest. */
export function approvalOf(
  published: PublishedRuleSet,
  request: ApproveRuleSetRequest,
  by: { id: string; name: string; title: string },
  at: string,
  development = false,
): RuleSetApproval {
  const order = (keys: readonly string[], chosen: string[]) => keys.filter((k) => chosen.includes(k));
  return {
    ruleSetId: published.ruleSet.id,
    version: published.ruleSet.version,
    sha256: published.sha256,
    approvedAt: at,
    approvedBy: by,
    confirmedParameters: order(PARAMETER_NAMES, request.confirmedParameters) as AnyParameterName[],
    confirmedReferences: order(published.ruleSet.references.map(referenceKey), request.confirmedReferences),
    ...(request.note ? { note: request.note } : {}),
    development,
  };
}

/** The development approval `npm start` records for a shipped rule set on an empty data folder. */
export function developmentApproval(published: PublishedRuleSet, at: string): RuleSetApproval {
  return approvalOf(published, { sha256: published.sha256, confirmedParameters: [], confirmedReferences: [] }, { ...DEVELOPMENT_APPROVER }, at, true);
}

/** Swedish status of a rule set for lists: approved, or a draft that does not decide. */
export function approvalStatusLabel(approval: RuleSetApproval | undefined): string {
  if (!approval) return 'Utkast – inte godkänt';
  if (approval.development) return 'Godkänt lokalt för utveckling (ingen juristgranskning)';
  // The day in Stockholm: an approval at 00:30 is not dated the day before, as its UTC instant is.
  return `Godkänt av ${approval.approvedBy.name}, ${approval.approvedBy.title}, ${todayInStockholm(new Date(approval.approvedAt))}`;
}
