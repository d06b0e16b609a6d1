import { MIN_CELL_SIZE, readStatistics } from '../domain/statistics/statistics';
import { httpHandler } from '../http/handler';
import { statisticsCsv } from '../http/statistics-csv';
import { domain } from './context';

export const handler = httpHandler('get-statistics', async ({ query }) => {
  const rows = await readStatistics(domain(), query.from ?? '', query.to ?? '');
  if (query.format === 'csv') {
    return {
      status: 200,
      text: statisticsCsv(rows),
      contentType: 'text/csv; charset=utf-8',
      headers: { 'Content-Disposition': `attachment; filename="jobbtorg-statistik-${query.from}-${query.to}.csv"` },
    };
  }
  return { status: 200, json: { from: query.from, to: query.to, minimumCellSize: MIN_CELL_SIZE, rows } };
});
