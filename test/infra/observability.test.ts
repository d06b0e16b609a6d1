/**
 * Traces, logs and metrics as deployed: every function of the service traces actively and gets
 * Powertools' environment, the API stage traces, and the only permission without a resource that
 * tracing adds is X-Ray's own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE, SERVICE_NAME, observabilityEnvironment } from '../../functions/http/powertools-env';
import { type Synthesized, resourcesOf, synthesize } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
});

/** The service's functions: one per route, gallring and the token trigger (not CDK's own). */
function serviceFunctions() {
  return [...s.stack.functions.values(), s.stack.gallring.function, s.stack.identity.tokenTrigger].map((f) => ({
    path: f.node.path,
    role: f.role,
    properties: s.json.Resources[s.stack.getLogicalId(f.fn.node.defaultChild as never)]!.Properties!,
  }));
}

describe('every function of the service', () => {
  it('traces actively with X-Ray', () => {
    const functions = serviceFunctions();
    expect(functions.length).toBe(s.stack.functions.size + 2);
    for (const fn of functions) expect(fn.properties.TracingConfig, fn.path).toEqual({ Mode: 'Active' });
  });

  it('gets Powertools’ environment: service name, metrics namespace, and no response, error or event in traces and logs', () => {
    for (const fn of serviceFunctions()) {
      expect(fn.properties.Environment.Variables, fn.path).toMatchObject({
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      });
      // Tracing and metrics are never switched off in AWS.
      expect(fn.properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED, fn.path).toBeUndefined();
      expect(fn.properties.Environment.Variables.POWERTOOLS_METRICS_DISABLED, fn.path).toBeUndefined();
    }
    expect(observabilityEnvironment()).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'jobbtorg-beslutsstod', POWERTOOLS_METRICS_NAMESPACE: 'Jobbtorg' });
  });

  it('may send trace segments, and uses no other permission without a resource (but gallring’s ListStreams)', () => {
    for (const fn of serviceFunctions()) {
      const policy = fn.role.node.findChild('DefaultPolicy') as { node: { defaultChild: unknown } };
      const statements = s.json.Resources[s.stack.getLogicalId(policy.node.defaultChild as never)]!.Properties!.PolicyDocument.Statement as Array<{
        Action: string | string[];
        Resource: unknown;
      }>;
      const unscoped = statements.filter((st) => st.Resource === '*').flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
      const expected = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments', ...(fn.path.endsWith('CullExpiredCases') ? ['dynamodb:ListStreams'] : [])];
      expect(unscoped.sort(), fn.path).toEqual(expected.sort());
    }
  });
});

describe('the API stage', () => {
  it('traces with X-Ray, so each request is one trace from API Gateway through the function to DynamoDB', () => {
    const stages = resourcesOf(s, 'AWS::ApiGateway::Stage');
    expect(stages).toHaveLength(1);
    expect(stages[0]![1].Properties?.TracingEnabled).toBe(true);
  });
});
