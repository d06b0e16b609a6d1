/**
 * The REST API: one method per route in functions/http/routes.ts, each proxied to its own Lambda,
 * behind a Cognito authorizer (route-authorization.ts says which token), a request validator whose
 * body models come from the same zod schemas the handlers validate with, access logs, stage
 * throttling, gateway errors as problem+json, and a WAF web ACL.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as z from 'zod/mini';
import { SECURITY_HEADERS } from '../../functions/http/middleware';
import type { RouteDefinition } from '../../functions/http/routes';
import { acknowledgeNag } from './nag';
import { routeAuthorization } from './route-authorization';
import { type OriginMark, WebAcl } from './web-acl';
import { alarmOnAny } from './alarms';

/**
 * The body model API Gateway checks before a Lambda runs: structure, types, required fields,
 * enumerations and lengths. Patterns and formats are left to the handler's zod schema, whose
 * problem+json names the field in Swedish; API Gateway's regular-expression dialect is not
 * JavaScript's, and a stricter gateway would answer with a vaguer error for the same mistake.
 */
export function requestModelSchema(body: z.ZodMiniType): Record<string, unknown> {
  const schema = z.toJSONSchema(body, { target: 'draft-04', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const strip = (node: unknown, inProperties = false): unknown => {
    if (Array.isArray(node)) return node.map((n) => strip(n));
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => inProperties || (key !== 'pattern' && key !== 'format'))
        .map(([key, value]) => [key, strip(value, !inProperties && (key === 'properties' || key === 'definitions'))]),
    );
  };
  return strip(schema) as Record<string, unknown>;
}

function modelName(routeId: string): string {
  return routeId.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()) + 'Request';
}

/** Errors API Gateway answers itself, in the same problem+json shape the handlers use. */
const GATEWAY_PROBLEMS: Array<[apigw.ResponseType, number, string, string, string]> = [
  [apigw.ResponseType.BAD_REQUEST_BODY, 400, 'validation', 'Ogiltiga uppgifter', 'Begärans innehåll följer inte API:ets schema (se /v1/openapi.json).'],
  [apigw.ResponseType.BAD_REQUEST_PARAMETERS, 400, 'validation', 'Ogiltiga uppgifter', 'En obligatorisk parameter saknas.'],
  [apigw.ResponseType.UNAUTHORIZED, 401, 'unauthorized', 'Inloggning krävs', 'Begäran saknar en giltig inloggning (token). Logga in och försök igen.'],
  [apigw.ResponseType.ACCESS_DENIED, 403, 'forbidden', 'Behörighet saknas', 'Din roll har inte behörighet till det här.'],
  [apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN, 404, 'not-found', 'Finns inte', 'Det finns ingen sådan adress i API:et.'],
  [apigw.ResponseType.WAF_FILTERED, 403, 'forbidden', 'Begäran stoppades', 'Begäran stoppades av brandväggen.'],
  [apigw.ResponseType.THROTTLED, 429, 'throttled', 'För många begäranden', 'Vänta en stund och försök igen.'],
  [apigw.ResponseType.REQUEST_TOO_LARGE, 413, 'too-large', 'Begäran är för stor', 'Begäran är för stor.'],
  [apigw.ResponseType.DEFAULT_4XX, 400, 'bad-request', 'Felaktig begäran', 'Begäran kunde inte tas emot.'],
  [apigw.ResponseType.DEFAULT_5XX, 503, 'unavailable', 'Tillfälligt otillgänglig', 'Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.'],
];

/**
 * API Gateway throttles each method of a stage in a bucket of its own, at the stage's default
 * unless the method has limits of its own. A route an outreach tool may call gets smaller limits
 * of its own, so that a tool, however busy, takes no more than that from the service; staff
 * routes keep the stage's. Per tool, WAF limits each caller's address (web-acl.ts).
 */
export const outreachThrottled = (route: RouteDefinition): boolean => route.access !== 'public' && route.access.includes('uppsok');

export interface ApiProps {
  stage: string;
  routes: RouteDefinition[];
  functionFor: (routeId: string) => lambda.IFunction;
  userPool: cognito.IUserPool;
  /** The stage's default: every method has a bucket of its own with these limits. */
  throttle: { rateLimit: number; burstLimit: number };
  /** Each route an outreach tool may call: a smaller bucket of its own (outreachThrottled). */
  outreachThrottle: { rateLimit: number; burstLimit: number };
  wafRateLimit: number;
  /** How CloudFront marks its requests: those are limited per viewer at the edge (web-acl.ts). */
  throughCloudFront: OriginMark;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  alarmAction?: cloudwatch.IAlarmAction;
}

export class Api extends Construct {
  readonly api: apigw.RestApi;
  readonly methods = new Map<string, apigw.Method>();
  readonly webAcl: WebAcl;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: `jobbtorg-${props.stage}`,
      description: 'Jobbtorg beslutsstöd (Arbetsmarknadsnämnden, Stockholms stad)',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // The letter comes back as binary when the client accepts application/pdf.
      binaryMediaTypes: ['application/pdf'],
      // Execution logs need the account's API Gateway logging role (one per account and region).
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stage,
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        methodOptions: Object.fromEntries(
          props.routes.filter(outreachThrottled).map((route) => [
            `${route.path}/${route.method}`,
            // A method's own settings replace the stage's for it: logging and metrics as for the rest.
            { throttlingRateLimit: props.outreachThrottle.rateLimit, throttlingBurstLimit: props.outreachThrottle.burstLimit, loggingLevel: apigw.MethodLoggingLevel.ERROR, dataTraceEnabled: false, metricsEnabled: true },
          ]),
        ),
        // Errors only, and never request or response bodies: they hold personnummer and names.
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        // X-Ray: the stage's segment is the parent of each function's trace.
        tracingEnabled: true,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        // Ids, route, status and timing; never the body, and never the path as typed (a caller can
        // type a name into it): the route's template is logged, and the function's own log line
        // names the id when it has the shape of one the service issues (functions/http/middleware.ts).
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTimeEpoch',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            resource: '$context.resourcePath',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integration.latency',
            responseLength: '$context.responseLength',
            caller: '$context.authorizer.claims.sub',
            client: '$context.authorizer.claims.client_id',
            authorizerError: '$context.authorizer.error',
            error: '$context.error.responseType',
            waf: '$context.waf.status',
          }),
        ),
      },
    });

    // Static header values are quoted with ' and cannot contain one, which leaves out the CSP
    // ('none'); these answers are JSON, never rendered.
    acknowledgeNag(
      this.api.node.findChild('CloudWatchRole'),
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      "API Gateway's account-level logging role; AWS's managed policy is the documented one for it, and it allows only writing API Gateway's own log groups.",
    );

    const headers = Object.fromEntries(
      Object.entries(SECURITY_HEADERS)
        .filter(([, v]) => !v.includes("'"))
        .map(([k, v]) => [k, `'${v}'`]),
    );
    for (const [type, status, problemType, title, detail] of GATEWAY_PROBLEMS) {
      this.api.addGatewayResponse(`Problem${type.responseType}`, {
        type,
        statusCode: String(status),
        responseHeaders: { ...headers, 'Content-Type': "'application/problem+json'" },
        templates: {
          'application/json': JSON.stringify({ type: `/problems/${problemType}`, title, status, detail, correlationId: '$context.requestId' }),
        },
      });
    }

    const authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      authorizerName: 'cognito',
      cognitoUserPools: [props.userPool],
      identitySource: apigw.IdentitySource.header('Authorization'),
      resultsCacheTtl: Duration.minutes(5),
    });
    const validator = new apigw.RequestValidator(this, 'Validator', {
      restApi: this.api,
      requestValidatorName: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    for (const route of props.routes) {
      const resource = this.api.root.resourceForPath(route.path);
      const authorization = routeAuthorization(route);
      const requestParameters: Record<string, boolean> = {};
      for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) requestParameters[`method.request.path.${name}`] = true;
      for (const [name, q] of Object.entries(route.query ?? {})) requestParameters[`method.request.querystring.${name}`] = q.required;
      if (route.idempotent) requestParameters['method.request.header.Idempotency-Key'] = false;
      const model = route.body
        ? this.api.addModel(modelName(route.id), {
            modelName: modelName(route.id),
            contentType: 'application/json',
            schema: requestModelSchema(route.body) as apigw.JsonSchema,
          })
        : undefined;
      const method = resource.addMethod(route.method, new apigw.LambdaIntegration(props.functionFor(route.id), { allowTestInvoke: false }), {
        operationName: route.id,
        requestValidator: validator,
        requestParameters,
        ...(model ? { requestModels: { 'application/json': model } } : {}),
        ...(authorization.kind === 'public'
          ? { authorizationType: apigw.AuthorizationType.NONE }
          : {
              authorizationType: apigw.AuthorizationType.COGNITO,
              authorizer,
              authorizationScopes: authorization.scopes,
            }),
      });
      this.methods.set(route.id, method);
      if (authorization.kind === 'public') {
        const why = `${route.method} ${route.path} is public by design (issue #5: the OpenAPI document and the health check need no token); it reads no data and WAF and stage throttling still apply.`;
        acknowledgeNag(method, 'AwsSolutions-APIG4', why);
        acknowledgeNag(method, 'AwsSolutions-COG4', why);
      }
    }

    this.webAcl = new WebAcl(this, 'WebAcl', { stage: props.stage, rateLimit: props.wafRateLimit, scope: { kind: 'REGIONAL', throughCloudFront: props.throughCloudFront } });
    this.webAcl.associate(this.api.deploymentStage.stageArn);

    alarmOnAny(
      this,
      'ServerErrors',
      this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      `API ${props.stage}: 5xx answers in the last 5 minutes`,
      props.alarmAction,
    );
  }
}
