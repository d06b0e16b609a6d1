/**
 * One Lambda function as this service deploys it: the shared packaging (bundling.ts), a role of
 * its own that can write its own log group and send its traces to X-Ray, and nothing else until
 * access is granted, a log group with retention, active tracing with Powertools' environment
 * (functions/http/powertools-env.ts), and alarms on errors and throttles.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { observabilityEnvironment } from '../../functions/http/powertools-env';
import { ESBUILD_ALIASES, ESBUILD_SETTINGS, type Packaging, REPO_ROOT, copyCommands, packagingEnvironment } from './bundling';
import { alarmOnAny } from './alarms';
import { acknowledgeNag } from './nag';

/** The current Node.js runtime on Lambda; bundling.ts targets the same major version. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface ServiceFunctionProps {
  packaging: Packaging;
  description: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** Where alarms are sent. */
  alarmAction?: cloudwatch.IAlarmAction;
  /**
   * Why this function's role may use `Resource: *` beyond X-Ray (which needs it for every
   * function); said once here, because cdk-nag takes one acknowledgement per finding and construct.
   */
  wildcardResourceReason?: string;
}

/** Active tracing lets a function send segments with these two actions, which name no resource. */
const XRAY_WILDCARD_REASON =
  "Active tracing: CDK grants xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions (AWS Service Authorization Reference for X-Ray), so their resource must be '*'.";

export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { packaging } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    // A role per function instead of the shared basic execution policy: this function's log group
    // only, and table access added by the caller from the route's declared needs.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Jobbtorg ${id}`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}/${packaging.entry}`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}/package-lock.json`,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      // X-Ray: Lambda's own segments, and the handler's and DynamoDB's subsegments from Powertools.
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...observabilityEnvironment(),
        ...packagingEnvironment(packaging),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: ESBUILD_SETTINGS.target,
        minify: ESBUILD_SETTINGS.minify,
        sourceMap: ESBUILD_SETTINGS.sourcemap,
        mainFields: [...ESBUILD_SETTINGS.mainFields],
        externalModules: [...ESBUILD_SETTINGS.external],
        bundleAwsSDK: true,
        banner: ESBUILD_SETTINGS.banner.js,
        esbuildArgs: Object.fromEntries(Object.entries(ESBUILD_ALIASES).map(([name, path]) => [`--alias:${name}`, path])),
        // Everything (pdfmake included) is in the bundle; nothing is npm-installed at synth, so
        // synth needs neither Docker nor the network.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => copyCommands(packaging, inputDir, outputDir),
        },
      },
    });

    acknowledgeNag(
      this.role.node.findChild('DefaultPolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      props.wildcardResourceReason ? `${XRAY_WILDCARD_REASON} ${props.wildcardResourceReason}` : XRAY_WILDCARD_REASON,
    );

    this.alarm('Errors', this.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), props.alarmAction);
    this.alarm('Throttles', this.fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), props.alarmAction);
  }

  private alarm(name: string, metric: cloudwatch.IMetric, action?: cloudwatch.IAlarmAction): void {
    alarmOnAny(this, name, metric, `${this.node.id}: ${name.toLowerCase()} in the last 5 minutes`, action);
  }
}
