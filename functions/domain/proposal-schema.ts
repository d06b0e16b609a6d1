/**
 * The engine's proposal, one zod schema per shape and the types inferred from them: what the
 * engine returns, what a decision record stores, and what a decision file brings to a letter.
 */
import * as z from 'zod/mini';
import { type IsoDate, parseIsoDate } from './dates';
import { APPEAL_ROUTES, REQUIRED_PARAMETERS } from './rule-set-schema';
import { multiLine } from './text';


export const isoDate = z.custom<IsoDate>((v) => typeof v === 'string' && parseIsoDate(v) !== undefined, 'Ange ett giltigt datum som ÅÅÅÅ-MM-DD.');
const engineText = multiLine(8000, 'texten');
const period = z.strictObject({ from: isoDate, to: isoDate });

const citationSchema = z.strictObject({ text: engineText, short: engineText, sfs: z.optional(z.string()) });
const factValueSchema = z.strictObject({ fact: z.string(), label: engineText, value: z.unknown(), display: engineText });
const missingFactSchema = z.strictObject({ fact: z.string(), label: engineText, recordedAt: z.string() });
export const PROPOSED_OUTCOMES = ['GRANT', 'REFUSE', 'REFER', 'INCOMPLETE'] as const;
export type ProposedOutcome = (typeof PROPOSED_OUTCOMES)[number];
/** The outcomes a delegate can sign, each with its own basis in the rule set (`outcomes`). */
export type SignableOutcome = Exclude<ProposedOutcome, 'INCOMPLETE'>;
export const CRITERION_STATUSES = ['MET', 'NOT_MET', 'MISSING'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];
export const TRUTHS = ['TRUE', 'FALSE', 'UNKNOWN'] as const;
export const MILESTONE_KINDS = ['FIRST_JOB_PLAN', 'DEEPER_PLAN', 'FOLLOW_UP', 'FINAL_FOLLOW_UP'] as const;
export const DURATION_UNITS = ['years', 'months', 'weeks', 'days'] as const;
const truth = z.enum(TRUTHS);

const conditionCheckSchema = z.strictObject({
  /** Label of the alternative the condition belongs to, where the rule set names one. */
  alternative: z.optional(z.string()),
  fact: z.string(),
  factLabel: z.string(),
  operator: z.string(),
  expected: z.unknown(),
  actual: z.unknown(),
  result: truth,
});

const criterionExplanationSchema = z.strictObject({
  id: z.string(),
  title: engineText,
  topic: z.optional(engineText),
  description: engineText,
  lagrum: z.array(citationSchema),
  onNotMet: z.enum(['REFUSE', 'REFER']),
  status: z.enum(CRITERION_STATUSES),
  reason: engineText,
  factsUsed: z.array(factValueSchema),
  missingFacts: z.array(missingFactSchema),
  checks: z.array(conditionCheckSchema),
  whatWouldChange: z.optional(engineText),
});

const milestoneSchema = z.strictObject({
  kind: z.enum(MILESTONE_KINDS),
  due: isoDate,
  parameter: z.enum(REQUIRED_PARAMETERS),
});

/** What a decision record and its letter say about the approval of the rule set it applied. */
export const approvalRefSchema = z.strictObject({
  approvedAt: z.string(),
  approvedBy: z.strictObject({ name: z.string(), title: z.string() }),
  development: z.boolean(),
});
export type ApprovalRef = z.infer<typeof approvalRefSchema>;

export const retentionPolicySchema = z.strictObject({
  period: z.strictObject({ value: z.number().check(z.nonnegative()), unit: z.enum(DURATION_UNITS) }),
  researchSampleBirthDays: z.array(z.int().check(z.minimum(1), z.maximum(31))),
});
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

const durationSchema = z.strictObject({ value: z.number().check(z.nonnegative()), unit: z.enum(DURATION_UNITS) });
const legalBasisSchema = z.strictObject({ lagrum: z.array(citationSchema), appealRoute: z.enum(APPEAL_ROUTES), appealLagrum: z.array(citationSchema) });

/**
 * The rule-set parameters a follow-up plan is computed from. The proposal carries them, so a
 * signed decision (which has no rule set) can plan a shorter granted period the same way.
 */
const followUpParametersSchema = z.strictObject({
  firstJobPlan: durationSchema,
  deeperPlan: durationSchema,
  followUpInterval: durationSchema,
  /** Counted back from the last day, so it must be a whole number of days. */
  followUpBeforeEnd: z.strictObject({ value: z.number().check(z.nonnegative()), unit: z.enum(['days', 'weeks']) }),
});

/** The engine's `Proposal`, checked at the boundary (a decision file may come from anywhere). */
export const proposalSchema = z.strictObject({
  schemaVersion: z.literal(1),
  outcome: z.enum(PROPOSED_OUTCOMES),
  decisionDate: isoDate,
  ruleSet: z.strictObject({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'Regelverkets id skrivs med gemener, siffror och bindestreck.')),
    version: z.int().check(z.positive()),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'Ange regelverkets sha256 som 64 hexadecimala tecken.')),
    validFrom: z.string(),
    validTo: z.optional(z.string()),
    /** The legal reviewer's approval it was applied under; null outside the service (the CLI, scenarios). */
    approval: z.nullable(approvalRefSchema),
  }),
  inputSha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'Ange indatas sha256 som 64 hexadecimala tecken.')),
  applicant: z.strictObject({ age: z.int().check(z.nonnegative()), identityKind: z.enum(['personnummer', 'samordningsnummer']) }),
  legalBasis: z.nullable(legalBasisSchema),
  legalBases: z.nullable(z.strictObject({ GRANT: legalBasisSchema, REFUSE: legalBasisSchema, REFER: legalBasisSchema })),
  considerationOfRight: z.strictObject({
    lagrum: z.array(citationSchema),
    reason: engineText,
    reasonByOutcome: z.nullable(z.strictObject({ GRANT: engineText, REFUSE: engineText, REFER: engineText })),
  }),
  criteria: z.array(criterionExplanationSchema),
  unmetCriteria: z.array(z.string()),
  referralTriggers: z.array(z.string()),
  missingFacts: z.array(missingFactSchema),
  contradictions: z.array(z.strictObject({ id: z.string(), description: engineText, facts: z.array(factValueSchema) })),
  period: z.nullable(
    z.strictObject({
      requested: period,
      granted: period,
      capped: z.boolean(),
      maxPeriod: durationSchema,
    }),
  ),
  followUp: z.array(milestoneSchema),
  /** What `followUp` was planned from; null when nothing is granted. */
  followUpParameters: z.nullable(followUpParametersSchema),
  referral: z.nullable(
    z.strictObject({ consentToShare: z.nullable(z.boolean()), informationMayBeShared: z.boolean(), consentLagrum: z.array(citationSchema) }),
  ),
  /** Gallring as the rule set gives it: the case file takes it, so no later write needs the rules. */
  retention: retentionPolicySchema,
});

export type Proposal = z.infer<typeof proposalSchema>;
export type CriterionExplanation = z.infer<typeof criterionExplanationSchema>;
export type ConditionCheck = z.infer<typeof conditionCheckSchema>;
export type FactValue = z.infer<typeof factValueSchema>;
export type MissingFact = z.infer<typeof missingFactSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type LegalBasis = z.infer<typeof legalBasisSchema>;
/** A rule-set parameter as a plan uses it: a length of time. */
export type Duration = z.infer<typeof durationSchema>;
export type FollowUpParameters = z.infer<typeof followUpParametersSchema>;
