/**
 * The table's keys, indexes and TTL attribute, defined once. The CDK stack (infra/) and the local
 * start-up and tests (ensureTable) both build the table from these constants.
 *
 * Single-table design, one partition per case (`CASE#<caseId>`), so a case's whole history is
 * one Query and every change to it is one transaction within one partition:
 *
 *   PK                          SK                                   what
 *   CASE#<caseId>               CASE                                 the person, case number, version, TTL
 *   CASE#<caseId>               DECISION#<decisionId>                facts, proposal, status, signing (in GSI1 once signed)
 *   CASE#<caseId>               LETTER#<decisionId>                  the PDF and its sha256
 *   CASE#<caseId>               MILESTONE#<decisionId>#<nn>          follow-up milestone (in GSI1 while open)
 *   CASE#<caseId>               ENDING#<decisionId>                  how the insats ended (in GSI1)
 *   REFERRAL#<referralId>       REFERRAL                             a referral from an outreach tool (in GSI1 while waiting)
 *   STATS#SCREENING             MONTH#<yyyy-mm>                      counts of anonymous screenings
 *   RULESET#<ruleSetId>         APPROVAL#<sha256>                    a jurist's approval of that content (never changed)
 *   RULESET#<ruleSetId>         AUDIT#<iso time>#<id> / ACCESS#…     its approval event; who replayed it over which decisions
 *   CASE#<caseId>               AUDIT#<iso time>#<id>                audit event (never updated or deleted)
 *   DECISION#<decisionId>       REF                                  which case a decision belongs to
 *   IDEMPOTENCY#<scope>#<key>   IDEMPOTENCY                          first result of an idempotent request
 *   COUNTER#CASE#<year>         COUNTER                              case-number sequence
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const KEYS = { partition: 'PK', sort: 'SK' } as const;

/**
 * Sparse index, overloaded by partition prefix: open follow-up milestones (`DUE#0..7`, sharded so
 * no one partition is hot), referrals waiting for a case worker (`REFERRALS#WAITING`), and signed
 * decisions and endings by month for the anonymised statistics (`STATS#<yyyy-mm>`).
 */
export const DUE_INDEX = {
  name: 'GSI1',
  partition: 'GSI1PK',
  sort: 'GSI1SK',
  shards: 8,
} as const;

/**
 * Sparse index of the work queues: a proposal waiting for a delegate is in `QUEUE#TO_DECIDE`,
 * sorted by when it was proposed, and leaves it when it is signed or withdrawn. It projects only
 * what the queue shows: ids, the case number, and the proposal's outcome and proposer.
 */
export const QUEUE_INDEX = {
  name: 'GSI2',
  partition: 'GSI2PK',
  sort: 'GSI2SK',
} as const;

/** Epoch seconds. Set on case items (five years after the last entry), referrals and idempotency records. */
export const TTL_ATTRIBUTE = 'expiresAt';

export const DEFAULT_TABLE_NAME = 'jobbtorg-beslut';

export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: KEYS.partition, AttributeType: 'S' },
      { AttributeName: KEYS.sort, AttributeType: 'S' },
      { AttributeName: DUE_INDEX.partition, AttributeType: 'S' },
      { AttributeName: DUE_INDEX.sort, AttributeType: 'S' },
      { AttributeName: QUEUE_INDEX.partition, AttributeType: 'S' },
      { AttributeName: QUEUE_INDEX.sort, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: KEYS.partition, KeyType: 'HASH' },
      { AttributeName: KEYS.sort, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: DUE_INDEX.name,
        KeySchema: [
          { AttributeName: DUE_INDEX.partition, KeyType: 'HASH' },
          { AttributeName: DUE_INDEX.sort, KeyType: 'RANGE' },
        ],
        // The due list needs only what identifies the milestone; statistics need only the cells.
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['caseId', 'decisionId', 'kind', 'due', 'caseNumber', 'stats'] },
      },
      {
        IndexName: QUEUE_INDEX.name,
        KeySchema: [
          { AttributeName: QUEUE_INDEX.partition, KeyType: 'HASH' },
          { AttributeName: QUEUE_INDEX.sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['caseId', 'decisionId', 'caseNumber', 'queue'] },
      },
    ],
  };
}

/** Sort-key prefixes of the back-references (between ENDING# and MILESTONE#, outside every case-file read). */
export const INDEXED_PERSON = 'INDEXED#PERSON#';
export const INDEXED_CASE_NUMBER = 'INDEXED#CASENUMBER#';
