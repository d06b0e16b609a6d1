import { afterEach, describe, expect, it } from 'vitest';
import { logger, setLogSink } from '../../../functions/http/logger';
import { inForm, personnummer } from '../../support/identity';

const lines: string[] = [];
const capture = () => setLogSink((line) => lines.push(line));
afterEach(() => {
  setLogSink(undefined);
  lines.length = 0;
});

describe('the service logger (Powertools Logger with the personnummer replacer)', () => {
  it('writes one JSON line per entry with the service name and the child’s keys', () => {
    capture();
    logger.createChild({ persistentKeys: { correlationId: 'korr-0001', route: 'get-decision' } }).info('request', { status: 200, durationMs: 12 });

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'INFO', message: 'request', service: 'jobbtorg-beslutsstod', correlationId: 'korr-0001', route: 'get-decision', status: 200 });
  });

  it('scrubs a personnummer from strings, numbers, keys and error messages, and keeps a UUID whole', () => {
    capture();
    const pnr = personnummer('2000-12-05');
    const id = '6f1c2a9e-3b4d-4e5f-8a7b-199001011234';
    logger.warn(`Sökte ${pnr}`, {
      decisionId: id,
      asNumber: Number(inForm(pnr, 'YYYYMMDDNNNN')),
      byPerson: { [inForm(pnr, 'YYMMDD-NNNN')]: 1 },
      error: new Error(`ingen ${inForm(pnr, 'YYYYMMDDNNNN')} här`),
    });

    const [line] = lines;
    expect(line).not.toContain(inForm(pnr, 'YYMMDD-NNNN').slice(0, 6));
    const entry = JSON.parse(line!);
    expect(entry).toMatchObject({ message: 'Sökte [personnummer]', decisionId: id, asNumber: '[personnummer]', byPerson: { '[personnummer]': 1 } });
    expect(entry.error.message).toBe('ingen [personnummer] här');
  });

  it('gives lines back to Powertools (standard output) when the sink is removed', () => {
    capture();
    expect(setLogSink(undefined)).toBeTypeOf('function');
    logger.debug('not captured');
    expect(lines).toEqual([]);
  });
});
