/**
 * Issue #14.9: the CDK defaults that were unsafe. A production stage has no development sign-in
 * callback to fall back on; the alarm key serves this account's alarms only; gallring may delete
 * and not write; and an outreach tool cannot take the staff's share of the API's throttling.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/http/routes';
import { stageConfig } from '../../infra/stack';
import { evidenceCounter } from '../evidence/record';
import { type Synthesized, resourcesOf, synthesize } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
});

const PROD = { stage: 'prod', account: '123456789012', region: 'eu-north-1' };

/** The statements of the inline policy attached to a role. */
function statementsOf(role: { node: { tryFindChild(id: string): unknown } }): Array<{ Action: string | string[]; Resource: unknown }> {
  const policy = role.node.tryFindChild('DefaultPolicy') as { node: { defaultChild: unknown } } | undefined;
  const id = s.stack.getLogicalId(policy!.node.defaultChild as never);
  return s.json.Resources[id]?.Properties?.PolicyDocument.Statement ?? [];
}
const actionsOf = (statements: ReturnType<typeof statementsOf>) => statements.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));

const evidence = evidenceCounter('#14.9 CDK defaults: callback, alarm key, gallring, throttling');
afterAll(() => evidence.record());

describe('the defaults of a stage', () => {
  it('refuses to synthesize production without explicit https callback addresses for the staff sign-in', () => {
    evidence.case();
    expect(() => synthesize(PROD)).toThrow(/staffCallbackUrls/);
    expect(() => stageConfig(new App({ context: { ...PROD, staffCallbackUrls: 'http://localhost:5173/' } }), {})).toThrow(/https/);
    expect(() => stageConfig(new App({ context: { stage: 'test', production: 'true' } }), {})).toThrow(/staffCallbackUrls/);

    const prod = synthesize({ ...PROD, staffCallbackUrls: 'https://jobbtorg.stockholm.se/inloggad' });

    const [, staff] = resourcesOf(prod, 'AWS::Cognito::UserPoolClient').find(([, r]) => r.Properties?.ClientName === 'staff')!;
    expect(JSON.stringify(staff.Properties?.CallbackURLs)).toContain('https://jobbtorg.stockholm.se/inloggad');
    expect(JSON.stringify(staff.Properties?.CallbackURLs)).not.toContain('localhost');
    // A development stage may still return to a page on a developer's machine.
    expect(stageConfig(new App(), {}).staffCallbackUrls).toEqual(['http://localhost:5173/']);
    evidence.passed();
  });

  it('lets CloudWatch use the alarm topic’s key only for this account’s alarms', () => {
    evidence.case();
    const key = s.stack.node.findAll().find((c) => c.node.path.endsWith('Alarms/Key'))!;
    const policy = s.json.Resources[s.stack.getLogicalId(key.node.defaultChild as never)]?.Properties?.KeyPolicy.Statement as Array<Record<string, any>>;

    const cloudwatch = policy.filter((st) => JSON.stringify(st.Principal).includes('cloudwatch.amazonaws.com'));

    expect(cloudwatch).toHaveLength(1);
    expect(cloudwatch[0]?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:eu-north-1:', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
    });
    evidence.passed();
  });

  it('lets gallring query and delete on the table, never put or update, and the key only to read; the cull sends nothing else', () => {
    evidence.case();
    const statements = statementsOf(s.stack.gallring.function.role);
    const table = actionsOf(statements).filter((a) => a.startsWith('dynamodb:') && !/Stream|GetRecords|GetShardIterator/.test(a));
    const key = [...new Set(actionsOf(statements).filter((a) => a.startsWith('kms:')))];
    const commands = [...readFileSync('functions/storage/cull.ts', 'utf8').matchAll(/new (\w+)Command\(/g)].map(([, c]) => `dynamodb:${c}`);

    expect(table.sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:Query']);
    expect(key.sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    // paginateQuery sends QueryCommand; everything else the cull sends is allowed above.
    expect(new Set([...commands, 'dynamodb:Query'])).toEqual(new Set(table));
    evidence.passed();
  });

  it('throttles each route an outreach tool may call in a smaller bucket of its own, and leaves the staff routes theirs', () => {
    evidence.case();
    const [, stage] = resourcesOf(s, 'AWS::ApiGateway::Stage')[0]!;
    const settings = stage.Properties?.MethodSettings as Array<Record<string, unknown>>;
    // A method's own settings name its path with each / written ~1 (JSON pointer), after a leading /.
    const of = (path: string, method: string) => settings.find((m) => m.ResourcePath === `/${path.replace(/\//g, '~1')}` && m.HttpMethod === method);

    expect(settings.find((m) => m.ResourcePath === '/*' && m.HttpMethod === '*')).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    for (const route of ROUTES) {
      const own = of(route.path, route.method);
      if (route.access !== 'public' && route.access.includes('uppsok')) {
        expect(own, route.id).toMatchObject({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20, LoggingLevel: 'ERROR', DataTraceEnabled: false, MetricsEnabled: true });
      } else {
        expect(own, route.id).toBeUndefined();
      }
    }
    expect(ROUTES.filter((r) => of(r.path, r.method)).map((r) => r.id).sort()).toEqual(['create-referral', 'get-referral', 'screen']);
    evidence.passed();
  });
});
