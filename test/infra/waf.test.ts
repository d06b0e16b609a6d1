/**
 * Issue #14.7: WAF's rate limit counts clients, not CloudFront. Staff reach the API through the
 * distribution, so at the API stage their requests come from CloudFront's addresses; the limit
 * per address is therefore on the distribution (us-east-1), where the source address is the
 * viewer's, and the API's own web ACL counts per address only what did not come through
 * CloudFront. No rule keys on X-Forwarded-For, which a client writes itself (infra/constructs/web-acl.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceCounter } from '../evidence/record';
import { type Synthesized, resourcesOf, synthesize } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthesize({ wafRateLimit: 2500 });
});

type Rule = { Name: string; Action?: unknown; Statement: { RateBasedStatement?: Record<string, any> } };
const aclsOf = (json: Synthesized['json']) => Object.values(json.Resources).filter((r) => r.Type === 'AWS::WAFv2::WebACL');
const rateRules = (acl: { Properties?: Record<string, any> }) => (acl.Properties?.Rules as Rule[]).filter((r) => r.Statement.RateBasedStatement);

const evidence = evidenceCounter('#14.7 WAF rate key: the viewer, not CloudFront');
afterAll(() => evidence.record());

describe('the rate limit per client', () => {
  it('sits on the CloudFront distribution, in us-east-1, and counts the viewer’s own address', () => {
    evidence.case();
    const [edgeAcl] = aclsOf(s.edge.json);
    const edgeAclId = Object.entries(s.edge.json.Resources).find(([, r]) => r === edgeAcl)?.[0];

    expect(s.stack.edge.region).toBe('us-east-1');
    expect(edgeAcl?.Properties?.Scope).toBe('CLOUDFRONT');
    expect(rateRules(edgeAcl!)).toEqual([
      expect.objectContaining({ Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 2500, AggregateKeyType: 'IP' } } }),
    ]);
    // The distribution takes that ACL (its ARN read across regions from the edge stack).
    const [, distribution] = resourcesOf(s, 'AWS::CloudFront::Distribution')[0]!;
    expect(JSON.stringify(distribution.Properties?.DistributionConfig.WebACLId)).toContain(`FnGetAtt${edgeAclId}Arn`);
    evidence.passed();
  });

  it('at the API counts per address only the requests that did not come through CloudFront, which marks its own', () => {
    evidence.case();
    const [apiAcl] = aclsOf(s.json);
    const [rate] = rateRules(apiAcl!);
    const [, distribution] = resourcesOf(s, 'AWS::CloudFront::Distribution')[0]!;
    const api = (distribution.Properties?.DistributionConfig.Origins as Array<{ Id: string; OriginCustomHeaders?: Array<{ HeaderName: string; HeaderValue: unknown }> }>).find(
      (o) => o.Id === distribution.Properties?.DistributionConfig.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/v1/*').TargetOriginId,
    );
    const [mark] = api?.OriginCustomHeaders ?? [];

    expect(apiAcl?.Properties?.Scope).toBe('REGIONAL');
    expect(rate?.Statement.RateBasedStatement).toMatchObject({ Limit: 2500, AggregateKeyType: 'IP' });
    const exempt = rate?.Statement.RateBasedStatement?.ScopeDownStatement.NotStatement.Statement.ByteMatchStatement;
    expect(exempt).toMatchObject({ FieldToMatch: { SingleHeader: { Name: mark?.HeaderName } }, PositionalConstraint: 'EXACTLY', SearchString: mark?.HeaderValue });
    // The mark is this stack's own UUID: no one outside the account can put it on a request.
    expect(mark?.HeaderValue).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] });
    evidence.passed();
  });

  it('never keys on X-Forwarded-For, whose first address the client chooses', () => {
    evidence.case();
    const rules = [...aclsOf(s.json), ...aclsOf(s.edge.json)].flatMap(rateRules);

    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.Statement.RateBasedStatement?.AggregateKeyType).toBe('IP');
      expect(rule.Statement.RateBasedStatement?.ForwardedIPConfig).toBeUndefined();
    }
    evidence.passed();
  });
});
