/**
 * Powertools' middlewares, used by every function (handler.ts for the routes, the gallring
 * handler): the Lambda context on every log line (never the event: it holds personal data), the
 * handler's X-Ray subsegment (without its response), and the metrics the invocation recorded,
 * published when it ends, with a ColdStart metric on a cold start.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logger } from './logger';
import { metrics } from './metrics';
import { tracer } from './tracer';

export function observability() {
  return [
    injectLambdaContext(logger, { logEvent: false }),
    captureLambdaHandler(tracer, { captureResponse: false }),
    logMetrics(metrics, { captureColdStartMetric: true }),
  ];
}
