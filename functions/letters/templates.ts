/**
 * Letter texts as data: the schema the files in `templates/` must satisfy, the placeholders each
 * text may use, and how they are filled in. Pure: the files are read by load-templates.ts.
 *
 * A placeholder is `{{name}}`. Which names a text may use depends on where it is printed (a
 * footer knows the page number, a referral knows the consent provisions, a refusal has no period),
 * so an unknown or misplaced name is an error when the templates are loaded, never a literal
 * `{{name}}` in a letter sent to someone.
 */
import * as z from 'zod/mini';
import { canonicalSha256 } from '../domain/canonical-json';
import type { FinalOutcome } from '../domain/signed-decision-schema';
import { type ValidationIssue, issuesFromZod } from '../domain/validation';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

const text = z.string({ error: 'Ange en text.' }).check(z.refine((s) => s.trim().length > 0, 'Texten får inte vara tom.'));
/** Written unescaped into the PDF's XMP metadata by pdfkit, so XML's special characters are out. */
const metadataText = text.check(z.refine((s) => !/[<>&]/.test(s), 'Texten får inte innehålla tecknen < > & eftersom den skrivs i PDF-filens metadata.'));
const paragraphs = z.array(text).check(z.minLength(1, 'Ange minst ett stycke.'));

const headingsSchema = z.strictObject({
  decision: text,
  reasons: text,
  deviation: text,
  considerationOfRight: text,
  legalBasis: text,
  followUp: text,
  decisionMaker: text,
  contact: text,
  appeal: text,
});
const textsSchema = z.strictObject({
  factsUsed: text,
  /** Leads in the case worker's written grounds under a criterion. */
  grounds: text,
  metCriteria: text,
  deviation: text,
  legalBasis: text,
  decisionMaker: text,
  contact: text,
});

export const sharedTemplateSchema = z.strictObject({
  /** Raised whenever any text changes; printed on every letter. */
  version: z.int({ error: 'Ange mallens version som ett heltal.' }).check(z.positive()),
  sender: z.strictObject({
    board: text,
    city: text,
    unit: text,
    postalAddress: z.array(text).check(z.minLength(1), z.maxLength(4)),
    phone: text,
    email: text,
    web: text,
  }),
  metadata: z.strictObject({ author: metadataText, title: metadataText }),
  labels: z.strictObject({
    caseNumber: text,
    decisionDate: text,
    applicant: text,
    personnummer: text,
    phone: text,
    email: text,
    web: text,
    page: text,
    traceability: text,
    /** Who approved the rule set applied, and when (the decision record names the approval). */
    approval: z.strictObject({ reviewed: text, development: text, none: text }),
  }),
  headings: headingsSchema,
  text: textsSchema,
  appeal: z.strictObject({ LAGLIGHETSPROVNING: paragraphs, FORVALTNINGSBESVAR: paragraphs, NONE: paragraphs }),
  reconsideration: paragraphs,
  milestones: z.strictObject({ intro: text, FIRST_JOB_PLAN: text, DEEPER_PLAN: text, FOLLOW_UP: text, FINAL_FOLLOW_UP: text }),
});
export type SharedTemplate = z.infer<typeof sharedTemplateSchema>;
export type Headings = z.infer<typeof headingsSchema>;
export type Texts = z.infer<typeof textsSchema>;

const kindBase = {
  title: metadataText,
  subtitle: text,
  subject: metadataText,
  /** The decision in one sentence (or a few). */
  decision: text,
  reasonsIntro: text,
  /** A letter kind may word a shared heading or text its own way (a referral is not a decision). */
  headings: z.optional(z.partial(headingsSchema)),
  text: z.optional(z.partial(textsSchema)),
};

export const grantTemplateSchema = z.strictObject({ kind: z.literal('GRANT'), ...kindBase, insatsHeading: text, insats: text });
export const refuseTemplateSchema = z.strictObject({
  kind: z.literal('REFUSE'),
  ...kindBase,
  /**
   * For a referral the person asked to have decided: printed, with the delegate's written reason,
   * in place of the general text on a decision that differs from the proposal.
   */
  onRequestHeading: text,
  onRequest: text,
});
export const partialTemplateSchema = z.strictObject({
  kind: z.literal('PARTIAL'),
  ...kindBase,
  insatsHeading: text,
  insats: text,
  /** Why the whole period could not be granted when the rule set's longest period capped it. */
  capped: text,
  /** Says which part of the decision the appeal information is about. */
  appealIntro: text,
  /** The provisions of the refused part, printed when they differ from those of the granted part. */
  refusalLegalBasis: text,
});
export const referTemplateSchema = z.strictObject({
  kind: z.literal('REFER'),
  ...kindBase,
  whereToTurnHeading: text,
  whereToTurn: text,
  informationHeading: text,
  /** Only with recorded consent: social-services secrecy applies between the boards (OSL 26 kap.). */
  informationShared: text,
  informationNotShared: text,
  /** A referral cannot be challenged, so the person is told that they may still have the application decided. */
  decisionOnRequest: text,
});

export type GrantTemplate = z.infer<typeof grantTemplateSchema>;
export type RefuseTemplate = z.infer<typeof refuseTemplateSchema>;
export type PartialTemplate = z.infer<typeof partialTemplateSchema>;
export type ReferTemplate = z.infer<typeof referTemplateSchema>;

export const KIND_FILES = { GRANT: 'grant.yaml', REFUSE: 'refuse.yaml', PARTIAL: 'partial.yaml', REFER: 'refer.yaml' } as const satisfies Record<FinalOutcome, string>;
export const SHARED_FILE = 'shared.yaml';

const kindSchemas = { GRANT: grantTemplateSchema, REFUSE: refuseTemplateSchema, PARTIAL: partialTemplateSchema, REFER: referTemplateSchema };

export interface LetterTemplates {
  version: number;
  shared: SharedTemplate;
  kinds: { GRANT: GrantTemplate; REFUSE: RefuseTemplate; PARTIAL: PartialTemplate; REFER: ReferTemplate };
  /** sha256 of the canonical JSON of all templates, for tying a letter to exact texts. */
  sha256: string;
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/** Available in every text of a letter's body. */
export const COMMON_PLACEHOLDERS = [
  'caseNumber',
  'decisionDate',
  'applicantName',
  'personnummer',
  'legalBasis',
  'considerationOfRightLagrum',
  'appealLagrum',
  'decisionMakerName',
  'decisionMakerTitle',
  'delegationReference',
  'contactName',
  'contactPhone',
  'contactEmail',
  'board',
  'city',
  'unit',
] as const;
/** Only in letters that grant something. */
export const PERIOD_PLACEHOLDERS = ['periodFrom', 'periodTo', 'requestedFrom', 'requestedTo', 'maxPeriod'] as const;
/** The `…Short` hashes are the first HASH_PREFIX_LENGTH characters; the full ones are in the embedded decision record. */
export const TRACEABILITY_PLACEHOLDERS = ['ruleSetId', 'ruleSetVersion', 'ruleSetSha256Short', 'inputSha256Short', 'templateVersion'] as const;

export const APPROVAL_PLACEHOLDERS = ['approvedBy', 'approverTitle', 'approvedOn'] as const;

export type Placeholder =
  | (typeof COMMON_PLACEHOLDERS)[number]
  | (typeof APPROVAL_PLACEHOLDERS)[number]
  | (typeof PERIOD_PLACEHOLDERS)[number]
  | (typeof TRACEABILITY_PLACEHOLDERS)[number]
  | 'consentLagrum'
  | 'refusalLegalBasis'
  | 'due'
  | 'page'
  | 'pages'
  | 'letterTitle';

const NONE: readonly Placeholder[] = [];
const COMMON: readonly Placeholder[] = COMMON_PLACEHOLDERS;
const WITH_PERIOD: readonly Placeholder[] = [...COMMON_PLACEHOLDERS, ...PERIOD_PLACEHOLDERS];

/** Which placeholders a text in the shared file may use, by its path. */
function sharedContext(path: string[]): readonly Placeholder[] {
  const [section, key] = path;
  switch (section) {
    case 'sender':
    case 'version':
      return NONE;
    case 'metadata':
      return key === 'title' ? ['letterTitle', 'caseNumber'] : NONE;
    case 'labels':
      if (key === 'page') return ['page', 'pages'];
      if (key === 'traceability') return TRACEABILITY_PLACEHOLDERS;
      if (key === 'approval') return path[2] === 'reviewed' ? APPROVAL_PLACEHOLDERS : NONE;
      return NONE;
    case 'milestones':
      // Milestones are printed only in letters that grant a period.
      return [...WITH_PERIOD, 'due'];
    default:
      return COMMON;
  }
}

function kindContext(kind: FinalOutcome, path: string[]): readonly Placeholder[] {
  const [key] = path;
  if (key === 'subject' || key === 'title' || key === 'kind') return NONE;
  if (kind === 'PARTIAL') return [...WITH_PERIOD, 'refusalLegalBasis'];
  if (kind === 'GRANT') return WITH_PERIOD;
  if (kind === 'REFER') return [...COMMON, 'consentLagrum'];
  return COMMON;
}

function walkStrings(value: unknown, path: string[], visit: (text: string, path: string[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, [...path, String(i)], visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walkStrings(item, [...path, key], visit);
  }
}

/** Every placeholder name in a text. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

function checkPlaceholders(document: unknown, context: (path: string[]) => readonly Placeholder[], prefix: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  walkStrings(document, [], (text, path) => {
    const allowed = context(path);
    const where = [prefix, ...path].join('.');
    for (const name of placeholdersIn(text)) {
      if (!(allowed as readonly string[]).includes(name)) {
        const hint = allowed.length > 0 ? ` Här går det att använda: ${allowed.map((a) => `{{${a}}}`).join(', ')}.` : ' Här går det inte att använda platshållare.';
        issues.push({ path: where, message: `Platshållaren {{${name}}} är okänd här.${hint}` });
      }
    }
    // A half-written placeholder would be printed as it stands: `{{namn` or `{{ fel-namn }}`.
    if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))) {
      issues.push({ path: where, message: 'Texten innehåller {{ eller }} som inte är en hel platshållare. Skriv {{namn}} med bokstäver, siffror och understreck.' });
    }
  });
  return issues;
}

export class LetterTemplateError extends Error {
  readonly code = 'LETTER_TEMPLATES_INVALID';
  constructor(readonly issues: ValidationIssue[]) {
    super(`Brevmallarna är ogiltiga:\n${issues.map((i) => `  ${i.path || '(roten)'}: ${i.message}`).join('\n')}`);
  }
}

/**
 * Validates parsed template documents (shared and one per letter kind) as a whole; throws
 * LetterTemplateError naming every problem.
 */
export function buildLetterTemplates(documents: { shared: unknown; kinds: Record<FinalOutcome, unknown> }): LetterTemplates {
  const issues: ValidationIssue[] = [];
  const prefixed = (file: string, list: ValidationIssue[]) => list.map((i) => ({ path: i.path ? `${file}:${i.path}` : file, message: i.message }));

  const shared = sharedTemplateSchema.safeParse(documents.shared);
  if (!shared.success) issues.push(...prefixed(SHARED_FILE, issuesFromZod(shared.error.issues)));
  else issues.push(...prefixed(SHARED_FILE, checkPlaceholders(shared.data, sharedContext, '').map(stripDot)));

  const kinds: Partial<LetterTemplates['kinds']> = {};
  for (const kind of Object.keys(KIND_FILES) as FinalOutcome[]) {
    const file = KIND_FILES[kind];
    const parsed = kindSchemas[kind].safeParse(documents.kinds[kind]);
    if (!parsed.success) {
      issues.push(...prefixed(file, issuesFromZod(parsed.error.issues)));
      continue;
    }
    issues.push(...prefixed(file, checkPlaceholders(parsed.data, (path) => kindContext(kind, path), '').map(stripDot)));
    (kinds as Record<string, unknown>)[kind] = parsed.data;
  }
  if (issues.length > 0 || !shared.success) throw new LetterTemplateError(issues);
  const complete = kinds as LetterTemplates['kinds'];
  return { version: shared.data.version, shared: shared.data, kinds: complete, sha256: canonicalSha256({ shared: shared.data, kinds: complete }) };
}

const stripDot = (issue: ValidationIssue): ValidationIssue => ({ ...issue, path: issue.path.replace(/^\./, '') });

/**
 * Fills in placeholders in one pass: a value is never scanned again, so a name or reason that
 * itself looks like `{{caseNumber}}` is printed as written.
 */
export function fill(text: string, values: Partial<Record<Placeholder, string>>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name as Placeholder];
    // The templates were checked against the same contexts when loaded; a gap here is a bug in
    // the layout, and a letter with a hole in it must not be produced.
    if (value === undefined) throw new Error(`Letter layout did not provide the placeholder {{${name}}}`);
    return value;
  });
}

/** The headings and texts of one letter kind: the shared ones, with the kind's own wording where it has any. */
export function wordingFor(templates: LetterTemplates, kind: FinalOutcome): { headings: Headings; text: Texts } {
  const own = templates.kinds[kind];
  return { headings: { ...templates.shared.headings, ...own.headings }, text: { ...templates.shared.text, ...own.text } };
}
