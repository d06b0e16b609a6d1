/**
 * The board's delegationsordning as data: which delegation point lets a delegate decide which
 * outcomes, effective-dated like the rule sets (rules/delegationsordning/). A decision may only be
 * made under a point that covers it; the letter names that point.
 */
import * as z from 'zod/mini';
import { type IsoDate, compareDates } from './dates';
import { isoDateSchema } from './facts';
import { FINAL_OUTCOMES, type FinalOutcome } from './signed-decision-schema';

const text = z.string().check(z.refine((s) => s.trim().length > 0, 'Texten får inte vara tom.'));

export const delegationPointSchema = z.strictObject({
  point: z.string().check(z.regex(/^\d+(\.\d+)*$/, 'En delegationspunkt skrivs med siffror och punkter, t.ex. 3.1.4.')),
  title: text,
  delegate: text,
  outcomes: z.array(z.enum(FINAL_OUTCOMES)).check(z.minLength(1)),
});
export type DelegationPoint = z.infer<typeof delegationPointSchema>;

export const delegationOrderSchema = z.strictObject({
  id: text,
  versions: z
    .array(
      z.strictObject({
        validFrom: isoDateSchema,
        source: text,
        status: z.enum(['UNCONFIRMED', 'CONFIRMED']),
        confirmedBy: z.optional(text),
        confirmedOn: z.optional(isoDateSchema),
        points: z.array(delegationPointSchema).check(
          z.minLength(1),
          z.refine((points) => new Set(points.map((p) => p.point)).size === points.length, 'Varje delegationspunkt får bara finnas en gång.'),
        ),
      }),
    )
    .check(z.minLength(1)),
});
export type DelegationOrder = z.infer<typeof delegationOrderSchema>;

export type DelegationCheck =
  | { ok: true; point: DelegationPoint }
  | { ok: false; reason: 'NO_ORDER' | 'UNKNOWN_POINT' | 'NOT_COVERED'; message: string };

const OUTCOME_WORDS: Record<FinalOutcome, string> = { GRANT: 'bevilja', PARTIAL: 'bevilja delvis', REFUSE: 'avslå', REFER: 'hänvisa' };

/** Whether `point` in the delegationsordning in force on `date` lets its holder decide `outcome`. */
export function checkDelegation(order: DelegationOrder, date: IsoDate, point: string, outcome: FinalOutcome): DelegationCheck {
  const inForce = [...order.versions].filter((v) => compareDates(v.validFrom as IsoDate, date) <= 0).sort((a, b) => compareDates(b.validFrom as IsoDate, a.validFrom as IsoDate))[0];
  if (!inForce) return { ok: false, reason: 'NO_ORDER', message: `Ingen delegationsordning gäller på beslutsdatumet ${date}.` };
  const found = inForce.points.find((p) => p.point === point);
  const needed = inForce.points.filter((p) => p.outcomes.includes(outcome)).map((p) => `punkt ${p.point} (${p.delegate})`);
  const neededText = needed.length > 0 ? ` Beslutet kräver delegation enligt ${needed.join(' eller ')}.` : ' Ingen punkt i delegationsordningen omfattar det beslutet.';
  if (!found) {
    return { ok: false, reason: 'UNKNOWN_POINT', message: `Delegationen ${point} finns inte i nämndens delegationsordning som gäller ${date}.${neededText}` };
  }
  if (!found.outcomes.includes(outcome)) {
    return { ok: false, reason: 'NOT_COVERED', message: `Delegationspunkt ${point} omfattar inte beslut att ${OUTCOME_WORDS[outcome]}.${neededText}` };
  }
  return { ok: true, point: found };
}
