/**
 * What every use case runs with: the storage port, the clock, ids, and — loaded only when a use
 * case needs them — the rule sets and the delegationsordning. Handlers build one per Lambda module (functions/handlers/
 * context.ts); tests build their own. No use case knows the others.
 */
import type { DecisionStore } from './decision-store';
import type { RuleSetCatalog } from './rule-set-catalog';
import type { RuleSetApproval } from './rule-set-approval-schema';
import type { DelegationOrder } from './delegation-schema';
import type { SignedDecision } from './signed-decision-schema';
import type { PersonKeys } from './person-index';
import { ValidationError } from './errors';
import { issuesFromZod } from './validation';

/** The letter port: renders a parsed, signable decision (functions/letters implements it). */
export type LetterRenderer = (decision: SignedDecision) => Promise<
  | { ok: true; letter: { pdf: Uint8Array; sha256: string; templateVersion: number | string } }
  | { ok: false; error: ValidationError }
>;

/** DynamoDB items are at most 400 KB; the letter's item keeps a margin for its other attributes. */
export const LETTER_LIMIT_BYTES = 350_000;

export interface DomainDeps {
  store: DecisionStore;
  /** Called only by use cases that evaluate or show rule sets; other functions never load rules/. */
  ruleSets: () => RuleSetCatalog;
  /** The delegationsordning; only the signing function loads it. */
  delegations?: () => DelegationOrder;
  renderLetter?: LetterRenderer;
  clock?: () => Date;
  newId?: () => string;
  letterLimitBytes?: number;
  /** Contact details printed when the staff record has none of its own (the unit's switchboard). */
  defaultContact?: { phone: string; email: string };
  /** The person index's keys; only the functions that find a case by a person load them. */
  personKeys?: () => Promise<PersonKeys>;
}

export interface DomainContext {
  store: DecisionStore;
  ruleSets: () => RuleSetCatalog;
  delegations: () => DelegationOrder;
  renderLetter: LetterRenderer;
  clock: () => Date;
  newId: () => string;
  letterLimit: number;
  defaultContact: { phone: string; email: string };
  personKeys: () => Promise<PersonKeys>;
  /** Approvals found, by `id#sha256`: an approval never changes, so a found one is kept. */
  approvals: Map<string, RuleSetApproval>;
}

const noDelegations = (): DelegationOrder => {
  throw new Error('This function does not load the delegationsordning (only the signing function does)');
};

const noLetters: LetterRenderer = async () => {
  throw new Error('This function does not render letters (pdfmake is bundled only where letters are rendered)');
};

const noPersonKeys = (): Promise<PersonKeys> => {
  throw new Error('This function has no person-index key (its route does not say usesPersonIndex)');
};

export function createContext(deps: DomainDeps): DomainContext {
  let catalog: RuleSetCatalog | undefined;
  let delegations: DelegationOrder | undefined;
  return {
    store: deps.store,
    ruleSets: () => (catalog ??= deps.ruleSets()),
    delegations: () => (delegations ??= (deps.delegations ?? noDelegations)()),
    renderLetter: deps.renderLetter ?? noLetters,
    clock: deps.clock ?? (() => new Date()),
    newId: deps.newId ?? (() => crypto.randomUUID()),
    letterLimit: deps.letterLimitBytes ?? LETTER_LIMIT_BYTES,
    defaultContact: deps.defaultContact ?? { phone: '08-508 00 000', email: 'jobbtorg@stockholm.se' },
    personKeys: deps.personKeys ?? noPersonKeys,
    approvals: new Map(),
  };
}

type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };

/** A request body parsed against its schema, or a ValidationError naming each field. */
export function valid<T>(result: Parsed<T>): T {
  if (!result.success) throw new ValidationError(issuesFromZod(result.error.issues));
  return result.data;
}
