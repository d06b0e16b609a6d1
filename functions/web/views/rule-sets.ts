/// <reference lib="dom" />
/** Rule sets for legal reviewers: each criterion with its lagrum, the parameters and their status. */
import { getJson } from '../api';
import type { Session } from '../auth';
import { h, render } from '../dom';
import { PARAMETER_STATUS, label } from '../labels';

interface RuleSetSummary {
  id: string;
  version: number;
  title: string;
  validFrom: string;
  validTo?: string;
}
type LagrumRef = { statute?: string; chapter?: number; section?: number; paragraph?: number; guideline?: boolean; part?: string };
interface RuleSet extends RuleSetSummary {
  sha256: string;
  source: { guideline: string; title: string };
  statutes: Array<{ id: string; abbreviation?: string; sfs: string }>;
  assumptions: Array<{ id: string; text: string }>;
  parameters: Record<string, { value: number | string; unit?: string; description: string; source: string; status: string }>;
  criteria: Array<{ id: string; title: string; description: string; lagrum: LagrumRef[]; onNotMet: string; whatWouldChange?: string }>;
}

const UNIT: Record<string, string> = { years: 'år', months: 'månader', weeks: 'veckor', days: 'dagar' };

export async function ruleSetsView(main: HTMLElement, _session: Session): Promise<void> {
  const { items } = await getJson<{ items: RuleSetSummary[] }>('/v1/rule-sets');
  render(
    main,
    h('h1', {}, 'Regelverk'),
    h('p', {}, 'Regelverken som förslagen bygger på, med giltighet. Öppna ett för att granska villkor, lagrum och parametrar.'),
    h('ul', { class: 'rule-sets' }, items.map((r) => h('li', {}, h('a', { href: `#/regelverk/${encodeURIComponent(r.id)}` }, r.title), ` (version ${r.version}, gäller ${r.validFrom} – ${r.validTo ?? 'tills vidare'})`))),
  );
}

export async function ruleSetView(main: HTMLElement, _session: Session, id: string): Promise<void> {
  const r = await getJson<RuleSet>(`/v1/rule-sets/${encodeURIComponent(id)}`);
  const abbreviation = (statute: string) => r.statutes.find((s) => s.id === statute)?.abbreviation ?? statute;
  const lagrumText = (l: LagrumRef) =>
    l.guideline
      ? `${r.source.guideline}${l.part ? ` (${l.part})` : ''}`
      : [l.chapter !== undefined ? `${l.chapter} kap.` : '', l.section !== undefined ? `${l.section} §` : '', l.paragraph !== undefined ? `${l.paragraph} st.` : '', l.statute ? abbreviation(l.statute) : ''].filter(Boolean).join(' ');
  // Reviewer text names parameters as {{param.x}}; show the value the rule set holds.
  const withParameters = (text: string) => text.replace(/\{\{param\.(\w+)\}\}/g, (whole, name: string) => String(r.parameters[name]?.value ?? whole));
  const parameters = Object.entries(r.parameters);
  const unconfirmed = parameters.filter(([, p]) => p.status !== 'CONFIRMED').length;
  render(
    main,
    h('h1', {}, r.title),
    h('dl', { class: 'summary' },
      h('dt', {}, 'Id och version'), h('dd', {}, `${r.id}, version ${r.version}`),
      h('dt', {}, 'Gäller för beslutsdatum'), h('dd', {}, `${r.validFrom} – ${r.validTo ?? 'tills vidare'}`),
      h('dt', {}, 'Riktlinje'), h('dd', {}, `${r.source.guideline}: ${r.source.title}`),
      h('dt', {}, 'Kontrollsumma (sha256)'), h('dd', { class: 'hash' }, r.sha256),
    ),
    h('section', { 'aria-labelledby': 'criteria-heading' },
      h('h2', { id: 'criteria-heading' }, `Villkor (${r.criteria.length})`),
      h('ol', { class: 'criteria' }, r.criteria.map((c) => h('li', { class: 'criterion' },
        h('h3', {}, c.title),
        h('p', {}, withParameters(c.description)),
        h('dl', {},
          h('dt', {}, 'Lagrum'), h('dd', {}, c.lagrum.map(lagrumText).join('; ')),
          h('dt', {}, 'Om villkoret inte är uppfyllt'), h('dd', {}, c.onNotMet === 'REFUSE' ? 'Avslag' : c.onNotMet === 'REFER' ? 'Hänvisning till stadsdelsförvaltningen' : c.onNotMet),
          c.whatWouldChange ? [h('dt', {}, 'Vad som skulle behöva vara annorlunda'), h('dd', {}, withParameters(c.whatWouldChange))] : null,
        ),
      ))),
    ),
    h('section', { 'aria-labelledby': 'parameters-heading' },
      h('h2', { id: 'parameters-heading' }, 'Parametrar'),
      h('p', {}, unconfirmed ? `${unconfirmed} av ${parameters.length} parametrar är inte bekräftade av en jurist.` : 'Alla parametrar är bekräftade.'),
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Tabell över parametrarna' },
        h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Parameter'), h('th', { scope: 'col' }, 'Värde'), h('th', { scope: 'col' }, 'Beskrivning'), h('th', { scope: 'col' }, 'Källa'), h('th', { scope: 'col' }, 'Status'))),
          h('tbody', {}, parameters.map(([name, p]) => h('tr', {},
            h('th', { scope: 'row' }, name),
            h('td', {}, `${p.value}${p.unit ? ` ${UNIT[p.unit] ?? p.unit}` : ''}`),
            h('td', {}, p.description),
            h('td', {}, p.source),
            h('td', {}, h('span', { class: p.status === 'CONFIRMED' ? 'tag tag-ok' : 'tag tag-warn' }, label(PARAMETER_STATUS, p.status))),
          ))),
        ),
      ),
    ),
    r.assumptions.length
      ? h('section', { 'aria-labelledby': 'assumptions-heading' }, h('h2', { id: 'assumptions-heading' }, 'Antaganden att bekräfta'), h('ul', {}, r.assumptions.map((a) => h('li', {}, h('strong', {}, `${a.id}: `), a.text))))
      : null,
    h('p', {}, h('a', { href: '#/regelverk' }, 'Tillbaka till alla regelverk')),
  );
}
