/**
 * How a rule set is shown through the API: its status (approved by whom, or a draft that does
 * not decide) and, for one rule set, what a reviewer confirms one by one.
 */
import { citeAll } from '../domain/lagrum';
import { describeRuleSet } from '../domain/explain';
import { type RuleSetApproval, approvalStatusLabel, reviewChecklist } from '../domain/rule-set-approval-schema';
import { referenceKey } from '../domain/rule-set-schema';
import type { PublishedRuleSet } from '../domain/rule-set-catalog';

export function approvalSummary(approval: RuleSetApproval | undefined) {
  return {
    status: approval ? 'APPROVED' : 'DRAFT',
    statusText: approvalStatusLabel(approval),
    approval: approval ?? null,
  };
}

export function ruleSetListItem(published: PublishedRuleSet, approval: RuleSetApproval | undefined) {
  const { ruleSet, sha256 } = published;
  return {
    id: ruleSet.id,
    version: ruleSet.version,
    title: ruleSet.title,
    validFrom: ruleSet.validFrom,
    validTo: ruleSet.validTo ?? null,
    sha256,
    ...approvalSummary(approval),
    links: { self: `/v1/rule-sets/${ruleSet.id}` },
  };
}

export function ruleSetResource(published: PublishedRuleSet, approval: RuleSetApproval | undefined) {
  const { ruleSet, sha256 } = published;
  return {
    ...ruleSet,
    sha256,
    ...approvalSummary(approval),
    // Rendered citations beside the references, so a reader needs no lookup table; the key is the
    // one an approval's confirmedReferences names.
    criteria: ruleSet.criteria.map((c) => ({ ...c, citations: citeAll(ruleSet, c.lagrum) })),
    references: ruleSet.references.map((ref) => ({ ...ref, key: referenceKey(ref), citation: citeAll(ruleSet, [ref])[0] })),
    review: reviewChecklist(ruleSet),
    text: describeRuleSet(published),
    links: { self: `/v1/rule-sets/${ruleSet.id}`, approvals: `/v1/rule-sets/${ruleSet.id}/approvals` },
  };
}
