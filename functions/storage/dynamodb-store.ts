/**
 * The DynamoDB adapter of the DecisionStore port. Structured records are stored as one JSON
 * document attribute (`data`) beside the few attributes that keys, conditions and the due index
 * need, so nothing here depends on a marshalling library.
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  paginateQuery,
} from '@aws-sdk/client-dynamodb';
import { ConflictError, UnavailableError } from '../domain/errors';
import * as z from 'zod/mini';
import {
  type AuditEvent,
  type CaseFile,
  type CaseRecord,
  type DecisionForReplay,
  type DecisionRecord,
  type DueMilestone,
  type EndingRecord,
  type LetterRecord,
  type MilestoneRecord,
  type OwnProposal,
  type ProposalWaiting,
  type SearchLogEntry,
  type ReferralRecord,
  type WaitingReferral,
  auditEventSchema,
  caseRecordSchema,
  decisionForReplaySchema,
  decisionRecordSchema,
  endingRecordSchema,
  letterMetadataSchema,
  milestoneRecordSchema,
  queueEntrySchema,
  referralRecordSchema,
  searchLogEntrySchema,
} from '../domain/records-schema';
import { PROPOSED_OUTCOMES } from '../domain/proposal-schema';
import { todayInStockholm } from '../domain/dates';
import type { DecidedRef, DecisionStore, RuleSetAccessEvent, RuleSetAuditEvent, StoredIdempotency, WriteUnit } from '../domain/decision-store';
import { type RuleSetApproval, ruleSetApprovalSchema } from '../domain/rule-set-approval-schema';
import { isExpired } from '../domain/retention';
import { issuedCaseNumber } from '../domain/case-number';
import { type MonthCounts, decisionCells, endingCells } from '../domain/statistics/statistics';
import { DUE_INDEX, INDEXED_CASE_NUMBER, INDEXED_PERSON, KEYS, QUEUE_INDEX, TTL_ATTRIBUTE } from './table';

type Item = Record<string, AttributeValue>;

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });
const json = (value: unknown): AttributeValue => ({ S: JSON.stringify(value) });
/** A stored item that does not match its record's schema: named by its key, never cast through. */
export class MalformedRecordError extends Error {
  constructor(item: Item, issues: string) {
    super(`The stored item ${item[KEYS.partition]?.S ?? '?'} / ${item[KEYS.sort]?.S ?? '?'} does not match its schema: ${issues}`);
    this.name = 'MalformedRecordError';
  }
}

/** The item's JSON document, parsed against its record's schema. */
function parse<T>(schema: z.ZodMiniType<T>, item: Item, attribute = 'data'): T {
  let document: unknown;
  try {
    document = JSON.parse(item[attribute]?.S ?? 'null');
  } catch {
    throw new MalformedRecordError(item, 'the data attribute is not JSON');
  }
  const parsed = schema.safeParse(document);
  if (!parsed.success) throw new MalformedRecordError(item, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  return parsed.data;
}

export const keys = {
  case: (caseId: string) => ({ [KEYS.partition]: S(`CASE#${caseId}`), [KEYS.sort]: S('CASE') }),
  decision: (caseId: string, decisionId: string) => ({ [KEYS.partition]: S(`CASE#${caseId}`), [KEYS.sort]: S(`DECISION#${decisionId}`) }),
  decisionRef: (decisionId: string) => ({ [KEYS.partition]: S(`DECISION#${decisionId}`), [KEYS.sort]: S('REF') }),
  letter: (caseId: string, decisionId: string) => ({ [KEYS.partition]: S(`CASE#${caseId}`), [KEYS.sort]: S(`LETTER#${decisionId}`) }),
  milestone: (caseId: string, decisionId: string, milestoneId: string) => ({
    [KEYS.partition]: S(`CASE#${caseId}`),
    [KEYS.sort]: S(`MILESTONE#${decisionId}#${milestoneId}`),
  }),
  ending: (caseId: string, decisionId: string) => ({ [KEYS.partition]: S(`CASE#${caseId}`), [KEYS.sort]: S(`ENDING#${decisionId}`) }),
  /**
   * In its case's partition (or its referral's); time, then position within its write, then id.
   * Reads are logged under ACCESS#, changes under AUDIT#: a case's history (its changes) stays
   * small however often it is read, and the access log is there for whoever audits the reads.
   */
  audit: (event: AuditEvent, position = 0) => ({
    [KEYS.partition]: S(event.caseId ? `CASE#${event.caseId}` : `REFERRAL#${event.referralId}`),
    [KEYS.sort]: S(`${isReadEvent(event) ? 'ACCESS' : 'AUDIT'}#${event.at}#${String(position).padStart(2, '0')}#${event.eventId}`),
  }),
  idempotency: (scope: string, key: string) => ({ [KEYS.partition]: S(`IDEMPOTENCY#${scope}#${key}`), [KEYS.sort]: S('IDEMPOTENCY') }),
  /** Which case holds a case number (written with the case, never replaced: numbers are unique). */
  caseNumber: (caseNumber: string) => ({ [KEYS.partition]: S(`CASENUMBER#${caseNumber}`), [KEYS.sort]: S('CASE_NUMBER') }),
  /**
   * The person index: one entry per case of the person, under the keyed hash of their identity
   * number (never the number itself), and one claim item that makes a second case for the same
   * person fail (one person, one case).
   */
  personCase: (personKey: string, caseId: string) => ({ [KEYS.partition]: S(`PERSON#${personKey}`), [KEYS.sort]: S(`CASE#${caseId}`) }),
  personClaim: (personKey: string) => ({ [KEYS.partition]: S(`PERSON#${personKey}`), [KEYS.sort]: S('PERSON') }),
  /**
   * In the case's partition, what points at the case from outside it (its person index entries and
   * its case number), so gallring finds them from the case alone (functions/storage/cull.ts).
   */
  indexedPerson: (caseId: string, personKey: string) => ({ [KEYS.partition]: S(`CASE#${caseId}`), [KEYS.sort]: S(`${INDEXED_PERSON}${personKey}`) }),
  indexedCaseNumber: (caseId: string, caseNumber: string) => ({ [KEYS.partition]: S(`CASE#${caseId}`), [KEYS.sort]: S(`${INDEXED_CASE_NUMBER}${caseNumber}`) }),
  /** A search in the access log, by the Stockholm date it was made on. */
  searchLog: (entry: SearchLogEntry) => ({ [KEYS.partition]: S(`SEARCHLOG#${todayInStockholm(new Date(entry.at))}`), [KEYS.sort]: S(`${entry.at}#${entry.eventId}`) }),
  counter: (name: string) => ({ [KEYS.partition]: S(`COUNTER#${name}`), [KEYS.sort]: S('COUNTER') }),
  referral: (referralId: string) => ({ [KEYS.partition]: S(`REFERRAL#${referralId}`), [KEYS.sort]: S('REFERRAL') }),
  /** One item per approved content: a changed rule set has another sha256 and no approval. */
  ruleSetApproval: (ruleSetId: string, sha256: string) => ({ [KEYS.partition]: S(`RULESET#${ruleSetId}`), [KEYS.sort]: S(`APPROVAL#${sha256}`) }),
  ruleSetAudit: (event: RuleSetAuditEvent) => ({ [KEYS.partition]: S(`RULESET#${event.ruleSetId}`), [KEYS.sort]: S(`AUDIT#${event.at}#${event.eventId}`) }),
  /** Reads of stored decisions through a rule set (a replay), apart from its approvals as a case's reads are. */
  ruleSetAccess: (event: RuleSetAccessEvent) => ({ [KEYS.partition]: S(`RULESET#${event.ruleSetId}`), [KEYS.sort]: S(`ACCESS#${event.at}#${event.eventId}`) }),
  screeningCount: (month: string) => ({ [KEYS.partition]: S('STATS#SCREENING'), [KEYS.sort]: S(`MONTH#${month}`) }),
};

/** The waiting referrals share the sparse index with due milestones, in their own partition. */
export const WAITING_REFERRALS = 'REFERRALS#WAITING';

function referralItem(record: ReferralRecord): Item {
  const item: Item = { ...keys.referral(record.referralId), type: S('REFERRAL'), status: S(record.status), data: json(record) };
  if (record.expiresAt !== null) item[TTL_ATTRIBUTE] = N(record.expiresAt);
  if (record.status === 'WAITING') {
    item[DUE_INDEX.partition] = S(WAITING_REFERRALS);
    item[DUE_INDEX.sort] = S(`${record.createdAt}#${record.referralId}`);
  }
  return item;
}

const READ_ACTIONS = new Set<AuditEvent['action']>(['READ_DECISION', 'READ_LETTER', 'READ_REFERRAL', 'READ_CASE', 'FOUND_BY_SEARCH', 'READ_ACCESS_LOG']);
const isReadEvent = (event: AuditEvent) => READ_ACTIONS.has(event.action);

/** A case's milestones spread over the due index's shards by its (random) id. */
export function dueShard(caseId: string): number {
  let hash = 2166136261;
  for (let i = 0; i < caseId.length; i++) hash = Math.imul(hash ^ caseId.charCodeAt(i), 16777619);
  return (hash >>> 0) % DUE_INDEX.shards;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const notExists = `attribute_not_exists(${KEYS.partition})`;

/** Names of SDK errors that mean "the service is overloaded or failing": retried, then 503. */
const UNAVAILABLE_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);

function translate(error: unknown): never {
  const name = (error as { name?: string }).name ?? '';
  if (UNAVAILABLE_ERRORS.has(name)) throw new UnavailableError(name);
  throw error;
}

function caseItem(record: CaseRecord): Item {
  const item: Item = {
    ...keys.case(record.caseId),
    type: S('CASE'),
    caseId: S(record.caseId),
    caseNumber: S(record.caseNumber),
    version: N(record.version),
    lastEntryAt: S(record.lastEntryAt),
    data: json(record),
  };
  if (record.expiresAt !== null) item[TTL_ATTRIBUTE] = N(record.expiresAt);
  return item;
}

const statsPartition = (month: string) => S(`STATS#${month}`);

/** The *Att besluta* queue's partition in the queue index. */
export const TO_DECIDE_QUEUE = 'QUEUE#TO_DECIDE';

/**
 * A staff member's own work list (*Mina ärenden*): their proposals waiting for a delegate in the
 * due index, the follow-ups of cases they are responsible for in the queue index, both under
 * `MINE#<staff id>`. The sort key carries what the list shows, so the indexes' projections suffice.
 */
export const minePartition = (actorId: string) => `MINE#${actorId}`;

function decisionItem(record: DecisionRecord, caseNumber: string | undefined): Item {
  const item: Item = {
    ...keys.decision(record.caseId, record.decisionId),
    type: S('DECISION'),
    decisionId: S(record.decisionId),
    caseId: S(record.caseId),
    status: S(record.status),
    version: N(record.version),
    data: json(record),
  };
  // The case number is service-issued (no personal data): the indexes show it beside the ids.
  if (caseNumber !== undefined) item.caseNumber = S(caseNumber);
  // Waiting for a delegate: in the queue, oldest first; a signed or withdrawn one is rewritten without it.
  if (record.status === 'PROPOSED' && caseNumber !== undefined) {
    item[QUEUE_INDEX.partition] = S(TO_DECIDE_QUEUE);
    item[QUEUE_INDEX.sort] = S(`${record.proposedAt}#${record.decisionId}`);
    item.queue = json({ proposedOutcome: record.proposal.outcome, proposedAt: record.proposedAt, proposedBy: record.proposedBy });
    item[DUE_INDEX.partition] = S(minePartition(record.proposedBy.id));
    item[DUE_INDEX.sort] = S(`PROPOSAL#${record.proposedAt}#${record.proposal.outcome}#${record.decisionId}`);
  }
  // A decision that was made counts in the statistics for the month of its decision date, also
  // after it has been superseded (it was still a decision).
  if (record.signed) {
    item[DUE_INDEX.partition] = statsPartition(record.decisionDate.slice(0, 7));
    item[DUE_INDEX.sort] = S(`DECISION#${record.decisionId}`);
    item.stats = S(decisionCells(record.proposal, record.signed.finalOutcome).join('|'));
  }
  return item;
}

function endingItem(ending: EndingRecord, caseId: string): Item {
  return {
    ...keys.ending(caseId, ending.decisionId),
    type: S('ENDING'),
    data: json(ending),
    [DUE_INDEX.partition]: statsPartition(ending.endedOn.slice(0, 7)),
    [DUE_INDEX.sort]: S(`ENDING#${ending.decisionId}`),
    stats: S(endingCells(ending.reason).join('|')),
  };
}

function milestoneItem(record: MilestoneRecord, caseNumber: string, responsibleId: string | undefined): Item {
  const item: Item = {
    ...keys.milestone(record.caseId, record.decisionId, record.milestoneId),
    type: S('MILESTONE'),
    status: S(record.status),
    caseId: S(record.caseId),
    decisionId: S(record.decisionId),
    kind: S(record.kind),
    due: S(record.due),
    caseNumber: S(caseNumber),
    data: json(record),
  };
  // Sparse index: only open milestones are in it, so the due list never reads done ones.
  if (record.status === 'OPEN') {
    item[DUE_INDEX.partition] = S(`DUE#${dueShard(record.caseId)}`);
    item[DUE_INDEX.sort] = S(`${record.due}#${record.caseId}#${record.decisionId}#${record.milestoneId}`);
    if (responsibleId !== undefined) {
      item[QUEUE_INDEX.partition] = S(minePartition(responsibleId));
      item[QUEUE_INDEX.sort] = S(`FOLLOWUP#${record.due}#${record.kind}#${record.caseId}#${record.decisionId}#${record.milestoneId}`);
    }
  }
  return item;
}

export interface StoreOptions {
  /** Called with the capacity units each read and log write consumed (metrics, the bench). */
  onConsumedCapacity?: (operation: string, units: number) => void;
}

export class DynamoDbDecisionStore implements DecisionStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly clock: () => Date = () => new Date(),
    private readonly options: StoreOptions = {},
  ) {}

  /** Every page of a query (the SDK's paginator sends each page's QueryCommand through this client). */
  private async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    try {
      for await (const page of paginateQuery({ client: this.client }, { ...input, TableName: this.tableName, ...this.returnCapacity })) {
        this.consumed('Query', page.ConsumedCapacity);
        items.push(...((page.Items ?? []) as Item[]));
      }
    } catch (error) {
      translate(error);
    }
    return items;
  }

  /** One item by its key, strongly consistent; undefined when there is none. */
  private async getItem(key: Item): Promise<Item | undefined> {
    const result = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key, ConsistentRead: true, ...this.returnCapacity })).catch(translate);
    this.consumed('GetItem', result.ConsumedCapacity);
    return result.Item as Item | undefined;
  }

  /** Asks DynamoDB for the capacity consumed only when someone listens (the bench, metrics). */
  private get returnCapacity(): { ReturnConsumedCapacity?: 'TOTAL' } {
    return this.options.onConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' } : {};
  }

  private consumed(operation: string, capacity: { CapacityUnits?: number } | undefined): void {
    if (capacity) this.options.onConsumedCapacity?.(operation, capacity.CapacityUnits ?? 0);
  }

  async caseIdOfDecision(decisionId: string): Promise<string | undefined> {
    return (await this.getItem(keys.decisionRef(decisionId)))?.caseId?.S;
  }

  async readCase(caseId: string): Promise<CaseFile | undefined> {
    const pk = S(`CASE#${caseId}`);
    const range = (from: string, to: string) =>
      this.query({
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': KEYS.partition, '#sk': KEYS.sort },
        ExpressionAttributeValues: { ':pk': pk, ':from': S(from), ':to': S(to) },
        ConsistentRead: true,
      });
    // Letters (large) are read only when asked for; the rest of the case in three ranges.
    const [head, milestones, audit] = await Promise.all([
      range('CASE', 'ENDING#\uffff'),
      range('MILESTONE#', 'MILESTONE#\uffff'),
      range('AUDIT#', 'AUDIT#\uffff'),
    ]);
    const caseRow = head.find((i) => i[KEYS.sort]?.S === 'CASE');
    if (!caseRow) return undefined;
    const record = parse(caseRecordSchema, caseRow);
    // DynamoDB deletes expired items only eventually; a culled case must not be readable meanwhile.
    if (isExpired(record.expiresAt, this.clock())) return undefined;
    const of = (prefix: string) => head.filter((i) => i[KEYS.sort]?.S?.startsWith(prefix));
    return {
      case: record,
      decisions: of('DECISION#').map((i) => parse(decisionRecordSchema, i)),
      endings: of('ENDING#').map((i) => parse(endingRecordSchema, i)),
      milestones: milestones.map((i) => parse(milestoneRecordSchema, i)),
      audit: audit.map((i) => parse(auditEventSchema, i)),
    };
  }

  /** Who read the case's personal data or letters, and when. */
  async readAccessLog(caseId: string): Promise<AuditEvent[]> {
    const items = await this.query({
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :access)',
      ExpressionAttributeNames: { '#pk': KEYS.partition, '#sk': KEYS.sort },
      ExpressionAttributeValues: { ':pk': S(`CASE#${caseId}`), ':access': S('ACCESS#') },
      ConsistentRead: true,
    });
    return items.map((i) => parse(auditEventSchema, i));
  }

  async readLetter(caseId: string, decisionId: string): Promise<LetterRecord | undefined> {
    const item = await this.getItem(keys.letter(caseId, decisionId));
    if (!item?.pdf?.B) return undefined;
    return { ...parse(letterMetadataSchema, item), pdf: item.pdf.B };
  }

  async readIdempotency(scope: string, key: string): Promise<StoredIdempotency | undefined> {
    const item = await this.getItem(keys.idempotency(scope, key));
    if (!item) return undefined;
    if (isExpired(Number(item[TTL_ATTRIBUTE]?.N), this.clock())) return undefined;
    return { requestSha256: item.requestSha256?.S ?? '', response: parse(z.unknown(), item, 'response') };
  }

  async write(unit: WriteUnit): Promise<'WRITTEN' | 'IDEMPOTENT_REPLAY'> {
    const items: TransactWriteItem[] = [];
    const put = (item: Item, condition = notExists, values?: Item) =>
      items.push({ Put: { TableName: this.tableName, Item: item, ConditionExpression: condition, ...(values ? { ExpressionAttributeValues: values } : {}) } });

    let caseNumber: string | undefined = unit.newCase?.caseNumber;
    if (unit.newCase) {
      put(caseItem(unit.newCase));
      // A case number names one case only: the write fails if another case already has it.
      put({ ...keys.caseNumber(unit.newCase.caseNumber), type: S('CASE_NUMBER'), caseId: S(unit.newCase.caseId) });
      put({ ...keys.indexedCaseNumber(unit.newCase.caseId, unit.newCase.caseNumber), type: S('INDEXED') });
    }
    if (unit.touch) {
      const { record, expectedVersion } = unit.touch;
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.case(record.caseId),
          // Every change to a case passes through its version: concurrent changes cannot both win.
          ConditionExpression: `attribute_exists(${KEYS.partition}) AND #v = :expected`,
          UpdateExpression: `SET lastEntryAt = :at, #v = :version, #data = :data${record.expiresAt === null ? ' REMOVE #ttl' : ', #ttl = :ttl'}`,
          ExpressionAttributeNames: { '#v': 'version', '#ttl': TTL_ATTRIBUTE, '#data': 'data' },
          ExpressionAttributeValues: {
            ':at': S(record.lastEntryAt),
            ':version': N(record.version),
            ':expected': N(expectedVersion),
            ':data': json(record),
            ...(record.expiresAt === null ? {} : { ':ttl': N(record.expiresAt) }),
          },
        },
      });
      caseNumber = record.caseNumber;
    }
    const responsibleId = (unit.touch?.record ?? unit.newCase)?.responsible?.id;
    if (unit.indexPerson) {
      const { personKey, caseId, claim, staleCases = [] } = unit.indexPerson;
      // Rewriting the entry of the same case changes nothing; it also indexes a case made before the index.
      items.push({ Put: { TableName: this.tableName, Item: { ...keys.personCase(personKey, caseId), type: S('PERSON_CASE'), caseId: S(caseId) } } });
      items.push({ Put: { TableName: this.tableName, Item: { ...keys.indexedPerson(caseId, personKey), type: S('INDEXED') } } });
      if (claim && staleCases.length === 0) put({ ...keys.personClaim(personKey), type: S('PERSON'), caseId: S(caseId) });
      else if (claim) {
        // The person's claim names a case that is gone: the new case takes it over, and only from that state.
        const stale = Object.fromEntries(staleCases.map((id, i) => [`:stale${i}`, S(id)]));
        items.push({
          Put: {
            TableName: this.tableName,
            Item: { ...keys.personClaim(personKey), type: S('PERSON'), caseId: S(caseId) },
            ConditionExpression: `${notExists} OR #caseId IN (${Object.keys(stale).join(', ')})`,
            ExpressionAttributeNames: { '#caseId': 'caseId' },
            ExpressionAttributeValues: stale,
          },
        });
      }
    }
    for (const d of unit.putDecisions ?? []) {
      put(decisionItem(d, caseNumber));
      put({ ...keys.decisionRef(d.decisionId), type: S('DECISION_REF'), caseId: S(d.caseId) });
    }
    // Replacing an item only from the state the change was decided on (optimistic locking).
    const replace = (item: Item, expectedStatus: string, expectedVersion?: number) =>
      items.push({
        Put: {
          TableName: this.tableName,
          Item: item,
          ConditionExpression: expectedVersion === undefined ? '#s = :expectedStatus' : '#s = :expectedStatus AND #v = :expectedVersion',
          ExpressionAttributeNames: { '#s': 'status', ...(expectedVersion === undefined ? {} : { '#v': 'version' }) },
          ExpressionAttributeValues: { ':expectedStatus': S(expectedStatus), ...(expectedVersion === undefined ? {} : { ':expectedVersion': N(expectedVersion) }) },
        },
      });
    for (const { record, expectedVersion, expectedStatus } of unit.updateDecisions ?? []) replace(decisionItem(record, caseNumber), expectedStatus, expectedVersion);
    if (unit.putLetter) {
      const { caseId, letter } = unit.putLetter;
      const { pdf, ...meta } = letter;
      put({ ...keys.letter(caseId, letter.decisionId), type: S('LETTER'), pdf: { B: pdf }, sha256: S(letter.sha256), data: json(meta) });
    }
    const number = caseNumber ?? '';
    for (const m of unit.putMilestones ?? []) put(milestoneItem(m, number, responsibleId));
    for (const { record, expectedStatus } of unit.updateMilestones ?? []) replace(milestoneItem(record, number, responsibleId), expectedStatus);
    if (unit.putReferral) put(referralItem(unit.putReferral));
    if (unit.updateReferral) replace(referralItem(unit.updateReferral.record), unit.updateReferral.expectedStatus);
    if (unit.putEnding) put(endingItem(unit.putEnding.ending, unit.putEnding.caseId));
    unit.audit.forEach((event, position) => put({ ...keys.audit(event, position), type: S('AUDIT'), data: json(event) }));
    let idempotencyIndex = -1;
    if (unit.idempotency) {
      const { scope, key, requestSha256, response } = unit.idempotency;
      idempotencyIndex = items.length;
      put({
        ...keys.idempotency(scope, key),
        type: S('IDEMPOTENCY'),
        requestSha256: S(requestSha256),
        response: json(response),
        [TTL_ATTRIBUTE]: N(Math.floor(this.clock().getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS),
      });
    }

    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return 'WRITTEN';
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name !== 'TransactionCanceledException') translate(error);
      const reasons = ((error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      if (idempotencyIndex >= 0 && reasons[idempotencyIndex] === 'ConditionalCheckFailed') return 'IDEMPOTENT_REPLAY';
      if (reasons.some((r) => r === 'ThrottlingError' || r === 'ProvisionedThroughputExceeded')) throw new UnavailableError(`TransactionCanceled: ${reasons.join(',')}`);
      if (reasons.some((r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict')) {
        throw new ConflictError('VERSION', 'Ärendet ändrades av någon annan samtidigt. Läs in det på nytt och försök igen.');
      }
      throw new UnavailableError(`TransactionCanceled: ${reasons.join(',')}`);
    }
  }

  async appendAudit(events: AuditEvent[]): Promise<void> {
    await Promise.all(
      events.map((event) =>
        this.client
          .send(new PutItemCommand({ TableName: this.tableName, Item: { ...keys.audit(event), type: S('AUDIT'), data: json(event) }, ConditionExpression: notExists, ...this.returnCapacity }))
          .then((out) => this.consumed('PutItem', out.ConsumedCapacity))
          .catch(translate),
      ),
    );
  }

  async nextCaseNumber(year: number): Promise<string> {
    const result = await this.client
      .send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: keys.counter(`CASE#${year}`),
          UpdateExpression: 'ADD #seq :one',
          ExpressionAttributeNames: { '#seq': 'seq' },
          ExpressionAttributeValues: { ':one': N(1) },
          ReturnValues: 'UPDATED_NEW',
        }),
      )
      .catch(translate);
    const seq = Number(result.Attributes?.seq?.N ?? '0');
    return issuedCaseNumber(year, seq);
  }

  async readReferral(referralId: string): Promise<ReferralRecord | undefined> {
    const item = await this.getItem(keys.referral(referralId));
    if (!item) return undefined;
    const record = parse(referralRecordSchema, item);
    return isExpired(record.expiresAt, this.clock()) ? undefined : record;
  }

  /**
   * The first `limit` items of one partition of an index, in sort-key order (a work list's page):
   * from after `after` in that order, or only those whose sort key begins with `prefix`.
   */
  private async firstPage(
    index: { name: string; partition: string; sort: string },
    partition: string,
    limit: number,
    sortKey: { after?: string; prefix?: string } = {},
  ): Promise<Item[]> {
    const { after, prefix } = sortKey;
    const condition = after !== undefined ? ' AND #sk > :sk' : prefix !== undefined ? ' AND begins_with(#sk, :sk)' : '';
    const bound = after ?? prefix;
    const page = await this.client
      .send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: `#pk = :pk${condition}`,
          ExpressionAttributeNames: { '#pk': index.partition, ...(bound === undefined ? {} : { '#sk': index.sort }) },
          ExpressionAttributeValues: { ':pk': S(partition), ...(bound === undefined ? {} : { ':sk': S(bound) }) },
          Limit: limit,
          ...this.returnCapacity,
        }),
      )
      .catch(translate);
    this.consumed('Query', page.ConsumedCapacity);
    return (page.Items ?? []) as Item[];
  }

  /** Sorted by arrival (`<createdAt>#<referralId>`), so the page starts after `createdAfter`. */
  async listWaitingReferrals(limit: number, createdAfter: string): Promise<WaitingReferral[]> {
    return (await this.firstPage(DUE_INDEX, WAITING_REFERRALS, limit, { after: createdAfter })).map((item) => {
      const [createdAt, referralId] = (item[DUE_INDEX.sort]?.S ?? '').split('#');
      return { referralId: referralId ?? '', createdAt: createdAt ?? '' };
    });
  }

  /** Counts per month from the statistics partitions of the index: one query per month. */
  async readStatistics(months: string[]): Promise<MonthCounts[]> {
    return Promise.all(
      months.map(async (month) => {
        const items = await this.query({
          IndexName: DUE_INDEX.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': DUE_INDEX.partition, '#stats': 'stats' },
          ExpressionAttributeValues: { ':pk': statsPartition(month) },
          ProjectionExpression: '#stats',
        });
        const counts: Record<string, number> = {};
        for (const item of items) {
          for (const cell of (item.stats?.S ?? '').split('|').filter(Boolean)) counts[cell] = (counts[cell] ?? 0) + 1;
        }
        return { month, counts };
      }),
    );
  }

  async readRuleSetApproval(ruleSetId: string, sha256: string): Promise<RuleSetApproval | undefined> {
    const item = await this.getItem(keys.ruleSetApproval(ruleSetId, sha256));
    if (!item) return undefined;
    return parse(ruleSetApprovalSchema, item);
  }

  async recordRuleSetApproval(approval: RuleSetApproval, audit: RuleSetAuditEvent): Promise<void> {
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.ruleSetApproval(approval.ruleSetId, approval.sha256), type: S('RULESET_APPROVAL'), data: json(approval) },
          // Written once, never replaced: an approval is a record of what a named person approved.
          ConditionExpression: notExists,
        },
      },
      { Put: { TableName: this.tableName, Item: { ...keys.ruleSetAudit(audit), type: S('AUDIT'), data: json(audit) }, ConditionExpression: notExists } },
    ];
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    } catch (error) {
      const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
      if ((error as { name?: string }).name === 'TransactionCanceledException' && reasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError('ALREADY_APPROVED', `Regelverket ${approval.ruleSetId} är redan godkänt med detta innehåll. Ett godkännande ändras aldrig.`);
      }
      translate(error);
    }
  }

  async countScreening(month: string, path: string): Promise<void> {
    await this.client
      .send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: keys.screeningCount(month),
          UpdateExpression: 'ADD #path :one, #total :one',
          ExpressionAttributeNames: { '#path': path, '#total': 'TOTAL' },
          ExpressionAttributeValues: { ':one': N(1) },
        }),
      )
      .catch(translate);
  }

  async casesOfPerson(personKeys: string[]): Promise<string[]> {
    // The whole partition: the claim (sort key PERSON) and one entry per case (CASE#…).
    const perKey = await Promise.all(
      personKeys.map((personKey) =>
        this.query({
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': KEYS.partition },
          ExpressionAttributeValues: { ':pk': S(`PERSON#${personKey}`) },
          ConsistentRead: true,
        }),
      ),
    );
    const items = perKey.flat();
    const claimed = items.filter((item) => item[KEYS.sort]?.S === 'PERSON');
    return [...new Set([...claimed, ...items].map((item) => item.caseId?.S ?? '').filter(Boolean))];
  }

  async caseIdOfNumber(caseNumber: string): Promise<string | undefined> {
    return (await this.getItem(keys.caseNumber(caseNumber)))?.caseId?.S;
  }

  /**
   * The `data` documents of the items with these keys, 100 per BatchGetItem; keys DynamoDB leaves
   * unprocessed under load are asked for again. Order is not kept; missing items are left out.
   */
  private async batchGetData(itemKeys: Item[], consistent: boolean): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < itemKeys.length; i += 100) {
      let request: Record<string, { Keys: Item[]; ConsistentRead: boolean; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
        [this.tableName]: { Keys: itemKeys.slice(i, i + 100), ConsistentRead: consistent, ProjectionExpression: '#data', ExpressionAttributeNames: { '#data': 'data' } },
      };
      for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        const out = await this.client.send(new BatchGetItemCommand({ RequestItems: request, ...this.returnCapacity })).catch(translate);
        for (const capacity of out.ConsumedCapacity ?? []) this.consumed('BatchGetItem', capacity);
        found.push(...((out.Responses?.[this.tableName] ?? []) as Item[]));
        request = out.UnprocessedKeys as typeof request;
        if (attempt > 8 && request && Object.keys(request).length > 0) throw new UnavailableError('BatchGetItem left keys unprocessed');
      }
    }
    return found;
  }

  async readCaseRecords(caseIds: string[]): Promise<CaseRecord[]> {
    const found = await this.batchGetData([...new Set(caseIds)].map((id) => keys.case(id)), true);
    const now = this.clock();
    return found.map((item) => parse(caseRecordSchema, item)).filter((record) => !isExpired(record.expiresAt, now));
  }

  async listDecidedInMonth(month: string, after: string | undefined, limit: number): Promise<{ refs: DecidedRef[]; more: boolean }> {
    // The statistics partition of the month holds its signed decisions (sort key DECISION#<id>)
    // and its endings (ENDING#…): a key range keeps to the decisions, in id order, from `after`.
    const refs: DecidedRef[] = [];
    let start: Item | undefined;
    let leftOver = false;
    do {
      const page = await this.client
        .send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: DUE_INDEX.name,
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#pk': DUE_INDEX.partition, '#sk': DUE_INDEX.sort, '#caseNumber': 'caseNumber' },
            ExpressionAttributeValues: { ':pk': statsPartition(month), ':from': S(`DECISION#${after ?? ''}`), ':to': S('DECISION#\uffff') },
            ProjectionExpression: 'caseId, decisionId, #caseNumber',
            // One more than asked for when starting at `after`, which is itself in the range.
            Limit: limit - refs.length + (after === undefined ? 0 : 1),
            ExclusiveStartKey: start,
            ...this.returnCapacity,
          }),
        )
        .catch(translate);
      this.consumed('Query', page.ConsumedCapacity);
      for (const item of (page.Items ?? []) as Item[]) {
        const decisionId = item.decisionId?.S ?? '';
        if (decisionId === after) continue;
        if (refs.length === limit) {
          leftOver = true;
          continue;
        }
        const caseNumber = item.caseNumber?.S;
        refs.push({ caseId: item.caseId?.S ?? '', decisionId, ...(caseNumber !== undefined ? { caseNumber } : {}) });
      }
      start = page.LastEvaluatedKey as Item | undefined;
    } while (start && refs.length < limit);
    return { refs, more: start !== undefined || leftOver };
  }

  async readDecisionsForReplay(refs: DecidedRef[]): Promise<DecisionForReplay[]> {
    // Eventually consistent: a signed decision's facts and proposal are never changed. Only the
    // decision items are read, never the case item with the person's name and number. A case
    // past its retention is culled from the TTL stream within a day or two; until then its
    // decisions can still be replayed, by reference only.
    const found = await this.batchGetData(refs.map((r) => keys.decision(r.caseId, r.decisionId)), false);
    const byId = new Map(found.map((item) => {
      const decision = parse(decisionForReplaySchema, item);
      return [decision.decisionId, decision] as const;
    }));
    return refs.flatMap((r) => byId.get(r.decisionId) ?? []);
  }

  async appendRuleSetAccess(event: RuleSetAccessEvent): Promise<void> {
    await this.client
      .send(new PutItemCommand({ TableName: this.tableName, Item: { ...keys.ruleSetAccess(event), type: S('AUDIT'), data: json(event) }, ConditionExpression: notExists, ...this.returnCapacity }))
      .then((out) => this.consumed('PutItem', out.ConsumedCapacity))
      .catch(translate);
  }

  async listOwnProposals(actorId: string, limit: number): Promise<OwnProposal[]> {
    const items = await this.firstPage(DUE_INDEX, minePartition(actorId), limit, { prefix: 'PROPOSAL#' });
    return items.map((item) => {
      const [, proposedAt = '', outcome = ''] = (item[DUE_INDEX.sort]?.S ?? '').split('#');
      const proposedOutcome = z.enum(PROPOSED_OUTCOMES).safeParse(outcome);
      if (!proposedOutcome.success) throw new MalformedRecordError(item, `unknown proposed outcome ${outcome}`);
      return { caseId: item.caseId?.S ?? '', caseNumber: item.caseNumber?.S ?? '', decisionId: item.decisionId?.S ?? '', proposedAt, proposedOutcome: proposedOutcome.data };
    });
  }

  async listOwnFollowUps(actorId: string, limit: number): Promise<DueMilestone[]> {
    const items = await this.firstPage(QUEUE_INDEX, minePartition(actorId), limit, { prefix: 'FOLLOWUP#' });
    return items.map((item) => {
      const [, due = '', kind = '', caseId = '', decisionId = '', milestoneId = ''] = (item[QUEUE_INDEX.sort]?.S ?? '').split('#');
      const parsedKind = milestoneRecordSchema.shape.kind.safeParse(kind);
      if (!parsedKind.success) throw new MalformedRecordError(item, `unknown milestone kind ${kind}`);
      return { caseId, caseNumber: item.caseNumber?.S ?? '', decisionId, milestoneId, kind: parsedKind.data, due };
    });
  }

  async appendSearchLog(entry: SearchLogEntry): Promise<void> {
    await this.client
      .send(new PutItemCommand({ TableName: this.tableName, Item: { ...keys.searchLog(entry), type: S('SEARCH'), data: json(entry) }, ConditionExpression: notExists, ...this.returnCapacity }))
      .then((out) => this.consumed('PutItem', out.ConsumedCapacity))
      .catch(translate);
  }

  async readSearchLog(date: string): Promise<SearchLogEntry[]> {
    const items = await this.query({
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': KEYS.partition },
      ExpressionAttributeValues: { ':pk': S(`SEARCHLOG#${date}`) },
      ConsistentRead: true,
    });
    return items.map((item) => parse(searchLogEntrySchema, item));
  }

  async listProposalsToDecide(limit: number): Promise<ProposalWaiting[]> {
    // One Query on the sparse queue index: the cost follows the proposals waiting, not the table.
    return (await this.firstPage(QUEUE_INDEX, TO_DECIDE_QUEUE, limit)).map((item) => ({
      caseId: item.caseId?.S ?? '',
      caseNumber: item.caseNumber?.S ?? '',
      decisionId: item.decisionId?.S ?? '',
      ...parse(queueEntrySchema, item, 'queue'),
    }));
  }

  async listDue(dueBefore: string, limit: number): Promise<DueMilestone[]> {
    // One bounded query per shard: the cost follows the number of due items, not the table size.
    const perShard = await Promise.all(
      Array.from({ length: DUE_INDEX.shards }, (_, shard) =>
        this.client
          .send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: DUE_INDEX.name,
              KeyConditionExpression: '#pk = :pk AND #sk < :before',
              ExpressionAttributeNames: { '#pk': DUE_INDEX.partition, '#sk': DUE_INDEX.sort },
              ExpressionAttributeValues: { ':pk': S(`DUE#${shard}`), ':before': S(dueBefore) },
              Limit: limit,
              ...this.returnCapacity,
            }),
          )
          .catch(translate),
      ),
    );
    for (const page of perShard) this.options.onConsumedCapacity?.('listDue', page.ConsumedCapacity?.CapacityUnits ?? 0);
    return perShard
      .flatMap((page) => (page.Items ?? []) as Item[])
      .map((item) => {
        const [, , , milestoneId] = (item[DUE_INDEX.sort]?.S ?? '').split('#');
        return {
          caseId: item.caseId?.S ?? '',
          caseNumber: item.caseNumber?.S ?? '',
          decisionId: item.decisionId?.S ?? '',
          milestoneId: milestoneId ?? '',
          kind: item.kind?.S as DueMilestone['kind'],
          due: item.due?.S ?? '',
        };
      })
      .sort((a, b) => (a.due + a.caseId + a.milestoneId < b.due + b.caseId + b.milestoneId ? -1 : 1))
      .slice(0, limit);
  }
}
