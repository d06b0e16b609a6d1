/**
 * What an outreach tool may send for an anonymous pre-check, and the paths it may get back. Kept
 * apart from the evaluation so the route table (loaded by every function) pulls in no engine.
 */
import * as z from 'zod/mini';
import { NEED_LEVELS, SOCIAL_SERVICES_CONTACT, isoDateSchema } from '../facts';

const yesNo = z.optional(z.boolean({ error: 'Ange true eller false.' }));

export const screeningRequestSchema = z
  .strictObject({
    decisionDate: z.optional(isoDateSchema),
    age: z.optional(z.int({ error: 'Ange åldern i hela år.' }).check(z.minimum(0, 'Åldern kan inte vara negativ.'), z.maximum(130, 'Ange en ålder upp till 130 år.'))),
    birthYearMonth: z.optional(z.string({ error: 'Ange födelseår och månad som ÅÅÅÅ-MM.' }).check(z.regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'Ange födelseår och månad som ÅÅÅÅ-MM.'))),
    facts: z.strictObject(
      {
        reachedThroughOutreach: yesNo,
        working: yesNo,
        studying: yesNo,
        forsorjningsstod: yesNo,
        socialServicesContact: z.optional(z.enum(SOCIAL_SERVICES_CONTACT, { error: 'Välj NONE, CONTACT eller ONGOING_INSATS.' })),
        apparentEntitlementNeed: yesNo,
        assessedNeed: z.optional(z.enum(NEED_LEVELS, { error: 'Välj ADVICE_AND_SUPPORT eller DEEPER_INDIVIDUAL_SUPPORT.' })),
        woman: yesNo,
        weakLabourMarketPosition: yesNo,
      },
      // The pre-check is anonymous: names, numbers and free text have no field to go in.
      { error: 'Förhandsbedömningen tar bara emot ja/nej-uppgifter och val, aldrig namn, personnummer eller fritext.' },
    ),
  })
  .check(
    z.refine((r) => (r.age === undefined) !== (r.birthYearMonth === undefined), {
      message: 'Ange antingen age (ålder) eller birthYearMonth (ÅÅÅÅ-MM), inte båda och inte inget. Ange aldrig personnummer.',
      path: ['age'],
    }),
  );

export const SCREENING_PATHS = ['JOBBTORG_DECISION', 'REFUSAL', 'REFERRAL', 'MORE_INFORMATION_NEEDED', 'DEPENDS_ON_EXACT_BIRTH_DATE'] as const;
export type ScreeningPath = (typeof SCREENING_PATHS)[number];

