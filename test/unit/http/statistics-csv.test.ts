import { describe, expect, it } from 'vitest';
import { statisticsRows } from '../../../functions/domain/statistics/statistics';
import { statisticsCsv } from '../../../functions/http/statistics-csv';

/**
 * How Excel opens a .csv it is given: UTF-8 only when the file starts with the byte order mark,
 * otherwise the Windows code page (1252 in a Swedish Windows); then one row a line, cells split
 * on the list separator (semicolon in a Swedish locale), quoted cells unquoted.
 */
function openLikeExcel(bytes: Uint8Array): string[][] {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder(hasBom ? 'utf-8' : 'windows-1252').decode(bytes);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

const august = statisticsRows([
  { month: '2024-08', counts: { 'outcome=GRANT': 12, 'outcome=REFUSE': 6, 'outcome=REFER': 2, 'ageBand=19–24': 7, 'targetGroup=UNGA': 9, 'ending=WORK': 5, 'ending=INTERRUPTED': 1 } },
]);

describe('the statistics CSV', () => {
  it('starts with the UTF-8 byte order mark, so Excel reads å, ä and ö as written', () => {
    const bytes = bytesOf(statisticsCsv(august));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(openLikeExcel(bytes)[0]).toEqual(['Månad', 'Indelning', 'Kategori', 'Antal']);
  });

  it('would show "MÃ¥nad" without the byte order mark (why the mark is there)', () => {
    const withoutBom = bytesOf(statisticsCsv(august).replace(/^\uFEFF/, ''));
    expect(openLikeExcel(withoutBom)[0]?.[0]).toBe('MÃ¥nad');
  });

  it('has Swedish headers and Swedish values, semicolon separated, and hides counts under five and a count they could be worked out from as ..', () => {
    expect(openLikeExcel(bytesOf(statisticsCsv(august)))).toEqual([
      ['Månad', 'Indelning', 'Kategori', 'Antal'],
      ['2024-08', 'Beslut', 'Beviljat', '12'],
      ['2024-08', 'Beslut', 'Avslag', '..'],
      ['2024-08', 'Beslut', 'Hänvisat till stadsdelsförvaltningen', '..'],
      ['2024-08', 'Målgrupp', 'Unga 19–29 år som varken arbetar eller studerar', '9'],
      ['2024-08', 'Åldersgrupp', '19–24 år', '7'],
      ['2024-08', 'Hur insatsen avslutades', 'Arbete', '5'],
      ['2024-08', 'Hur insatsen avslutades', 'Avbruten', '..'],
    ]);
  });

  it('lists the months in order, and in each the decision first and age bands youngest first', () => {
    const rows = statisticsRows([
      { month: '2024-09', counts: { 'ageBand=50 eller äldre': 5, 'ageBand=18 eller yngre': 6, 'outcome=PARTIAL': 7 } },
      { month: '2024-08', counts: { 'ageBand=30–39': 8 } },
    ]);
    expect(openLikeExcel(bytesOf(statisticsCsv(rows))).slice(1).map((r) => `${r[0]} ${r[2]}`)).toEqual(['2024-08 30–39 år', '2024-09 Delvis beviljat', '2024-09 18 år eller yngre', '2024-09 50 år eller äldre']);
  });

  it('writes one line per row with CRLF line ends, and no code from the counters', () => {
    const text = statisticsCsv(august);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(august.length + 2);
    expect(text).not.toMatch(/\b(GRANT|REFUSE|REFER|WORK|INTERRUPTED|UNGA|outcome|ageBand|targetGroup|ending)\b/);
  });

  it('quotes a value that holds a semicolon or a quote', () => {
    const rows = [{ month: '2024-08', dimension: 'ending' as const, value: 'Flyttat; "annat"', count: 7 }];
    expect(openLikeExcel(bytesOf(statisticsCsv(rows)))[1]).toEqual(['2024-08', 'Hur insatsen avslutades', 'Flyttat; "annat"', '7']);
  });

  it('is only the header when nothing was decided', () => {
    expect(statisticsCsv([])).toBe('\uFEFFMånad;Indelning;Kategori;Antal\r\n');
  });
});
