import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/http/routes';
import { DUE_INDEX, QUEUE_INDEX, KEYS, TTL_ATTRIBUTE, createTableInput } from '../../functions/storage/table';
import { routePackaging } from '../../infra/constructs/bundling';
import { routeAuthorization } from '../../infra/constructs/route-authorization';
import { keyActionsFor, tableActionsFor } from '../../infra/constructs/table-access';
import { type Synthesized, resourcesOf, synthesize } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
});

const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => s.stack.getLogicalId(construct.node.defaultChild as never);
const fnLogicalId = (routeId: string) => s.stack.getLogicalId(s.stack.functions.get(routeId)!.fn.node.defaultChild as never);

/** The statements of the inline policy attached to a function's role. */
function statementsOf(role: { node: { tryFindChild(id: string): unknown } }): Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> {
  const policy = role.node.tryFindChild('DefaultPolicy') as { node: { defaultChild: unknown } } | undefined;
  if (!policy) return [];
  const id = s.stack.getLogicalId(policy.node.defaultChild as never);
  return (s.json.Resources[id]?.Properties?.PolicyDocument.Statement ?? []) as never;
}
const actionsOf = (statements: ReturnType<typeof statementsOf>) => statements.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));

/** CDK's one bucket-deployment function per stack (the staff page's files). */
const DEPLOY = 'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C256MiB';

describe('cdk-nag on the synthesized app', () => {
  it('passes the AwsSolutions pack with every finding either fixed or acknowledged with a specific reason', () => {
    const report = JSON.parse(readFileSync(join(s.app.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ pluginName: string; conclusion: string; violations: unknown[]; suppressedViolations: Array<{ ruleName: string; reason: string; violatingConstructs: Array<{ constructPath: string }> }> }>;
    };
    const nag = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions');
    expect(nag?.conclusion).toBe('success');
    expect(nag?.violations).toEqual([]);
    const acknowledged = nag!.suppressedViolations.map((v) => `${v.ruleName} @ ${v.violatingConstructs.map((c) => c.constructPath.replace(/^Jobbtorg-dev\//, '')).join(', ')}`);
    expect(acknowledged.sort()).toEqual(
      [
        'AwsSolutions-APIG4 @ Http/Api/Default/v1/health/GET/Resource',
        'AwsSolutions-APIG4 @ Http/Api/Default/v1/openapi.json/GET/Resource',
        'AwsSolutions-COG4 @ Http/Api/Default/v1/health/GET/Resource',
        'AwsSolutions-COG4 @ Http/Api/Default/v1/openapi.json/GET/Resource',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs] @ Http/Api/CloudWatchRole/Resource',
        // X-Ray's actions name no resource (active tracing on every function: observability.test.ts).
        ...ROUTES.map((r) => `AwsSolutions-IAM5[Resource::*] @ ${r.id}/Role/DefaultPolicy/Resource`),
        'AwsSolutions-IAM5[Resource::*] @ Identity/StaffAccessToken/Role/DefaultPolicy/Resource',
        'AwsSolutions-IAM5[Resource::*] @ Gallring/CullExpiredCases/Role/DefaultPolicy/Resource',
        'AwsSolutions-SQS3 @ Gallring/DeadLetters/Resource',
        // The person index's keyring is rotated by re-indexing, not by a rotation Lambda (README).
        'AwsSolutions-SMG4 @ PersonIndex/Keyring/Resource',
        // The staff page (infra/constructs/web.ts): the bucket, the distribution, CDK's deployment function.
        'AwsSolutions-S1 @ Web/Files/Resource',
        'AwsSolutions-CFR1 @ Web/Distribution/Resource',
        'AwsSolutions-CFR3 @ Web/Distribution/Resource',
        'AwsSolutions-CFR4 @ Web/Distribution/Resource',
        `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] @ ${DEPLOY}/ServiceRole/Resource`,
        ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((a) => `AwsSolutions-IAM5[Action::${a}] @ ${DEPLOY}/ServiceRole/DefaultPolicy/Resource`),
        `AwsSolutions-IAM5[Resource::*] @ ${DEPLOY}/ServiceRole/DefaultPolicy/Resource`,
        `AwsSolutions-IAM5[Resource::<WebFiles2DFCF39E.Arn>/*] @ ${DEPLOY}/ServiceRole/DefaultPolicy/Resource`,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-eu-north-1/*] @ ${DEPLOY}/ServiceRole/DefaultPolicy/Resource`,
        `AwsSolutions-L1 @ ${DEPLOY}/Resource`,
      ].sort(),
    );
    for (const v of nag!.suppressedViolations) expect(v.reason.length, v.ruleName).toBeGreaterThan(80);
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Careless');
    new sqs.Queue(stack, 'Plain', { enforceSSL: false });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });
});

describe('the table', () => {
  it('has the keys, attribute types, due index and queue index of the shared definition, on demand', () => {
    const shared = createTableInput('x');
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: shared.KeySchema,
      AttributeDefinitions: Match.arrayEquals(shared.AttributeDefinitions!.map((d) => Match.objectEquals({ ...d }))),
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: DUE_INDEX.name, KeySchema: shared.GlobalSecondaryIndexes![0]!.KeySchema, Projection: shared.GlobalSecondaryIndexes![0]!.Projection }),
        Match.objectLike({ IndexName: QUEUE_INDEX.name, KeySchema: shared.GlobalSecondaryIndexes![1]!.KeySchema, Projection: shared.GlobalSecondaryIndexes![1]!.Projection }),
      ],
    });
    expect(KEYS.partition).toBe('PK');
  });

  it('is encrypted with a customer-managed key that rotates', () => {
    const keyId = logicalIdOf(s.stack.data.key);
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
    expect(s.json.Resources[keyId]?.Properties?.EnableKeyRotation).toBe(true);
  });

  it('has point-in-time recovery, deletion protection, the TTL attribute and a keys-only stream, and is retained', () => {
    s.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: Match.objectLike({ PointInTimeRecoveryEnabled: true }),
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
      }),
    });
  });
});

describe('functions', () => {
  it('are one per route, plus gallring and the token trigger, all arm64 on the current Node.js runtime as ESM', () => {
    // CDK's own functions (the staff page's files, reading the edge web ACL's ARN from us-east-1) are not the service's.
    const functions = resourcesOf(s, 'AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment') && !id.startsWith('CustomCrossRegionExportReader'));
    expect(functions).toHaveLength(ROUTES.length + 2);
    for (const route of ROUTES) {
      const fn = s.json.Resources[fnLogicalId(route.id)]?.Properties;
      expect(fn, route.id).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn?.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('get the letter files (templates, fonts) only where letters are rendered, and the rule sets where they are read', () => {
    for (const route of ROUTES) {
      const vars = s.json.Resources[fnLogicalId(route.id)]?.Properties?.Environment.Variables as Record<string, unknown>;
      const letters = route.rendersLetters === true;
      expect('LETTER_FONTS_DIR' in vars, route.id).toBe(letters);
      expect('LETTER_TEMPLATES_DIR' in vars, route.id).toBe(letters);
      expect('RULES_DIR' in vars, route.id).toBe(routePackaging(route).ruleSets);
      expect('TABLE_NAME' in vars, route.id).toBe(route.table.length > 0);
    }
    expect(ROUTES.filter((r) => r.rendersLetters).map((r) => r.id)).toEqual(['sign-decision']);
  });

  it('are granted exactly the table actions their route lists, on this table and its due index only', () => {
    const tableArn = { 'Fn::GetAtt': [logicalIdOf(s.stack.data.table), 'Arn'] };
    for (const route of ROUTES) {
      const statements = statementsOf(s.stack.functions.get(route.id)!.role);
      const dynamo = actionsOf(statements).filter((a) => a.startsWith('dynamodb:'));
      expect(dynamo.sort(), route.id).toEqual(tableActionsFor(route.table));
      const tableKeyArn = JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(s.stack.data.key), 'Arn'] });
      const onTableKey = statements.filter((st) => JSON.stringify(st.Resource).includes(tableKeyArn));
      expect(actionsOf(onTableKey).filter((a) => a.startsWith('kms:')).sort(), route.id).toEqual(keyActionsFor(route.table));
      for (const st of statements) {
        expect(JSON.stringify(st.Action)).not.toMatch(/\*/);
        if (JSON.stringify(st.Action).includes('dynamodb:')) {
          expect(JSON.stringify(st.Resource)).toContain(JSON.stringify(tableArn));
          expect(JSON.stringify(st.Resource)).not.toMatch(/"\*"/);
        }
        if (JSON.stringify(st.Action).includes('kms:')) expect(st.Condition).toMatchObject({ StringEquals: { 'kms:ViaService': expect.anything() } });
      }
    }
  });

  it('read the person-index keyring only where the route finds cases by person, through its own key', () => {
    const secretArn = JSON.stringify({ Ref: logicalIdOf(s.stack.personIndex.secret) });
    for (const route of ROUTES) {
      const fn = s.stack.functions.get(route.id)!;
      const statements = statementsOf(fn.role);
      const onSecret = statements.filter((st) => JSON.stringify(st.Resource).includes(secretArn));
      const env = (s.json.Resources[fnLogicalId(route.id)]?.Properties?.Environment?.Variables ?? {}) as Record<string, unknown>;
      if (route.usesPersonIndex) {
        expect(actionsOf(onSecret).sort(), route.id).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
        expect(JSON.stringify(env.PERSON_INDEX_SECRET_ID), route.id).toBe(secretArn);
      } else {
        expect(onSecret, route.id).toEqual([]);
        expect(env.PERSON_INDEX_SECRET_ID, route.id).toBeUndefined();
      }
    }
    expect(ROUTES.filter((r) => r.usesPersonIndex).map((r) => r.id).sort()).toEqual(['create-decision', 'search-cases']);
    const secret = resourcesOf(s, "AWS::SecretsManager::Secret")[0]![1] as { Properties: Record<string, unknown>; DeletionPolicy?: string };
    expect(secret.Properties.KmsKeyId).toBeDefined();
    expect(secret.Properties.GenerateSecretString).toMatchObject({ SecretStringTemplate: '{"current":"k1"}', GenerateStringKey: 'k1', PasswordLength: 64 });
    expect(secret.DeletionPolicy).toBe('Retain');
  });

  it('never get Scan, DeleteItem or table management, and gallring only queries and deletes', () => {
    const everything = [...s.stack.functions.values()].flatMap((f) => actionsOf(statementsOf(f.role)));
    expect(everything).not.toContain('dynamodb:Scan');
    expect(everything).not.toContain('dynamodb:DeleteItem');
    expect(everything.filter((a) => /dynamodb:(Create|Delete|Update)Table/.test(a))).toEqual([]);
    const cull = actionsOf(statementsOf(s.stack.gallring.function.role)).filter((a) => a.startsWith('dynamodb:'));
    // DeleteItem, not BatchWriteItem, which would let gallring put items too (#14.9, cdk-defaults.test.ts).
    expect(cull.sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'dynamodb:Query']);
  });

  it('each write only their own log group, not every log group in the account', () => {
    for (const fn of [...s.stack.functions.values(), s.stack.gallring.function]) {
      const logStatements = statementsOf(fn.role).filter((st) => JSON.stringify(st.Action).includes('logs:'));
      expect(logStatements).toHaveLength(1);
      expect(logStatements[0]!.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf(fn.logGroup), 'Arn'] });
    }
    const own = resourcesOf(s, 'AWS::IAM::Role').filter(([id]) => !id.includes('CloudWatchRole') && !id.startsWith('CustomCDKBucketDeployment') && !id.startsWith('CustomCrossRegionExportReader'));
    expect(JSON.stringify(own)).not.toContain('AWSLambdaBasicExecutionRole');
  });
});

describe('gallring', () => {
  it('runs on the stream, filtered to case items removed by the TTL service, with a dead-letter queue', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf(s.stack.gallring.function.fn) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['REMOVE'],
              userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
              dynamodb: { Keys: { SK: { S: ['CASE'] } } },
            }),
          },
        ],
      },
    });
  });
});

describe('the API', () => {
  function methodOf(routeId: string) {
    return s.json.Resources[s.stack.getLogicalId(s.stack.api.methods.get(routeId)!.node.defaultChild as never)]!.Properties!;
  }

  it('is a REST API with one method per route, proxied to that route\'s own function', () => {
    expect(resourcesOf(s, 'AWS::ApiGateway::Method')).toHaveLength(ROUTES.length);
    for (const route of ROUTES) {
      const method = methodOf(route.id);
      expect(method.HttpMethod).toBe(route.method);
      expect(method.Integration.Type).toBe('AWS_PROXY');
      expect(JSON.stringify(method.Integration.Uri)).toContain(fnLogicalId(route.id));
    }
  });

  it('puts the Cognito authorizer on every route that is not public; outreach routes demand the outreach scope, staff routes the staff scope', () => {
    const authorizerId = { Ref: s.stack.getLogicalId(s.stack.api.node.findAll().find((c) => c.node.id === 'Authorizer')!.node.defaultChild as never) };
    for (const route of ROUTES) {
      const method = methodOf(route.id);
      const expected = routeAuthorization(route);
      if (expected.kind === 'public' || route.access === 'public') {
        expect(method.AuthorizationType, route.id).toBe('NONE');
        continue;
      }
      expect(method.AuthorizationType, route.id).toBe('COGNITO_USER_POOLS');
      expect(method.AuthorizerId, route.id).toEqual(authorizerId);
      expect(method.AuthorizationScopes, route.id).toEqual(expected.scopes);
      // Every route takes access tokens only (route-authorization.ts): staff's carry jobbtorg/staff.
      expect(method.AuthorizationScopes.includes('jobbtorg/outreach'), route.id).toBe(route.access.includes('uppsok'));
      expect(method.AuthorizationScopes.includes('jobbtorg/staff'), route.id).toBe(route.access.some((role) => role !== 'uppsok'));
    }
    expect(ROUTES.filter((r) => r.access === 'public').map((r) => r.id).sort()).toEqual(['health', 'openapi']);
  });

  it('validates bodies against models generated from the zod schemas, and required query parameters', () => {
    for (const route of ROUTES) {
      const method = methodOf(route.id);
      expect(method.RequestValidatorId, route.id).toBeDefined();
      if (route.body) expect(method.RequestModels?.['application/json'], route.id).toBeDefined();
      for (const [name, q] of Object.entries(route.query ?? {})) expect(method.RequestParameters[`method.request.querystring.${name}`]).toBe(q.required);
    }
    s.template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
  });

  it('logs access without bodies, throttles the stage, and answers its own errors as problem+json', () => {
    s.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      // The stage's default for every method; the outreach routes' own limits are in cdk-defaults.test.ts.
      MethodSettings: Match.arrayWith([Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: false, LoggingLevel: 'ERROR', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 })]),
    });
    s.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Content-Type': "'application/problem+json'" }),
    });
  });

  it('logs the route template in the access log, never the path as typed (a caller may type a name into it)', () => {
    const stages = Object.values(s.template.findResources('AWS::ApiGateway::Stage')) as Array<{ Properties: { AccessLogSetting: { Format: string } } }>;
    expect(stages).toHaveLength(1);
    const format = JSON.parse(stages[0]?.Properties.AccessLogSetting.Format ?? '{}') as Record<string, string>;
    expect(format.resource).toBe('$context.resourcePath');
    expect(Object.values(format)).not.toContain('$context.path');
  });

  it('sits behind a WAF web ACL with the managed common rules and a rate limit per IP', () => {
    s.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' }) } }),
        Match.objectLike({ Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 3000, AggregateKeyType: 'IP' } } }),
      ]),
    });
    s.template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });
});

describe('identity', () => {
  it('has a user pool with the staff groups, required MFA, no self sign-up and threat protection', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'title', Mutable: true }), Match.objectLike({ Name: 'delegation', Mutable: true })]),
    });
    const groups = resourcesOf(s, 'AWS::Cognito::UserPoolGroup').map(([, r]) => r.Properties?.GroupName);
    expect(groups.sort()).toEqual(['beslutsfattare', 'handlaggare', 'jurist']);
  });

  it('gives outreach tools only the outreach scope, by client credentials, and staff no right to change their own name, title or delegation', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'jobbtorg',
      Scopes: Match.arrayWith([Match.objectLike({ ScopeName: 'outreach' })]),
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'outreach',
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: [{ 'Fn::Join': ['', [Match.anyValue(), '/outreach']] }],
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', { ClientName: 'staff', WriteAttributes: ['locale'] });
  });
});

describe('alarms', () => {
  it('watch API 5xx, and errors and throttles of every function', () => {
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError', Namespace: 'AWS/ApiGateway' });
    for (const route of ROUTES) {
      for (const metric of ['Errors', 'Throttles']) {
        s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: metric,
          Namespace: 'AWS/Lambda',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnLogicalId(route.id) } }],
          AlarmActions: [Match.anyValue()],
        });
      }
    }
  });
});
