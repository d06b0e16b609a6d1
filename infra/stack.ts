/**
 * The service on AWS, one stack per stage: the table, one function per route (from the route
 * table, so a new route is deployed without touching this file), the API with Cognito and WAF,
 * gallring, alarms; and beside it, in us-east-1, the web ACL CloudFront needs. Stage, account and
 * region come from context (`cdk deploy -c stage=prod`), never from this file.
 */
import { type App, Duration, Fn, Lazy, RemovalPolicy, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { CfnOutput } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { ROUTES, type RouteDefinition } from '../functions/http/routes';
import { AlarmTopic } from './constructs/alarm-topic';
import { Api } from './constructs/api';
import { routePackaging } from './constructs/bundling';
import { DecisionTable } from './constructs/decision-table';
import { Gallring } from './constructs/gallring';
import { Identity } from './constructs/identity';
import { PersonIndexKey } from './constructs/person-index';
import { ServiceFunction } from './constructs/service-function';
import { grantTableAccess } from './constructs/table-access';
import { StaffWeb } from './constructs/web';
import { type OriginMark, WebAcl } from './constructs/web-acl';

export interface StageConfig {
  stage: string;
  account?: string;
  region: string;
  /** Production keeps logs and the user pool when the stack is deleted, and keeps logs longer. */
  production: boolean;
  alarmEmail?: string;
  throttle: { rateLimit: number; burstLimit: number };
  /** Each route an outreach tool may call has this limit of its own (constructs/api.ts). */
  outreachThrottle: { rateLimit: number; burstLimit: number };
  wafRateLimit: number;
  authDomainPrefix: string;
  staffCallbackUrls: string[];
}

function number(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`Expected a positive number in context, got ${String(value)}`);
  return n;
}

/** Reads the stage's settings from CDK context (`-c key=value` or cdk.json), with defaults. */
export function stageConfig(app: Construct, env: NodeJS.ProcessEnv = process.env): StageConfig {
  const get = (key: string): unknown => app.node.tryGetContext(key);
  const stage = String(get('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{1,19}$/.test(stage)) throw new Error(`stage must be lower-case letters, digits and dashes (got "${stage}")`);
  const account = (get('account') as string | undefined) ?? env.CDK_DEFAULT_ACCOUNT;
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new Error(`account must be a 12-digit AWS account id (got "${account}")`);
  const production = get('production') === true || get('production') === 'true' || stage === 'prod';
  const callbacks = get('staffCallbackUrls');
  const staffCallbackUrls = (typeof callbacks === 'string' ? callbacks.split(',') : Array.isArray(callbacks) ? callbacks.map(String) : [])
    .map((url) => url.trim())
    .filter(Boolean);
  // A development address as a production sign-in callback would send staff, with their
  // authorization code, to whatever listens on that port of their own machine.
  if (production && staffCallbackUrls.length === 0) {
    throw new Error(`stage "${stage}" is production: give the staff page's sign-in callback addresses with -c staffCallbackUrls=https://… (there is no default in production)`);
  }
  const plain = staffCallbackUrls.filter((url) => !url.startsWith('https://'));
  if (production && plain.length > 0) throw new Error(`staffCallbackUrls must be https:// addresses in production (got ${plain.join(', ')})`);
  return {
    stage,
    ...(account ? { account } : {}),
    region: String(get('region') ?? env.CDK_DEFAULT_REGION ?? 'eu-north-1'),
    production,
    ...(get('alarmEmail') ? { alarmEmail: String(get('alarmEmail')) } : {}),
    throttle: { rateLimit: number(get('throttleRate'), 50), burstLimit: number(get('throttleBurst'), 100) },
    outreachThrottle: { rateLimit: number(get('outreachThrottleRate'), 10), burstLimit: number(get('outreachThrottleBurst'), 20) },
    // Per IP in five minutes; generous, because the city's staff may share a few egress addresses.
    wafRateLimit: number(get('wafRateLimit'), 3000),
    authDomainPrefix: String(get('authDomainPrefix') ?? `jobbtorg-beslut-${stage}`),
    // Outside production, a page served on a developer's machine may sign in against the stage.
    staffCallbackUrls: staffCallbackUrls.length > 0 ? staffCallbackUrls : ['http://localhost:5173/'],
  };
}

/** WAF takes a web ACL for CloudFront (scope CLOUDFRONT) only in this region. */
export const EDGE_REGION = 'us-east-1';

/**
 * What must live in us-east-1: the web ACL on the CloudFront distribution, which limits requests
 * per viewer address (constructs/web-acl.ts says why the limit is there and not at the API).
 */
export class JobbtorgEdgeStack extends Stack {
  readonly webAcl: WebAcl;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, { ...props, crossRegionReferences: true });
    Tags.of(this).add('service', 'jobbtorg-beslutsstod');
    Tags.of(this).add('stage', props.config.stage);
    this.webAcl = new WebAcl(this, 'EdgeAcl', { stage: props.config.stage, rateLimit: props.config.wafRateLimit, scope: { kind: 'CLOUDFRONT' } });
  }
}

export interface JobbtorgStackProps extends StackProps {
  config: StageConfig;
  /** The us-east-1 stack with the distribution's web ACL. */
  edge: JobbtorgEdgeStack;
  routes?: RouteDefinition[];
}

export class JobbtorgStack extends Stack {
  readonly functions = new Map<string, ServiceFunction>();
  readonly data: DecisionTable;
  readonly personIndex: PersonIndexKey;
  readonly identity: Identity;
  readonly api: Api;
  readonly gallring: Gallring;
  readonly web: StaffWeb;
  readonly edge: JobbtorgEdgeStack;
  /**
   * CloudFront's mark on its requests to the API: a header whose value is this stack's own UUID,
   * which only those who may read the stack in the account can see. Not a credential: it only
   * tells the API's web ACL that the request was limited per viewer at the edge already.
   */
  readonly originMark: OriginMark;

  constructor(scope: Construct, id: string, props: JobbtorgStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    this.edge = props.edge;
    this.originMark = { header: 'x-jobbtorg-origin', value: Fn.select(2, Fn.split('/', this.stackId)) };
    const { config } = props;
    const routes = props.routes ?? ROUTES;
    const logRetention = config.production ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_MONTH;
    const disposable = config.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    Tags.of(this).add('service', 'jobbtorg-beslutsstod');
    Tags.of(this).add('stage', config.stage);

    const alarms = new AlarmTopic(this, 'Alarms', { ...(config.alarmEmail ? { email: config.alarmEmail } : {}), removalPolicy: disposable });
    // Cases and decisions are kept whatever the stage: deleting them is gallring's job, not CloudFormation's.
    this.data = new DecisionTable(this, 'Data', { removalPolicy: RemovalPolicy.RETAIN });
    this.personIndex = new PersonIndexKey(this, 'PersonIndex');

    for (const route of routes) {
      const packaging = routePackaging(route);
      const fn = new ServiceFunction(this, route.id, {
        packaging,
        description: `${route.method} ${route.path}`,
        environment: route.table.length > 0 ? { TABLE_NAME: this.data.table.tableName } : {},
        // Letters are laid out on one vCPU (1769 MB); the rest is I/O-bound.
        memorySize: packaging.letters ? 1769 : 1024,
        timeout: Duration.seconds(packaging.letters ? 20 : 10),
        logRetention,
        logRemovalPolicy: disposable,
        alarmAction: alarms.action,
      });
      grantTableAccess(fn.role, this.data.table, this.data.key, route.table);
      if (route.usesPersonIndex) {
        for (const [name, value] of Object.entries(this.personIndex.grantRead(fn.fn))) fn.fn.addEnvironment(name, value);
      }
      this.functions.set(route.id, fn);
    }

    this.identity = new Identity(this, 'Identity', {
      stage: config.stage,
      domainPrefix: config.authDomainPrefix,
      // The staff page's own address is a callback too; it exists once the distribution does.
      staffCallbackUrls: [...config.staffCallbackUrls, Lazy.string({ produce: () => this.web.url })],
      removalPolicy: disposable,
      logRetention,
    });

    this.api = new Api(this, 'Http', {
      stage: config.stage,
      routes,
      functionFor: (routeId) => (this.functions.get(routeId) as ServiceFunction).fn,
      userPool: this.identity.userPool,
      throttle: config.throttle,
      outreachThrottle: config.outreachThrottle,
      wafRateLimit: config.wafRateLimit,
      throughCloudFront: this.originMark,
      logRetention,
      logRemovalPolicy: disposable,
      alarmAction: alarms.action,
    });

    this.gallring = new Gallring(this, 'Gallring', {
      table: this.data.table,
      key: this.data.key,
      logRetention,
      logRemovalPolicy: disposable,
      alarmAction: alarms.action,
    });

    this.web = new StaffWeb(this, 'Web', {
      api: this.api.api,
      authBaseUrl: this.identity.domain.baseUrl(),
      clientId: this.identity.staffClient.userPoolClientId,
      removalPolicy: disposable,
      webAclArn: props.edge.webAcl.acl.attrArn,
      originMark: this.originMark,
    });

    new CfnOutput(this, 'WebUrl', { value: this.web.url });
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'StaffClientId', { value: this.identity.staffClient.userPoolClientId });
    new CfnOutput(this, 'OutreachClientId', { value: this.identity.outreachClient.userPoolClientId });
    new CfnOutput(this, 'TokenEndpoint', { value: `${this.identity.domain.baseUrl()}/oauth2/token` });

  }
}

/** The app: the stage's stack and its us-east-1 edge stack, checked by cdk-nag's AwsSolutions pack. */
export function defineApp(app: App, options: { routes?: RouteDefinition[] } = {}): JobbtorgStack {
  const config = stageConfig(app);
  const edge = new JobbtorgEdgeStack(app, `Jobbtorg-${config.stage}-edge`, {
    config,
    env: { ...(config.account ? { account: config.account } : {}), region: EDGE_REGION },
    description: `Jobbtorg beslutsstöd (${config.stage}): WAF för CloudFront`,
    terminationProtection: config.production,
  });
  const stack = new JobbtorgStack(app, `Jobbtorg-${config.stage}`, {
    config,
    edge,
    ...(options.routes ? { routes: options.routes } : {}),
    env: { ...(config.account ? { account: config.account } : {}), region: config.region },
    description: `Jobbtorg beslutsstöd (${config.stage})`,
    terminationProtection: config.production,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
