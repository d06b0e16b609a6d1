/**
 * The statistics as a file for a Swedish spreadsheet: UTF-8 with a byte order mark (without it
 * Excel reads the file as Windows-1252 and "Månad" becomes "MÃ¥nad"), semicolons (Excel's list
 * separator in a Swedish locale, where the comma is the decimal sign), CRLF line ends, and the
 * same Swedish words as the staff page: no codes.
 */
import { HIDDEN_COUNT, type StatisticsRow } from '../domain/statistics/statistics';
import { dimensionLabel, inReadingOrder, statisticsValueLabel } from '../domain/statistics/statistics-labels';

export const BOM = '\uFEFF';
export const CSV_HEADERS = ['Månad', 'Indelning', 'Kategori', 'Antal'] as const;

const csvField = (value: string) => (/[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One line per row, by month and then as the page orders them; a hidden count reads `..` (SCB's sign for a value not given). */
export function statisticsCsv(rows: StatisticsRow[]): string {
  const lines = [CSV_HEADERS.join(';')];
  for (const r of inReadingOrder(rows)) {
    const count = r.count === null ? HIDDEN_COUNT : String(r.count);
    lines.push([r.month, dimensionLabel(r.dimension), statisticsValueLabel(r.dimension, r.value), count].map(csvField).join(';'));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
