/// <reference lib="dom" />
/**
 * *Sök ärende*: one field for a personnummer, samordningsnummer or case number. The number goes to
 * the API in the request body and is kept only in this module's memory, never in the address (not
 * even the hash): an address ends up in the browser's history, in bookmarks and in shared links.
 */
import { ApiError, postJson } from '../api';
import type { Session } from '../auth';
import { CASE_STATUS, decisionPhrase, identityKind } from '../case-labels';
import { h, notice, render } from '../dom';
import { label } from '../labels';
import { formatDate } from '../format';
import { FieldSet } from './form';

export interface CaseSummary {
  caseId: string;
  caseNumber: string;
  applicant: { name: string; personnummer: string };
  status: string;
  createdAt: string;
  lastEntryAt: string;
  responsible: { name: string } | null;
  /** Newest first. */
  decisions: Array<{ decisionId: string; status: string; decisionDate: string; proposedOutcome: string; finalOutcome: string | null }>;
}

export interface SearchResult {
  kind: 'PERSONNUMMER' | 'CASE_NUMBER';
  items: CaseSummary[];
}

export const SEARCH_LABEL = 'Personnummer, samordningsnummer eller ärendenummer';

/** The last search, for the way back from a case file. Gone when the page reloads (signing out reloads it). */
let last: { query: string; result: SearchResult } | undefined;

/** Whether the last search showed this case (the case file then offers the way back to it). */
export const lastSearchShowed = (caseId: string): boolean => last?.result.items.some((c) => c.caseId === caseId) ?? false;

/** The search form; `onFound` gets the answer, errors are shown beside the field. */
export function searchForm(onFound: (result: SearchResult) => void, query = ''): HTMLFormElement {
  const f = new FieldSet();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sök');
  const form = h(
    'form',
    { class: 'filter search-form', novalidate: true, role: 'search', 'aria-label': 'Sök ärende' },
    f.summary,
    f.text('query', SEARCH_LABEL, { value: query, hint: 'Till exempel 20010517-9824, 010517-9824 eller AMN 2024/00012.', required: true }),
    submit,
  );
  form.querySelector('input')?.setAttribute('spellcheck', 'false');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = f.value('query');
    submit.disabled = true;
    try {
      const result = await postJson<SearchResult>('/v1/case-searches', { query: text });
      f.clearErrors();
      last = { query: text, result };
      onFound(result);
    } catch (error) {
      if (error instanceof ApiError) f.showErrors(error.problem.title, error.problem.errors ?? [], error.problem.errors?.length ? undefined : error.problem.detail);
      else f.showErrors('Något gick fel', [], (error as Error).message);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** The number of a decision within its case, counted from the first proposal (1, 2, …). */
const numbered = (c: CaseSummary) => c.decisions.map((d, i) => ({ ...d, number: c.decisions.length - i }));

function caseItem(c: CaseSummary): HTMLElement {
  return h(
    'li',
    { class: 'case-card' },
    h('h3', {}, h('a', { href: `#/arende/${encodeURIComponent(c.caseId)}` }, `${c.caseNumber} – ${c.applicant.name}`)),
    h('dl', { class: 'summary' },
      h('dt', {}, identityKind(c.applicant.personnummer)), h('dd', {}, c.applicant.personnummer),
      h('dt', {}, 'Status'), h('dd', {}, label(CASE_STATUS, c.status)),
      h('dt', {}, 'Ansvarig handläggare'), h('dd', {}, c.responsible?.name ?? 'Ingen angiven'),
      h('dt', {}, 'Ärendet skapades'), h('dd', {}, formatDate(c.createdAt)),
      h('dt', {}, 'Senaste anteckning'), h('dd', {}, formatDate(c.lastEntryAt)),
      h('dt', {}, 'Beslut'),
      h('dd', {},
        c.decisions.length
          ? h('ul', { class: 'plain' }, numbered(c).map((d) => h('li', {}, h('a', { href: `#/beslut/${encodeURIComponent(d.decisionId)}` }, `Beslut ${d.number}`), `: ${decisionPhrase(d)}, beslutsdatum ${d.decisionDate}`)))
          : 'Inga beslut',
      ),
    ),
  );
}

function resultSection(result: SearchResult): HTMLElement {
  const count = result.items.length;
  const heading = h('h2', { id: 'results-heading', tabindex: '-1' }, count === 0 ? 'Inget ärende hittades' : `Sökresultat: ${count} ${count === 1 ? 'ärende' : 'ärenden'}`);
  return h(
    'section',
    { 'aria-labelledby': 'results-heading', class: 'search-results' },
    heading,
    count === 0
      ? h('p', {},
          result.kind === 'CASE_NUMBER'
            ? 'Det finns inget ärende med det numret. Kontrollera årtalet och löpnumret.'
            : 'Personen har inget ärende hos Jobbtorg, eller så är numret fel skrivet. Har personen inget ärende börjar du med ',
          result.kind === 'CASE_NUMBER' ? null : [h('a', { href: '#/ny' }, 'Nytt beslut'), '.'],
        )
      : h('ul', { class: 'cases' }, result.items.map(caseItem)),
  );
}

export function searchView(main: HTMLElement, session: Session): void {
  if (session.role === 'jurist') {
    render(main, h('h1', {}, 'Sök ärende'), notice('info', 'Att söka ärenden på personnummer hör till handläggare och beslutsfattare. Som jurist läser du beslut utan personuppgifter.'));
    return;
  }
  const results = h('div', {}, last ? resultSection(last.result) : null);
  const show = (result: SearchResult) => {
    results.replaceChildren(resultSection(result));
    results.querySelector<HTMLElement>('#results-heading')?.focus();
  };
  render(
    main,
    h('h1', {}, 'Sök ärende'),
    h('p', {}, 'Sök en persons ärende på personnummer eller samordningsnummer, med eller utan sekel och bindestreck, eller på ärendenumret. Sökningen loggas.'),
    searchForm(show, last?.query ?? ''),
    results,
  );
  // Arriving with results (from the start page, or back from a case file): start at them.
  results.querySelector<HTMLElement>('#results-heading')?.focus();
}
