/// <reference lib="dom" />
/**
 * Rule sets for legal reviewers: whether each is approved (only an approved rule set decides),
 * each criterion with its lagrum, every provision cited, the parameters, and what the approval
 * confirmed one by one. Citations come rendered from the API: the page never assembles one.
 */
import { getJson } from '../api';
import type { Session } from '../auth';
import { h, notice, render } from '../dom';
import { formatDate } from '../format';
import { ON_NOT_MET, PARAMETER_STATUS, label } from '../labels';
import { approvalSection } from './rule-set-approval';
import { type RuleSet, type RuleSetStatus, assumptionName, nameRuleSets, parameterValue, swedishList } from './rule-set-resource';
import { reviewLinks } from './rule-set-review';

interface RuleSetSummary extends RuleSetStatus {
  id: string;
  version: number;
  title: string;
  validFrom: string;
  validTo?: string | null;
}

const validity = (r: { validFrom: string; validTo?: string | null }) => `${formatDate(r.validFrom)} – ${r.validTo ? formatDate(r.validTo) : 'tills vidare'}`;

/** The status as a tag: green only for a jurist's approval; a draft or a development approval warns. */
function statusTag(r: RuleSetStatus): HTMLElement {
  const reviewed = r.status === 'APPROVED' && r.approval?.development === false;
  return h('span', { class: `tag tag-long ${reviewed ? 'tag-ok' : 'tag-warn'}` }, r.statusText);
}

const confirmedTag = (confirmed: boolean) =>
  h('span', { class: `tag tag-long ${confirmed ? 'tag-ok' : 'tag-warn'}` }, confirmed ? 'bekräftad vid godkännandet' : 'inte bekräftad');
const fileTag = (status: string) => h('span', { class: `tag tag-long ${status === 'CONFIRMED' ? 'tag-ok' : 'tag-warn'}` }, label(PARAMETER_STATUS, status));
/** What an item says, and beneath it where it comes from: one column, so the review columns fit. */
const describedCell = (text: string, source: string) => h('td', {}, text, h('span', { class: 'source' }, `Källa: ${source}`));

export async function ruleSetsView(main: HTMLElement, _session: Session): Promise<void> {
  const { items } = await getJson<{ items: RuleSetSummary[] }>('/v1/rule-sets');
  render(
    main,
    h('h1', {}, 'Regelverk'),
    h('p', {}, 'Regelverken som förslagen bygger på, med giltighet och granskning. Bara ett regelverk som en jurist har godkänt används för beslut. Öppna ett för att granska villkor, lagrum och parametrar.'),
    h('ul', { class: 'rule-sets' }, items.map((r) => h('li', {},
      h('a', { href: `#/regelverk/${encodeURIComponent(r.id)}` }, r.title),
      h('p', { class: 'meta' }, `Version ${r.version}, gäller för beslutsdatum ${validity(r)}.`),
      h('p', { class: 'meta' }, statusTag(r)),
    ))),
  );
}

/** The block at the top: approved by whom and when, or a draft that does not decide. */
function statusSection(r: RuleSet, approvalForm: HTMLElement | null): HTMLElement {
  const a = r.approval;
  const goToApproval = () => {
    const heading = approvalForm?.querySelector('h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
    heading?.scrollIntoView({ block: 'start' });
  };
  return h('section', { 'aria-labelledby': 'status-heading', class: `panel status status-${a ? (a.development ? 'development' : 'approved') : 'draft'}` },
    h('h2', { id: 'status-heading' }, 'Granskning'),
    h('p', {}, statusTag(r)),
    !a ? h('p', {}, 'Regelverket är ett utkast. Det används inte för beslut förrän en jurist har godkänt just detta innehåll.') : null,
    a?.development
      ? h('p', {}, 'Godkännandet gjordes automatiskt av den lokala servern, för utveckling och test. Ingen jurist har granskat regelverket, och inget av det som står nedan är bekräftat vid godkännandet.')
      : null,
    a && !a.development
      ? h('dl', { class: 'summary' },
          h('dt', {}, 'Bekräftat vid godkännandet'),
          h('dd', {}, `${a.confirmedParameters.length} av ${r.review.parameters.length} parametrar och ${a.confirmedReferences.length} av ${r.review.references.length} lagrum. Det som inte bekräftades står som inte bekräftat i tabellerna nedan.`),
          a.note ? [h('dt', {}, 'Juristens anteckning'), h('dd', { class: 'note' }, a.note)] : null,
        )
      : null,
    approvalForm
      ? h('div', { class: 'actions' },
          h('p', {}, 'Läs villkoren, lagrummen och parametrarna. Du godkänner längst ned på sidan.'),
          h('button', { type: 'button', onclick: goToApproval }, 'Gå till godkännandet'),
        )
      : null,
  );
}

function referencesSection(r: RuleSet, named: (text: string) => string): HTMLElement {
  const a = r.approval;
  return h('section', { 'aria-labelledby': 'references-heading' },
    h('h2', { id: 'references-heading' }, `Lagrum (${r.references.length})`),
    h('p', {}, 'Varje bestämmelse som regelverket hänvisar till, med källa och om den är bekräftad.'),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Tabell över lagrummen' },
      h('table', {},
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Lagrum'), h('th', { scope: 'col' }, 'Vad det gäller'), h('th', { scope: 'col' }, 'I filen'),
          a ? h('th', { scope: 'col' }, 'Vid godkännandet') : null,
        )),
        h('tbody', {}, r.references.map((ref) => h('tr', {},
          h('th', { scope: 'row' }, ref.citation.text),
          describedCell(named(ref.about), named(ref.source)),
          h('td', {}, fileTag(ref.status)),
          a ? h('td', {}, confirmedTag(a.confirmedReferences.includes(ref.key))) : null,
        ))),
      ),
    ),
  );
}

/** Each parameter by what it means (its description in the rule set); its name in code is for machines. */
function parametersSection(r: RuleSet, named: (text: string) => string): HTMLElement {
  const a = r.approval;
  const parameters = Object.entries(r.parameters);
  const unconfirmedInFile = parameters.filter(([, p]) => p.status !== 'CONFIRMED').length;
  return h('section', { 'aria-labelledby': 'parameters-heading' },
    h('h2', { id: 'parameters-heading' }, 'Parametrar'),
    h('p', {},
      unconfirmedInFile === parameters.length ? `Ingen av de ${parameters.length} parametrarna är bekräftad i filen.`
        : unconfirmedInFile ? `${unconfirmedInFile} av ${parameters.length} parametrar är inte bekräftade i filen.`
          : 'Alla parametrar är bekräftade i filen.',
      a ? ` Vid godkännandet bekräftades ${a.confirmedParameters.length} av ${parameters.length}.` : ''),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Tabell över parametrarna' },
      h('table', {},
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Parameter'), h('th', { scope: 'col' }, 'Värde'), h('th', { scope: 'col' }, 'Källa'), h('th', { scope: 'col' }, 'I filen'),
          a ? h('th', { scope: 'col' }, 'Vid godkännandet') : null,
        )),
        h('tbody', {}, parameters.map(([name, p]) => h('tr', {},
          h('th', { scope: 'row' }, named(p.description)),
          h('td', {}, parameterValue(p)),
          h('td', {}, named(p.source)),
          h('td', {}, fileTag(p.status)),
          a ? h('td', {}, confirmedTag(a.confirmedParameters.includes(name))) : null,
        ))),
      ),
    ),
  );
}

export async function ruleSetView(main: HTMLElement, session: Session, id: string, message?: string): Promise<void> {
  const [r, { items: all }] = await Promise.all([
    getJson<RuleSet>(`/v1/rule-sets/${encodeURIComponent(id)}`),
    getJson<{ items: Array<{ id: string; title: string }> }>('/v1/rule-sets'),
  ]);
  const named = (text: string) => nameRuleSets(text, all);
  // Reviewer text names parameters as {{param.x}}; show the value the rule set holds.
  const withParameters = (text: string) =>
    named(text).replace(/\{\{param\.(\w+)\}\}/g, (whole, name: string) => {
      const value = r.parameters[name]?.value;
      return value === undefined ? whole : Array.isArray(value) ? swedishList(value) : String(value);
    });
  // Only a jurist approves, and only a draft: an approval is written once and never changed.
  const approvalForm = session.role === 'jurist' && r.status === 'DRAFT' ? approvalSection(r, () => ruleSetView(main, session, id, 'Du har godkänt regelverket. Det används nu för beslut inom sin giltighetstid.'), () => ruleSetView(main, session, id)) : null;
  render(
    main,
    h('h1', {}, r.title),
    message ? notice('success', message) : null,
    statusSection(r, approvalForm),
    session.role === 'jurist' ? reviewLinks(r.id) : null,
    h('dl', { class: 'summary' },
      h('dt', {}, 'Version'), h('dd', {}, String(r.version)),
      h('dt', {}, 'Gäller för beslutsdatum'), h('dd', {}, validity(r)),
      h('dt', {}, 'Riktlinje'), h('dd', {}, `${r.source.guideline}: ${named(r.source.title)}`),
      h('dt', {}, 'Kontrollsumma (sha256)'), h('dd', { class: 'hash' }, r.sha256),
    ),
    h('section', { 'aria-labelledby': 'criteria-heading' },
      h('h2', { id: 'criteria-heading' }, `Villkor (${r.criteria.length})`),
      h('ol', { class: 'criteria' }, r.criteria.map((c) => h('li', { class: 'criterion' },
        h('h3', {}, c.title),
        h('p', {}, withParameters(c.description)),
        h('dl', {},
          h('dt', {}, 'Lagrum'), h('dd', {}, c.citations.map((citation) => citation.short).join('; ')),
          h('dt', {}, 'Om villkoret inte är uppfyllt'), h('dd', {}, label(ON_NOT_MET, c.onNotMet)),
          c.whatWouldChange ? [h('dt', {}, 'Vad som skulle behöva vara annorlunda'), h('dd', {}, withParameters(c.whatWouldChange))] : null,
        ),
      ))),
    ),
    referencesSection(r, named),
    parametersSection(r, named),
    r.assumptions.length
      ? h('section', { 'aria-labelledby': 'assumptions-heading' }, h('h2', { id: 'assumptions-heading' }, 'Antaganden att bekräfta'), h('ul', {}, r.assumptions.map((a) => h('li', {}, h('strong', {}, `${assumptionName(a.id)}: `), named(a.text)))))
      : null,
    approvalForm,
    h('p', {}, h('a', { href: '#/regelverk' }, 'Tillbaka till alla regelverk')),
  );
}
