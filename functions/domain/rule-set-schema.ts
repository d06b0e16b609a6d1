/**
 * The schema of a rule set: law as data. A legal reviewer edits the YAML files in `rules/`; this
 * schema is what they must satisfy, checked when a rule set is loaded and in a test.
 */
import * as z from 'zod/mini';
import { isoDateSchema } from './facts';

export const OUTCOMES = ['GRANT', 'REFUSE', 'REFER', 'INCOMPLETE'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How a decision can be challenged. The rule set decides which applies to which outcome. */
export const APPEAL_ROUTES = ['LAGLIGHETSPROVNING', 'FORVALTNINGSBESVAR', 'NONE'] as const;
export type AppealRoute = (typeof APPEAL_ROUTES)[number];

const text = z.string().check(z.refine((s) => s.trim().length > 0, 'Texten får inte vara tom.'));
const id = z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/, 'Id skrivs med versaler, siffror och understreck.'));

export const statuteSchema = z.strictObject({
  /** Short id used by lagrum references in this file, e.g. `SoL`. */
  id: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]*$/)),
  sfs: z.string().check(z.regex(/^\d{4}:\d+$/, 'SFS-nummer skrivs ÅÅÅÅ:NNN.')),
  title: text,
  /** The name as it reads inside a citation, e.g. `socialtjänstlagen`. */
  citationName: text,
  abbreviation: z.optional(text),
});
export type Statute = z.infer<typeof statuteSchema>;

/** A reference to a provision: a statute (chapter and/or section) or the guideline. */
export const lagrumRefSchema = z.union([
  z.strictObject({
    statute: z.string(),
    chapter: z.optional(z.int().check(z.positive())),
    section: z.optional(z.int().check(z.positive())),
    paragraph: z.optional(z.int().check(z.positive())),
  }),
  z.strictObject({ guideline: z.literal(true), part: z.optional(text) }),
]);
export type LagrumRef = z.infer<typeof lagrumRefSchema>;

/** json-rules-engine conditions, restricted to what an explanation can be complete for. */
export type ConditionNode =
  | { all: ConditionNode[]; label?: string }
  | { any: ConditionNode[]; label?: string }
  | { not: ConditionNode; label?: string }
  | {
      fact: string;
      operator: string;
      value: string | number | boolean | null | { fact: string } | Array<string | number | boolean>;
      label?: string;
    };

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const conditionSchema: z.ZodMiniType<ConditionNode> = z.lazy(() =>
  z.union([
    // No `priority`: json-rules-engine stops between priority groups, and a skipped condition
    // carries no result. Without priorities every condition is evaluated and explained.
    z.strictObject({ all: z.array(conditionSchema).check(z.minLength(1)), label: z.optional(text) }),
    z.strictObject({ any: z.array(conditionSchema).check(z.minLength(1)), label: z.optional(text) }),
    z.strictObject({ not: conditionSchema, label: z.optional(text) }),
    z.strictObject({
      fact: z.string(),
      operator: z.enum(['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn']),
      value: z.union([scalar, z.strictObject({ fact: z.string() }), z.array(z.union([z.string(), z.number(), z.boolean()]))]),
      label: z.optional(text),
    }),
  ]),
) as z.ZodMiniType<ConditionNode>;

export const criterionSchema = z.strictObject({
  id,
  /** The criterion as a condition, e.g. "Får inte försörjningsstöd": for case workers and reviewers. */
  title: text,
  /**
   * The heading of the criterion in a letter, naming the topic only (e.g. "Försörjningsstöd"). A
   * letter prints it over the reason for every status; the title, phrased as the condition, would
   * contradict a reason that says the condition is not met. Without it the letter prints the title.
   */
  topic: z.optional(text),
  description: text,
  lagrum: z.array(lagrumRefSchema).check(z.minLength(1, 'Varje kriterium ska ange lagrum.')),
  /** What an unmet criterion leads to: a refusal, or a referral to the district office. */
  onNotMet: z.enum(['REFUSE', 'REFER']),
  conditions: conditionSchema,
  reasons: z.strictObject({ met: text, notMet: text, missing: text }),
  /** For a refusal: what would have to be different for this criterion to be met. */
  whatWouldChange: z.optional(text),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const contradictionSchema = z.strictObject({
  id,
  description: text,
  conditions: conditionSchema,
});
export type Contradiction = z.infer<typeof contradictionSchema>;

export const PARAMETER_STATUSES = ['UNCONFIRMED', 'CONFIRMED'] as const;

/** Where a value or a reference comes from, and whether a legal reviewer has confirmed it in the file. */
const reviewedFields = {
  source: text,
  status: z.enum(PARAMETER_STATUSES),
  confirmedBy: z.optional(text),
  confirmedOn: z.optional(isoDateSchema),
};
type Reviewed = { status: string; confirmedBy?: string; confirmedOn?: string };
const confirmedNamesWhoAndWhen = z.refine<Reviewed>(
  (p) => p.status !== 'CONFIRMED' || (p.confirmedBy !== undefined && p.confirmedOn !== undefined),
  { message: 'En bekräftad uppgift ska ange vem som bekräftade den och när (confirmedBy, confirmedOn).', path: ['status'] },
);

export const parameterSchema = z
  .strictObject({
    value: z.number().check(z.nonnegative()),
    unit: z.enum(['years', 'months', 'weeks', 'days']),
    description: text,
    ...reviewedFields,
  })
  .check(confirmedNamesWhoAndWhen);
export type Parameter = z.infer<typeof parameterSchema>;

/** Days of the month, e.g. the birth days of the research sample that gallring spares. */
export const dayListParameterSchema = z
  .strictObject({
    value: z
      .array(z.int().check(z.minimum(1), z.maximum(31)))
      .check(z.refine((days) => new Set(days).size === days.length, 'Varje dag får stå en gång.')),
    unit: z.literal('dayOfMonth'),
    description: text,
    ...reviewedFields,
  })
  .check(confirmedNamesWhoAndWhen);
export type DayListParameter = z.infer<typeof dayListParameterSchema>;

/** The lengths of time every rule set must define; the engine and gallring compute dates from them. */
export const REQUIRED_PARAMETERS = [
  'ageMin',
  'ageMax',
  'maxPeriod',
  'firstJobPlan',
  'deeperPlan',
  'followUpInterval',
  'followUpBeforeEnd',
  'retentionPeriod',
] as const;
export type ParameterName = (typeof REQUIRED_PARAMETERS)[number];
const isDurationName = (name: string): name is ParameterName => (REQUIRED_PARAMETERS as readonly string[]).includes(name);

/** A length-of-time parameter by name (as conditions and texts write it after `param.`), if there is one. */
export function durationParameter(ruleSet: Pick<RuleSet, 'parameters'>, name: string): Parameter | undefined {
  return isDurationName(name) ? ruleSet.parameters[name] : undefined;
}

/** Every parameter a reviewer confirms: the lengths of time and the research sample's birth days. */
export const PARAMETER_NAMES = [...REQUIRED_PARAMETERS, 'researchSampleBirthDays'] as const;
export type AnyParameterName = (typeof PARAMETER_NAMES)[number];

const parametersSchema = z.strictObject({
  ...(Object.fromEntries(REQUIRED_PARAMETERS.map((name) => [name, parameterSchema])) as Record<ParameterName, typeof parameterSchema>),
  researchSampleBirthDays: dayListParameterSchema,
});

/**
 * A provision the rule set cites, once, with its source and reviewer status. Criteria, outcomes
 * and appeal routes cite it by the same statute, chapter and section; the cross-check makes every
 * citation appear here, so a reviewer confirms each provision in one list.
 */
export const statuteReferenceSchema = z
  .strictObject({
    statute: z.string(),
    chapter: z.optional(z.int().check(z.positive())),
    section: z.optional(z.int().check(z.positive())),
    paragraph: z.optional(z.int().check(z.positive())),
    /** What the provision says, in a few words, for the reviewer. */
    about: text,
    ...reviewedFields,
  })
  .check(confirmedNamesWhoAndWhen);
export type StatuteReference = z.infer<typeof statuteReferenceSchema>;

/** A stable key for a provision, e.g. `SoL:11:4` or `KL:13`; approvals name references by it. */
export function referenceKey(ref: { statute: string; chapter?: number; section?: number; paragraph?: number }): string {
  const parts: Array<number | string> = [ref.statute, ref.chapter ?? '', ref.section ?? '', ref.paragraph ?? ''];
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(':');
}

const outcomeBasisSchema = z.strictObject({
  lagrum: z.array(lagrumRefSchema),
  appealRoute: z.enum(APPEAL_ROUTES),
});

export const ruleSetSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'Regelverkets id skrivs med gemener, siffror och bindestreck.')),
  version: z.int().check(z.positive()),
  title: text,
  validFrom: isoDateSchema,
  validTo: z.optional(isoDateSchema),
  source: z.strictObject({ guideline: text, title: text, documents: z.optional(z.array(text)) }),
  statutes: z.array(statuteSchema).check(z.minLength(1)),
  assumptions: z.array(z.strictObject({ id, text })),
  /** Every provision cited below, with its source and reviewer status. */
  references: z.array(statuteReferenceSchema).check(z.minLength(1)),
  parameters: parametersSchema,
  criteria: z.array(criterionSchema).check(z.minLength(1)),
  contradictions: z.array(contradictionSchema),
  considerationOfRight: z.strictObject({
    lagrum: z.array(lagrumRefSchema).check(z.minLength(1)),
    reasons: z.strictObject({
      GRANT: text,
      REFUSE: text,
      REFER: text,
      INCOMPLETE: text,
      /**
       * A refusal the applicant asked for after a referral: the need that referred the case may
       * well be there, so the refusal's usual words ("no such need has come forward") would
       * contradict the reasons above them.
       */
      REFUSE_AFTER_REFERRAL: text,
    }),
  }),
  outcomes: z.strictObject({
    GRANT: outcomeBasisSchema,
    REFUSE: outcomeBasisSchema,
    REFER: outcomeBasisSchema,
  }),
  /** Secrecy between the boards: what allows passing information on at a referral (consent). */
  referral: z.strictObject({ consentLagrum: z.array(lagrumRefSchema).check(z.minLength(1)) }),
  appealRoutes: z.strictObject({
    LAGLIGHETSPROVNING: z.strictObject({ lagrum: z.array(lagrumRefSchema) }),
    FORVALTNINGSBESVAR: z.strictObject({ lagrum: z.array(lagrumRefSchema) }),
  }),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
