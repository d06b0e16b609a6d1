/**
 * Development approvals: on an empty data folder `npm start` approves the shipped rule sets so a
 * newcomer can decide a case at once. Each approval says plainly that no legal reviewer approved
 * it ("godkänt lokalt för utveckling"), and the decision record and letter repeat it. Never done
 * in AWS: there, nothing decides until a jurist approves it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../../functions/domain/errors';
import { type RuleSetApproval, developmentApproval } from '../../functions/domain/rule-set-approval-schema';
import type { RuleSetCatalog } from '../../functions/domain/rule-set-catalog';
import { DynamoDbDecisionStore } from '../../functions/storage/dynamodb-store';

export async function recordDevelopmentApprovals(client: DynamoDBClient, tableName: string, catalog: RuleSetCatalog, now = new Date()): Promise<RuleSetApproval[]> {
  const store = new DynamoDbDecisionStore(client, tableName, () => now);
  const at = now.toISOString();
  const recorded: RuleSetApproval[] = [];
  for (const published of catalog.list()) {
    const approval = developmentApproval(published, at);
    try {
      await store.recordRuleSetApproval(approval, {
        eventId: crypto.randomUUID(),
        at,
        actor: { id: approval.approvedBy.id, name: approval.approvedBy.name, role: 'jurist' },
        action: 'RULE_SET_APPROVED',
        ruleSetId: published.ruleSet.id,
        sha256: published.sha256,
      });
      recorded.push(approval);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return recorded;
}
