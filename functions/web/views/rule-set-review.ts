/// <reference lib="dom" />
/**
 * The legal reviewer's tools for one rule set, beside its approval: what it changes against
 * another rule set (Jämför), what it would have done to the decisions already made (Provkör mot
 * beslut), and what its golden scenarios leave untested (Testscenarier och täckning). Jurists
 * only; the API refuses everyone else. Decisions are named by case number and date only; codes
 * (outcomes, statuses) are always shown with their Swedish words.
 */
import { ApiError, getJson, inWords, ruleSetTitleOf } from '../api';
import type { Session } from '../auth';
import { h, notice, render } from '../dom';
import { CRITERION_STATUS, OUTCOME, label } from '../labels';
import { FieldSet } from './form';
import { todayInStockholm } from '../format';
import { type ReplayPair, mergeReplayPairs } from '../../domain/rule-sets/replay-pairs';
import type { ReplayPage } from '../../domain/rule-sets/replay';

interface RuleSetSummary {
  id: string;
  version: number;
  title: string;
  validFrom: string;
  validTo?: string | null;
}

interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}
interface ComparedItem {
  key: string;
  name: string;
  changes: FieldChange[];
}
interface Comparison {
  base: RuleSetSummary;
  subject: RuleSetSummary;
  identical: boolean;
  summary: string[];
  sections: Array<{ key: string; title: string; added: ComparedItem[]; removed: ComparedItem[]; changed: ComparedItem[] }>;
}

type Status = 'MET' | 'NOT_MET' | 'MISSING';

interface ScenarioRef {
  file: string;
  name: string;
}
interface Coverage {
  ruleSet: { id: string; version: number; title: string };
  scenarios: { total: number; passed: number; failed: number; results: Array<{ name: string; passed: boolean; failures: string[]; outcome: string | null }> } | null;
  counted: number;
  criteria: Array<{ id: string; title: string; cells: Array<{ status: Status; scenarios: ScenarioRef[] }> }>;
  outcomes: Array<{ outcome: string; scenarios: ScenarioRef[] }>;
  contradictions: Array<{ id: string; description: string; scenarios: ScenarioRef[] }>;
  untested: Array<{ kind: 'criterion' | 'outcome' | 'contradiction'; id: string; status?: Status; text: string }>;
}

export const REVIEW_TABS = [
  ['jamfor', 'Jämför'],
  ['provkor', 'Provkör mot beslut'],
  ['tackning', 'Testscenarier och täckning'],
] as const;
export type ReviewTab = (typeof REVIEW_TABS)[number][0];
const isTab = (tab: string): tab is ReviewTab => REVIEW_TABS.some(([t]) => t === tab);

const path = (id: string, tab?: string) => `#/regelverk/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`;
const validity = (r: { validFrom: string; validTo?: string | null }) => `${r.validFrom} – ${r.validTo ?? 'tills vidare'}`;
const number = (n: number) => n.toLocaleString('sv-SE');
/** A table that scrolls sideways on its own on a narrow screen, reachable and named for a screen reader. */
const tableWrap = (name: string, table: HTMLElement) => h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': name }, table);
const statusText = (status: Status | null) => (status === null ? 'Finns inte i regelverket' : (CRITERION_STATUS[status]?.text ?? status));
const outcomeText = (outcome: string) => label(OUTCOME, outcome);

/** The links to the tools, for the rule set's own page (next to its approval). */
export function reviewLinks(id: string): HTMLElement {
  return h('section', { 'aria-labelledby': 'review-tools-heading', class: 'panel review-tools' },
    h('h2', { id: 'review-tools-heading' }, 'Granska innan du godkänner'),
    h('ul', {}, REVIEW_TABS.map(([tab, text]) => h('li', {}, h('a', { href: path(id, tab) }, text)))),
  );
}

function tabs(id: string, current: ReviewTab): HTMLElement {
  return h('nav', { class: 'review-tabs', 'aria-label': 'Granskningsverktyg' },
    h('ul', {}, REVIEW_TABS.map(([tab, text]) => h('li', {}, h('a', { href: path(id, tab), 'aria-current': tab === current ? 'page' : null }, text)))),
  );
}

export async function ruleSetReviewView(main: HTMLElement, session: Session, id: string, tab: string): Promise<void> {
  if (session.role !== 'jurist') {
    render(main, h('h1', {}, 'Granskning av regelverk'), notice('error', 'Bara jurister granskar regelverk.'), h('p', {}, h('a', { href: path(id) }, 'Till regelverket')));
    return;
  }
  const current: ReviewTab = isTab(tab) ? tab : 'jamfor';
  const { items } = await getJson<{ items: RuleSetSummary[] }>('/v1/rule-sets');
  const ruleSet = items.find((r) => r.id === id);
  if (!ruleSet) {
    render(main, h('h1', {}, 'Regelverket finns inte'), notice('error', `Regelverket ${id} finns inte.`), h('p', {}, h('a', { href: '#/regelverk' }, 'Till alla regelverk')));
    return;
  }
  const body = h('div', {});
  render(
    main,
    h('h1', {}, `Granska: ${ruleSet.title}`),
    h('p', { class: 'meta' }, `Version ${ruleSet.version}, gäller för beslutsdatum ${validity(ruleSet)}.`),
    tabs(id, current),
    body,
    h('p', {}, h('a', { href: path(id) }, 'Tillbaka till regelverket och godkännandet')),
  );
  // The heading stays the page's; each tool fills in below the tabs.
  if (current === 'jamfor') await compareTool(body, ruleSet, items);
  else if (current === 'provkor') replayTool(body, ruleSet);
  else await coverageTool(body, ruleSet);
}

// --- Jämför -----------------------------------------------------------------------------------

async function compareTool(body: HTMLElement, ruleSet: RuleSetSummary, all: RuleSetSummary[]): Promise<void> {
  const others = all.filter((r) => r.id !== ruleSet.id);
  if (others.length === 0) {
    body.replaceChildren(notice('info', 'Det finns inget annat regelverk att jämföra med.'));
    return;
  }
  // The default is the rule set this one follows: the one in force just before it.
  const index = all.findIndex((r) => r.id === ruleSet.id);
  const previous = index > 0 ? all[index - 1] : undefined;
  const f = new FieldSet();
  const choose = f.select('with', 'Jämför med', others.map((r) => [r.id, `${ruleSetTitleOf(r.id) ?? 'Regelverk'}, gäller ${validity(r)}`]), {
    value: (previous ?? others[0] as RuleSetSummary).id,
    hint: previous ? 'Förvalt är regelverket som gällde närmast före.' : 'Regelverket följer inget annat; välj vilket du vill jämföra med.',
  });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'filter compare-with', novalidate: true }, f.summary, choose, h('button', { type: 'submit' }, 'Jämför'));
  const show = async () => {
    try {
      const comparison = await getJson<Comparison>(`/v1/rule-sets/${encodeURIComponent(ruleSet.id)}/comparison?with=${encodeURIComponent(f.value('with'))}`);
      result.replaceChildren(...comparisonView(comparison));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      f.showErrors(error.problem.title, error.problem.errors ?? [], error.problem.detail);
    }
  };
  form.addEventListener('submit', (event) => (event.preventDefault(), void show()));
  body.replaceChildren(
    h('h2', {}, 'Vad regelverket ändrar'),
    h('p', {}, 'Kriterier som har lagts till, tagits bort eller ändrats (villkor, lagrum och texter), parametrar (gammalt → nytt värde), författningar och lagrum, utfall och hur besluten kan prövas.'),
    form,
    result,
  );
  await show();
}

const KIND = { added: 'Tillagt', removed: 'Borttaget', changed: 'Ändrat' } as const;

function comparisonView(c: Comparison): Node[] {
  const header = h('p', {}, `${c.subject.title} (version ${c.subject.version}, gäller från ${c.subject.validFrom ?? ''}) jämfört med ${c.base.title} (version ${c.base.version}, gäller från ${c.base.validFrom ?? ''}).`.replace(/, gäller från \)/g, ')'));
  if (c.identical) return [header, notice('info', 'Regelverken säger samma sak: inget är tillagt, borttaget eller ändrat.')];
  return [
    header,
    h('section', { 'aria-labelledby': 'compare-summary' }, h('h3', { id: 'compare-summary' }, 'Sammanfattning'), h('ul', {}, c.summary.map((line) => h('li', {}, inWords(line))))),
    ...c.sections
      .filter((s) => s.added.length + s.removed.length + s.changed.length > 0)
      .map((s) => {
        const headingId = `compare-${s.key}`;
        return h('section', { 'aria-labelledby': headingId, class: 'comparison-section' },
          h('h3', { id: headingId }, s.title),
          (['added', 'removed', 'changed'] as const).flatMap((kind) =>
            s[kind].map((item) =>
              h('div', { class: `compared-item compared-${kind}` },
                h('h4', {}, h('span', { class: `tag ${kind === 'changed' ? 'tag-warn' : kind === 'added' ? 'tag-ok' : 'tag-removed'}` }, KIND[kind]), ' ', inWords(item.name)),
                tableWrap(`${KIND[kind]}: ${inWords(item.name)}`,
                  h('table', { class: 'changes' },
                    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Vad'), h('th', { scope: 'col' }, 'Före'), h('th', { scope: 'col' }, 'Efter'))),
                    h('tbody', {}, item.changes.map((change) => h('tr', {},
                      h('th', { scope: 'row' }, inWords(change.label)),
                      h('td', { class: 'change-value' }, change.before !== null && change.before !== undefined ? inWords(change.before) : h('span', { class: 'absent' }, 'finns inte')),
                      h('td', { class: 'change-value' }, change.after !== null && change.after !== undefined ? inWords(change.after) : h('span', { class: 'absent' }, 'finns inte')),
                    ))),
                  ),
                ),
              ),
            ),
          ),
        );
      }),
  ];
}

// --- Provkör mot beslut -----------------------------------------------------------------------

/** The same calendar day a year earlier (29 February falls back to 28 February), Stockholm dates only. */
const yearBefore = (date: string) => {
  const day = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  return day.endsWith('-02-29') ? `${day.slice(0, 8)}28` : day;
};

/** How many decisions the page lists per outcome pair; the rest are counted. */
const SHOWN_REFERENCES = 200;

function replayTool(body: HTMLElement, ruleSet: RuleSetSummary): void {
  // Stockholm's calendar, whatever the browser's time zone.
  const today = todayInStockholm();
  const yearAgo = yearBefore(today);
  const f = new FieldSet();
  const from = f.text('from', 'Första beslutsdatum', { value: yearAgo, hint: 'Obligatoriskt. ÅÅÅÅ-MM-DD', required: true });
  const to = f.text('to', 'Sista beslutsdatum', { value: today, hint: 'Obligatoriskt. ÅÅÅÅ-MM-DD', required: true });
  const run = h('button', { type: 'submit', class: 'primary' }, 'Provkör');
  const stop = h('button', { type: 'button', hidden: true }, 'Avbryt');
  const progress = h('p', { role: 'status', class: 'progress' });
  const result = h('div', {});
  const form = h('form', { class: 'filter', novalidate: true }, f.summary, from, to, run, stop);
  let cancelled = false;
  stop.addEventListener('click', () => (cancelled = true));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    f.clearErrors();
    result.replaceChildren();
    cancelled = false;
    run.disabled = true;
    stop.hidden = false;
    const pages: ReplayPair[][] = [];
    let replayed = 0;
    let cursor: string | null = null;
    const range = `from=${encodeURIComponent(f.value('from'))}&to=${encodeURIComponent(f.value('to'))}`;
    try {
      // One page at a time, as the API gives them (a page is at most 1 000 decisions or a few
      // seconds), added up here, so 100 000 decisions never hold one request.
      do {
        const page: ReplayPage = await getJson<ReplayPage>(`/v1/rule-sets/${encodeURIComponent(ruleSet.id)}/replay?${range}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        replayed += page.replayed;
        pages.push(page.pairs);
        cursor = page.nextCursor;
        progress.textContent = cursor
          ? `Provkör … ${number(replayed)} beslut hittills, ${page.progress.monthsDone} av ${page.progress.monthsTotal} månader klara.`
          : `Klart: ${number(replayed)} beslut provkörda.`;
      } while (cursor && !cancelled);
      if (cancelled && cursor) progress.textContent = `Avbrutet efter ${number(replayed)} beslut. Resultatet nedan gäller bara dem.`;
      result.replaceChildren(...replayView(ruleSet, f.value('from'), f.value('to'), mergeReplayPairs(pages), replayed));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      progress.textContent = '';
      f.showErrors(error.problem.title, error.problem.errors ?? [], error.problem.detail);
    } finally {
      run.disabled = false;
      stop.hidden = true;
    }
  });

  body.replaceChildren(
    h('h2', {}, 'Vad regelverket hade gjort med fattade beslut'),
    h('p', {}, 'Regelverket körs över de beslut som har fattats under perioden, med uppgifterna så som de antecknades och personens ålder på det ursprungliga beslutsdatumet. Resultatet visar, för varje par av utfall, hur många beslut det gäller och vilka kriterier som ändras. Besluten anges bara med ärendenummer och datum, utan personuppgifter.'),
    form,
    progress,
    result,
  );
}

/** `sorted`: the pages added up by mergeReplayPairs, changed outcomes first. */
function replayView(ruleSet: RuleSetSummary, from: string, to: string, sorted: ReplayPair[], replayed: number): Node[] {
  if (replayed === 0) return [h('h3', {}, 'Resultat'), h('p', {}, `Inga beslut är daterade ${from} – ${to}.`)];
  const changedOutcome = sorted.filter((p) => p.from !== p.to).reduce((sum, p) => sum + p.count, 0);
  return [
    h('section', { 'aria-labelledby': 'replay-result' },
      h('h3', { id: 'replay-result' }, 'Resultat'),
      h('p', {}, `${number(replayed)} beslut daterade ${from} – ${to} provkördes med ${ruleSetTitleOf(ruleSet.id) ?? 'regelverket'} version ${ruleSet.version}. `,
        changedOutcome === 0 ? 'Inget beslut får ett annat utfall.' : `${number(changedOutcome)} beslut får ett annat utfall.`),
      tableWrap('Tabell: antal beslut per par av utfall',
        h('table', { class: 'replay-pairs' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Utfall när beslutet fattades'), h('th', { scope: 'col' }, 'Utfall med regelverket'), h('th', { scope: 'col', class: 'number' }, 'Beslut'), h('th', { scope: 'col', class: 'number' }, 'Med ändring'))),
          h('tbody', {}, sorted.map((p) => h('tr', { class: p.from === p.to ? null : 'changed-outcome' },
            h('td', {}, outcomeText(p.from)),
            h('td', {}, outcomeText(p.to), p.from === p.to ? '' : [' ', h('span', { class: 'tag tag-warn tag-inline' }, 'annat utfall')]),
            h('td', { class: 'number' }, number(p.count)),
            h('td', { class: 'number' }, number(p.changed)),
          ))),
        ),
      ),
    ),
    ...sorted
      .filter((p) => p.changed > 0 || p.criteria.length > 0)
      .map((p, i) => {
        const headingId = `replay-pair-${i}`;
        return h('section', { 'aria-labelledby': headingId, class: 'replay-pair' },
          h('h3', { id: headingId }, `${outcomeText(p.from)} → ${outcomeText(p.to)} (${number(p.count)} beslut)`),
          p.criteria.length > 0
            ? h('ul', { class: 'transitions' }, p.criteria.flatMap((c) => c.transitions.map((t) => h('li', {}, h('strong', {}, c.title), `: ${statusText(t.from)} → ${statusText(t.to)} (${number(t.count)} beslut)`))))
            : null,
          p.decisions.length > 0
            ? h('details', {},
                h('summary', {}, `Beslut med ändring (${number(p.decisions.length)})`),
                p.decisions.length > SHOWN_REFERENCES ? h('p', {}, `Visar de första ${number(SHOWN_REFERENCES)}.`) : null,
                tableWrap(`Tabell: beslut som går från ${outcomeText(p.from)} till ${outcomeText(p.to)}`,
                  h('table', {},
                    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Ärende'), h('th', { scope: 'col' }, 'Beslutsdatum'), h('th', { scope: 'col' }, 'Regelverk då'))),
                    h('tbody', {}, p.decisions.slice(0, SHOWN_REFERENCES).map((d) => h('tr', {},
                      h('td', {}, h('a', { href: `#/beslut/${encodeURIComponent(d.decisionId)}` }, d.caseNumber ?? 'Öppna beslutet')),
                      h('td', {}, d.decisionDate),
                      h('td', {}, ruleSetTitleOf(d.ruleSetId) ?? inWords(d.ruleSetId)),
                    ))),
                  ),
                ),
              )
            : h('p', {}, 'Inget av besluten ändras i ett kriterium som båda regelverken har.'),
        );
      }),
  ];
}

// --- Testscenarier och täckning ---------------------------------------------------------------

const STATUSES: Status[] = ['MET', 'NOT_MET', 'MISSING'];
const scenarioTitle = (scenarios: ScenarioRef[]) => scenarios.map((s) => inWords(s.name)).join('\n');

function countCell(scenarios: ScenarioRef[]): HTMLElement {
  return scenarios.length === 0
    ? h('td', { class: 'number' }, h('span', { class: 'tag tag-warn' }, 'Oprövat'))
    : h('td', { class: 'number', title: scenarioTitle(scenarios) }, number(scenarios.length));
}

/** An untested item in the page's own words for statuses and outcomes. */
function untestedText(c: Coverage, u: Coverage['untested'][number]): string {
  if (u.kind === 'criterion') return `Kriteriet ”${c.criteria.find((x) => x.id === u.id)?.title ?? u.text}”: ${statusText(u.status ?? null).toLowerCase()}`;
  if (u.kind === 'outcome') return `Utfallet ”${outcomeText(u.id)}”`;
  return u.text;
}

async function coverageTool(body: HTMLElement, ruleSet: RuleSetSummary): Promise<void> {
  const c = await getJson<Coverage>(`/v1/rule-sets/${encodeURIComponent(ruleSet.id)}/coverage`);
  const s = c.scenarios;
  body.replaceChildren(
    h('h2', {}, 'Testscenarierna och vad de lämnar oprövat'),
    h('p', {}, 'Räknat ur scenariofilerna och regelverkets utfall för varje kriterium: ett scenario räknas för det regelverk som gäller på dess beslutsdatum, vilken fil det än står i.'),
    h('section', { 'aria-labelledby': 'untested-heading', class: `panel ${c.untested.length ? 'status status-draft' : 'status status-approved'}` },
      h('h3', { id: 'untested-heading' }, c.untested.length ? `Oprövat av alla scenarier (${c.untested.length})` : 'Allt är prövat'),
      c.untested.length ? h('ul', {}, c.untested.map((u) => h('li', {}, untestedText(c, u)))) : h('p', {}, 'Varje kriterium i varje status och varje utfall prövas av minst ett scenario.'),
    ),
    h('section', { 'aria-labelledby': 'criteria-coverage' },
      h('h3', { id: 'criteria-coverage' }, 'Kriterium och status'),
      h('p', {}, `Antal scenarier per kriterium och status. ${number(c.counted)} scenarier fick sitt förslag av det här regelverket.`),
      tableWrap('Tabell: antal scenarier per kriterium och status',
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Kriterium'), STATUSES.map((status) => h('th', { scope: 'col', class: 'number' }, statusText(status))))),
          h('tbody', {}, c.criteria.map((criterion) => h('tr', {}, h('th', { scope: 'row' }, criterion.title), STATUSES.map((status) => countCell(criterion.cells.find((x) => x.status === status)?.scenarios ?? []))))),
        ),
      ),
    ),
    h('section', { 'aria-labelledby': 'outcome-coverage' },
      h('h3', { id: 'outcome-coverage' }, 'Utfall'),
      tableWrap('Tabell: antal scenarier per utfall',
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Utfall'), h('th', { scope: 'col', class: 'number' }, 'Scenarier'))),
          h('tbody', {}, [
            ...c.outcomes.map((o) => h('tr', {}, h('th', { scope: 'row' }, outcomeText(o.outcome)), countCell(o.scenarios))),
            ...c.contradictions.map((x) => h('tr', {}, h('th', { scope: 'row' }, `Motstridiga uppgifter: ${inWords(x.description)}`), countCell(x.scenarios))),
          ]),
        ),
      ),
    ),
    h('section', { 'aria-labelledby': 'scenario-results' },
      h('h3', { id: 'scenario-results' }, 'Scenarierna i regelverkets fil'),
      s
        ? [
            h('p', {}, h('span', { class: `tag tag-long ${s.failed === 0 ? 'tag-ok' : 'tag-warn'}` }, `${s.passed} av ${s.total} gav väntat utfall`)),
            tableWrap('Tabell: scenariernas resultat',
              h('table', {},
                h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Scenario'), h('th', { scope: 'col' }, 'Utfall'), h('th', { scope: 'col' }, 'Resultat'))),
                h('tbody', {}, s.results.map((r) => h('tr', {},
                  h('th', { scope: 'row', class: 'scenario-name' }, inWords(r.name)),
                  h('td', {}, r.outcome ? outcomeText(r.outcome) : 'Inget förslag (fel)'),
                  h('td', {}, r.passed ? h('span', { class: 'tag tag-ok' }, 'Som väntat') : [h('span', { class: 'tag tag-warn' }, 'Fel'), h('ul', {}, r.failures.map((x) => h('li', {}, inWords(x))))]),
                ))),
              ),
            ),
          ]
        : h('p', {}, 'Regelverket har ingen scenariofil (scenarios.yaml). Inget av det ovan är prövat.'),
    ),
  );
}
