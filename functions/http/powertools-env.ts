/**
 * What the service's logs, traces and metrics (Powertools for AWS Lambda) are called, and the
 * environment that configures them, defined once: the CDK stack sets it on every function, and
 * the code falls back to the same names where nothing is set (the local server, tests). No
 * Powertools import here: the CDK app reads this module.
 */
export const SERVICE_NAME = 'jobbtorg-beslutsstod';
export const METRICS_NAMESPACE = 'Jobbtorg';

/**
 * Powertools' environment for a function. Requests, responses and errors hold personal data
 * (names, personnummer, addresses, free-text grounds), so none of them is put into a trace or a
 * log line: the Tracer records neither the handler's response nor an error's message and stack
 * (only that there was an error), and the Logger never logs the incoming event.
 */
export function observabilityEnvironment(): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
    POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
    POWERTOOLS_LOGGER_LOG_EVENT: 'false',
  };
}
