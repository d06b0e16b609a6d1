/**
 * Structured JSON logs from Powertools' Logger: one line per entry, with the Lambda context, the
 * X-Ray trace id and (per request, see middleware.ts) a correlation id. Log lines carry ids, codes
 * and timings only; as a second line of defence the Logger's JSON replacer scrubs every value (and
 * every key) of anything shaped like a personnummer before a line is written.
 */
import { type LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { ConstructorOptions } from '@aws-lambda-powertools/logger/types';
import { SERVICE_NAME } from './powertools-env';

export type { Logger } from '@aws-lambda-powertools/logger';

const IDENTITY_NUMBER = /(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)/g;
// Ids are UUIDs, whose digit runs can look like a personnummer (a last group of twelve digits, or
// `…123456-7890-…` across two groups): they are matched first and kept whole, so that a log line
// still names the decision it is about.
const UUID_OR_IDENTITY_NUMBER = new RegExp(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])|${IDENTITY_NUMBER.source}`, 'gi');
const REDACTED = '[personnummer]';

export function scrub(text: string): string {
  return text.replace(UUID_OR_IDENTITY_NUMBER, (match) => (match.length === 36 && match[8] === '-' ? match : REDACTED));
}

/**
 * The Logger's JSON replacer (Powertools calls it for every key and value before its own rules):
 * strings are scrubbed, a number or bigint that reads as a personnummer is replaced, and an object
 * whose keys hold one is copied with scrubbed keys.
 */
export function scrubPersonnummer(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return scrub(value);
  if (typeof value === 'number' || typeof value === 'bigint') return scrub(String(value)) === String(value) ? value : REDACTED;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error)) {
    const keys = Object.keys(value);
    if (keys.some((k) => scrub(k) !== k)) return Object.fromEntries(keys.map((k) => [scrub(k), (value as Record<string, unknown>)[k]]));
  }
  return value;
}

export type LogSink = (line: string) => void;

let sink: LogSink | undefined;

/**
 * Where log lines go instead of standard output (tests capture them here to prove they hold no
 * personal data). `undefined` gives them back to Powertools, which writes them to stdout/stderr.
 */
export function setLogSink(next: LogSink | undefined): LogSink | undefined {
  const previous = sink;
  sink = next;
  return previous;
}

/**
 * Powertools' Logger, except that a line goes to the sink when one is set. The line is the same:
 * the same attributes through the same replacer, on one line.
 */
class ServiceLogger extends Logger {
  protected override printLog(logLevel: number, log: LogItem): void {
    if (!sink) return super.printLog(logLevel, log);
    log.prepareForPrint();
    sink(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }

  // Children (one per request, with its correlation id) are ServiceLoggers too.
  protected override createLogger(options?: ConstructorOptions): Logger {
    return new ServiceLogger(options);
  }
}

/**
 * The module's logger. Middleware gives it the Lambda context (injectLambdaContext) and makes a
 * child per request that carries the correlation id.
 */
export const logger: Logger = new ServiceLogger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME,
  jsonReplacerFn: scrubPersonnummer,
});
