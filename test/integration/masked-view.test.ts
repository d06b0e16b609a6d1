/**
 * Issue #14.13: the legal reviewer's view of a decision holds nothing anyone typed. Every string
 * in the masked resource is walked and must be one of: a value the service issued (ids, times,
 * dates, the case number, hashes, links), a code from the schemas' fixed lists, the rule set's own
 * texts (a proposal's string that stays the same when everything a person wrote changes), the
 * delegationsordning's point and heading, the rule set's published approval, or the mask itself.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../functions/domain/records-schema';
import {
  AUDIT_ACTIONS,
  DECISION_STATUSES,
  ENDING_REASONS,
  MILESTONE_CLOSE_REASONS,
  MILESTONE_STATUSES,
  ROLES,
} from '../../functions/domain/records-schema';
import { CRITERION_STATUSES, DURATION_UNITS, MILESTONE_KINDS, PROPOSED_OUTCOMES, TRUTHS } from '../../functions/domain/proposal-schema';
import { APPEAL_ROUTES, REQUIRED_PARAMETERS } from '../../functions/domain/rule-set-schema';
import { FINAL_OUTCOMES } from '../../functions/domain/signed-decision-schema';
import { ASSESSMENT_AREAS, NEED_LEVELS, SOCIAL_SERVICES_CONTACT } from '../../functions/domain/facts';
import { ISSUED_CASE_NUMBER } from '../../functions/domain/case-number';
import { MASKED_TEXT, decisionResource } from '../../functions/http/representation';
import { loadDelegationOrder } from '../../functions/rule-sets/load-files';
import { keys } from '../../functions/storage/dynamodb-store';
import { evidenceCounter } from '../evidence/record';
import { lifecycle, proposeBody } from '../support/lifecycle';

// Staff as Cognito signs them in: the subject is a UUID.
const caseWorker: Actor = { id: '3f0c1f3e-8a51-4c2a-9d0e-6b7f2a4c1d11', name: 'Anna Lindqvist', role: 'handlaggare' };
const delegate: Actor = { id: '9b2d7c54-1e3f-4a6b-8c9d-0e1f2a3b4c5d', name: 'Göran Ödmark', role: 'beslutsfattare', title: 'Enhetschef', delegationReference: '3.1.4' };

/** What a careless or curious case worker might write anywhere: the person's name, address and number (whole words). */
const WHO = 'Åsa Björklund';
const hostile = (what: string) => `${what}: ${WHO}, Ringvägen 14, 19990101-2389, ringer ofta från jobbet på Åhléns.`;
const NEVER = ['Åsa', 'Björklund', 'Ringvägen', '19990101', 'Åhléns', 'Anna', 'Lindqvist', 'Göran', 'Ödmark', 'Enhetschef', 'Kurator'];

const ISSUED: Array<[string, RegExp]> = [
  ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/],
  ['date', /^\d{4}-\d{2}-\d{2}$/],
  ['instant', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/],
  ['case number', ISSUED_CASE_NUMBER],
  ['sha256', /^[0-9a-f]{64}$/],
  ['link', /^\/v1\/decisions\/[0-9a-f-]{36}$/],
  ['milestone id or template version', /^\d{1,3}$/],
  ['rule set at version', /^[a-z0-9][a-z0-9-]*@\d+$/],
];
const CODES = new Set<string>([
  ...AUDIT_ACTIONS, ...DECISION_STATUSES, ...ENDING_REASONS, ...MILESTONE_CLOSE_REASONS, ...MILESTONE_STATUSES, ...ROLES,
  ...CRITERION_STATUSES, ...DURATION_UNITS, ...MILESTONE_KINDS, ...PROPOSED_OUTCOMES, ...TRUTHS, ...APPEAL_ROUTES, ...REQUIRED_PARAMETERS,
  ...FINAL_OUTCOMES, ...ASSESSMENT_AREAS, ...NEED_LEVELS, ...SOCIAL_SERVICES_CONTACT, 'personnummer', 'samordningsnummer', MASKED_TEXT,
]);

function strings(value: unknown, path = '$', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

/**
 * The strings of the masked resource that are none of the allowed kinds, as `path = value`.
 * `ruleTexts`: strings of a proposal for the same facts with everything written changed.
 */
function unexplained(resource: unknown, allowed: { ruleTexts: Set<string>; delegation: Set<string>; approval: Set<string> }): string[] {
  return strings(resource)
    .filter(([path, value]) => {
      if (CODES.has(value) || ISSUED.some(([, shape]) => shape.test(value))) return false;
      if (path.startsWith('$.proposal.ruleSet.approval.')) return !allowed.approval.has(value);
      if (path.startsWith('$.proposal.')) return !allowed.ruleTexts.has(value);
      if (/^\$\.signed\.decisionMaker\.delegation(Reference|Title)$/.test(path)) return !allowed.delegation.has(value);
      return true;
    })
    .map(([path, value]) => `${path} = ${JSON.stringify(value)}`);
}

/** A case as a case worker and a delegate might leave it, with free text in every field that takes any. */
async function caseFullOfWrittenText(text: (what: string) => string, name: string) {
  const env = await lifecycle();
  const { service, clock } = env;
  const body = (extra: Record<string, unknown> = {}, serial?: string) => {
    const base = proposeBody({
      name,
      ...(serial ? { serial } : {}),
      facts: {
        woman: true,
        apparentEntitlementNeed: { present: false, description: text('Behov') },
        assessedNeed: { level: 'DEEPER_INDIVIDUAL_SUPPORT', grounds: text('Bedömning'), areas: ['EDUCATION', 'SOCIAL_NETWORK'] },
        weakLabourMarketPosition: { weak: true, grounds: text('Ställning') },
      },
    });
    return { ...base, ...extra };
  };
  // A proposal, corrected in the same case (the first is withdrawn with the reason), then granted.
  const first = await service.propose(caseWorker, body());
  const corrected = await service.propose(caseWorker, body({ caseId: first.case.caseId, correctionReason: text('Rättelse') }));
  const granted = corrected.decision.decisionId;
  await service.sign(delegate, granted, { finalOutcome: 'GRANT' });
  await service.recordMilestoneDone(caseWorker, granted, '01', { note: text('Jobbplan') });
  // A second case: refused against the proposal, reconsidered, and the reconsideration withdrawn.
  // (Another person: one person has one case.)
  const other = await service.propose(caseWorker, body({}, '871'));
  await service.sign(delegate, other.decision.decisionId, { finalOutcome: 'REFUSE', deviationReason: text('Avvikelse') });
  const reconsidered = await service.reconsider(delegate, other.decision.decisionId, { reason: text('Omprövning'), facts: body({}, '871').facts, decisionDate: '2024-08-20' });
  await service.withdraw(caseWorker, reconsidered.decision.decisionId, { reason: text('Tillbakadragen') });
  clock.set('2024-11-16T09:00:00Z');
  await service.recordEnding(caseWorker, granted, { reason: 'WORK', endedOn: '2024-11-15', note: text('Avslut') });
  const decisionIds = [first.decision.decisionId, granted, other.decision.decisionId, reconsidered.decision.decisionId];
  return { ...env, caseId: first.case.caseId, decisionIds };
}

const evidence = evidenceCounter("#14.13 masked view: only issued values, codes and rule texts");
afterAll(() => evidence.record());

describe("the legal reviewer's masked view of a decision", () => {
  it('holds no string anyone typed: every one is issued by the service, a code, or the rule set’s own text', async () => {
    evidence.case();
    const { service, client, tableName, caseId, decisionIds } = await caseFullOfWrittenText(hostile, WHO);
    // A case from before the service issued case numbers: whatever was typed, e.g. a name.
    const stored = await client.send(new GetItemCommand({ TableName: tableName, Key: keys.case(caseId) }));
    const legacy = { ...JSON.parse(stored.Item?.data?.S ?? '{}'), caseNumber: `${WHO} 2019` };
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: keys.case(caseId),
        UpdateExpression: 'SET #data = :data, caseNumber = :number',
        ExpressionAttributeNames: { '#data': 'data' },
        ExpressionAttributeValues: { ':data': { S: JSON.stringify(legacy) }, ':number': { S: legacy.caseNumber } },
      }),
    );
    // The same cases with everything written changed: what stays the same in a proposal is the rule set's.
    const twin = await caseFullOfWrittenText((what) => `${what}: Kalle Jönsson, Storgatan 3.`, 'Kalle Jönsson');
    const twinViews = await Promise.all(twin.decisionIds.map((id) => twin.service.getDecision(caseWorker, id, { auditRead: false })));
    const ruleTexts = new Set(twinViews.flatMap((v) => strings(v.decision.proposal).map(([, s]) => s)));
    const order = loadDelegationOrder();
    const delegation = new Set(strings(order).map(([, s]) => s));
    const approval = new Set(strings((await service.readRuleSet('jobbtorg-sis-sol2001')).approval).map(([, s]) => s));

    const resources = await Promise.all(decisionIds.map(async (id) => decisionResource(await service.getDecision(caseWorker, id, { auditRead: false }), { masked: true })));

    const issued = expect.stringMatching(ISSUED_CASE_NUMBER);
    expect(resources.map((r) => r.caseNumber)).toEqual([MASKED_TEXT, MASKED_TEXT, issued, issued]);
    for (const resource of resources) {
      expect(unexplained(resource, { ruleTexts, delegation, approval })).toEqual([]);
      const text = JSON.stringify(resource);
      for (const fragment of NEVER) expect(text, `the masked view shows "${fragment}"`).not.toMatch(new RegExp(`(?<!\\p{L})${fragment}(?!\\p{L})`, 'u'));
    }
    evidence.figure('strings checked', resources.reduce((n, r) => n + strings(r).length, 0));
    evidence.passed();
  });

  it('still shows a case worker everything that was written, unmasked', async () => {
    evidence.case();
    const { service, decisionIds } = await caseFullOfWrittenText(hostile, WHO);

    const resource = decisionResource(await service.getDecision(caseWorker, decisionIds[1] as string, { auditRead: false }), { masked: false });

    const text = JSON.stringify(resource);
    for (const written of ['Bedömning', 'Ställning', 'Behov', 'Jobbplan', 'Avslut']) expect(text).toContain(hostile(written));
    // The contact person is the proposing case worker, from their staff record.
    expect(resource.contact?.name).toBe('Anna Lindqvist');
    expect(resource.proposedBy.name).toBe('Anna Lindqvist');
    evidence.passed();
  });
});
