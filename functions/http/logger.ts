/**
 * Structured JSON logs with a correlation id, in the manner of Powertools' Logger. Log lines
 * carry ids, codes and timings only; as a second line of defence every line is scrubbed of
 * anything shaped like a personnummer before it is written.
 */
const IDENTITY_NUMBER = /(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)/g;
// Ids are UUIDs, whose digit runs can look like a personnummer (a last group of twelve digits, or
// `…123456-7890-…` across two groups): they are matched first and kept whole, so that a log line
// still names the decision it is about.
const UUID_OR_IDENTITY_NUMBER = new RegExp(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])|${IDENTITY_NUMBER.source}`, 'gi');

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const ORDER: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stdout.write(line + '\n');

/** Where log lines go (tests capture them here to prove they hold no personal data). */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

export function scrub(line: string): string {
  return line.replace(UUID_OR_IDENTITY_NUMBER, (match) => (match.length === 36 && match[8] === '-' ? match : '[personnummer]'));
}

export function createLogger(base: Record<string, unknown> = {}, level: LogLevel = (process.env.LOG_LEVEL as LogLevel) ?? 'INFO'): Logger {
  const write = (lvl: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const entry = { level: lvl, message, timestamp: new Date().toISOString(), service: 'jobbtorg-beslutsstod', ...base, ...fields };
    sink(scrub(JSON.stringify(entry)));
  };
  return {
    debug: (m, f) => write('DEBUG', m, f),
    info: (m, f) => write('INFO', m, f),
    warn: (m, f) => write('WARN', m, f),
    error: (m, f) => write('ERROR', m, f),
    child: (fields) => createLogger({ ...base, ...fields }, level),
  };
}
