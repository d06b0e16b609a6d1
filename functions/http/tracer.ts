/**
 * X-Ray tracing from Powertools' Tracer. In Lambda with active tracing, each invocation gets a
 * handler subsegment (middy's captureLambdaHandler) and each DynamoDB call its own subsegment (the
 * client is captured in handlers/context.ts). Elsewhere (the local server, tests) the Tracer is
 * off, because it is on only where Lambda sets AWS_EXECUTION_ENV and POWERTOOLS_TRACE_ENABLED is
 * not `false`: nothing tries to reach an X-Ray daemon.
 *
 * A trace holds timings, the ColdStart and Service annotations, and DynamoDB's operation, table
 * and request id; never a response body or an error message (observability.ts sets both off).
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './powertools-env';

export const tracer = new Tracer({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME,
  // The functions call nothing over HTTP but DynamoDB, which the captured client traces; patching
  // Node's http, https and fetch as well would only add work at start-up.
  captureHTTPsRequests: false,
});
