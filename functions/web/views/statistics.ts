/// <reference lib="dom" />
/**
 * Anonymised statistics by month. A hidden count (under the minimum size, or one that would let a
 * reader work a hidden one out) comes back as null and shows as "..", as in the CSV.
 */
import { ApiError, fileNameOf, getJson, request } from '../api';
import type { Session } from '../auth';
import { download, h, notice, render } from '../dom';
import { todayInStockholm } from '../format';
import { dimensionLabel, inReadingOrder, statisticsOrder, statisticsValueLabel } from '../labels';
import { FieldSet } from './form';

interface Statistics {
  from: string;
  to: string;
  minimumCellSize: number;
  rows: Array<{ month: string; dimension: string; value: string; count: number | null }>;
}

/** A hidden count, as the API and the CSV write it (SCB's sign for a value not given). */
const HIDDEN_COUNT = '..';

export async function statisticsView(main: HTMLElement, session: Session, range?: { from: string; to: string }): Promise<void> {
  const today = todayInStockholm();
  const from = range?.from ?? `${Number(today.slice(0, 4)) - 2}-01`;
  const to = range?.to ?? today.slice(0, 7);
  const f = new FieldSet();
  const form = h('form', { class: 'filter', novalidate: true }, f.summary, f.month('from', 'Från månad', { value: from, required: 'Ange från-månaden.' }), f.month('to', 'Till månad', { value: to, required: 'Ange till-månaden.' }), h('button', { type: 'submit' }, 'Visa'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (f.check()) void statisticsView(main, session, { from: f.value('from'), to: f.value('to') });
  });
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  let stats: Statistics | undefined;
  let problem: ApiError | undefined;
  try {
    stats = await getJson<Statistics>(`/v1/statistics?${query}`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    problem = error;
  }
  const csvStatus = h('div', { 'aria-live': 'polite' });
  const downloadCsv = async () => {
    try {
      const response = await request('GET', `/v1/statistics?${query}&format=csv`, { accept: 'text/csv' });
      download(new Blob([await response.arrayBuffer()], { type: 'text/csv;charset=utf-8' }), fileNameOf(response, `jobbtorg-statistik-${from}-${to}.csv`));
    } catch (error) {
      csvStatus.replaceChildren(notice('error', (error as Error).message));
    }
  };
  // The decision first, age bands youngest first: not the alphabetical order of the codes.
  const dimensionOrder = (dimension: string) => statisticsOrder({ dimension, value: '' })[0];
  const dimensions = stats ? [...new Set(stats.rows.map((r) => r.dimension))].sort((a, b) => dimensionOrder(a) - dimensionOrder(b)) : [];
  render(
    main,
    h('h1', {}, 'Statistik'),
    h('p', {}, `Anonymiserade antal beslut per månad. Antal under ${stats?.minimumCellSize ?? 5} visas aldrig, eftersom de skulle kunna peka ut en person. Inte heller ett antal som skulle låta någon räkna ut ett dolt antal ur de andra visas. Dolda antal står som "${HIDDEN_COUNT}".`),
    form,
    stats
      ? [
          h('div', { class: 'actions' }, h('button', { type: 'button', onclick: downloadCsv }, 'Ladda ned som CSV'), csvStatus),
          stats.rows.length === 0 ? h('p', {}, `Inga beslut ${stats.from} – ${stats.to}.`) : null,
          dimensions.map((dimension) => {
            const id = `stat-${dimension}`;
            const rows = inReadingOrder(stats.rows.filter((r) => r.dimension === dimension));
            return h('section', { 'aria-labelledby': id },
              h('h2', { id }, dimensionLabel(dimension)),
              h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `Tabell: ${dimensionLabel(dimension)}` },
                h('table', { class: 'statistics' },
                  h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Månad'), h('th', { scope: 'col' }, 'Kategori'), h('th', { scope: 'col', class: 'number' }, 'Antal'))),
                  h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, r.month), h('td', {}, statisticsValueLabel(r.dimension, r.value)), h('td', { class: 'number' }, r.count === null ? HIDDEN_COUNT : String(r.count))))),
                ),
              ),
            );
          }),
        ]
      : null,
  );
  // The API's messages (e.g. a range of more than 60 months) beside the month they concern.
  if (problem) f.showErrors(problem.problem.title, problem.problem.errors ?? [], problem.problem.errors?.length ? undefined : problem.problem.detail);
}
