/// <reference lib="dom" />
/**
 * One decision: the proposal with its explanation (outcome, legal basis, each criterion with its
 * lagrum and the facts it used), and for a delegate the signature; then the letter.
 */
import { ApiError, fileNameOf, getJson, postJson, request, ruleSetTitleOf } from '../api';
import { type Session, delegationTitle } from '../auth';
import { download, h, notice, render } from '../dom';
import { formatDate, formatDateTime, formatPeriod } from '../format';
import { APPEAL_ROUTE, CRITERION_STATUS, DECIDED, ENDING, MILESTONE, MILESTONE_STATUS, OUTCOME, ROLE, STATUS, delegationText, label } from '../labels';
import { FieldSet } from './form';

interface Lagrum {
  text: string;
  short: string;
}
interface Criterion {
  id: string;
  title: string;
  status: 'MET' | 'NOT_MET' | 'MISSING';
  lagrum: Lagrum[];
  reason: string;
  factsUsed: Array<{ fact: string; label: string; display: string }>;
  missingFacts: Array<{ fact: string; label: string } | string>;
  whatWouldChange?: string;
}
export interface DecisionResource {
  id: string;
  caseId: string;
  caseNumber: string;
  status: string;
  decisionDate: string;
  masked: boolean;
  applicant: { name: string; personnummer: string } | null;
  proposal: {
    outcome: string;
    ruleSet: {
      id: string;
      version: number;
      validFrom: string;
      /** Null (or absent on proposals made before approvals existed) when none is recorded. */
      approval?: { approvedAt: string; approvedBy: { name: string; title: string }; development: boolean } | null;
    };
    legalBasis: { lagrum: Lagrum[]; appealRoute: string; appealLagrum: Lagrum[] } | null;
    considerationOfRight?: { lagrum: Lagrum[]; reason: string } | null;
    criteria: Criterion[];
    period?: { requested?: { from: string; to: string }; granted?: { from: string; to: string } } | null;
    followUp?: Array<{ kind: string; due: string }> | null;
  };
  proposedBy: { name: string; role: string };
  signed: { at: string; finalOutcome: string; decisionMaker: { name: string; title: string; delegationReference: string; delegationTitle?: string }; deviationReason?: string } | null;
  withdrawn: { reason: string } | null;
  milestones: Array<{ milestoneId: string; kind: string; due: string; status: string }>;
  ending: { reason: string; endedOn: string } | null;
  links: { letter: string | null };
}

const lagrumList = (lagrum: Lagrum[]) => lagrum.map((l) => l.text).join('; ');

/**
 * Which rule set decided, by its title (the id is for machines), and who approved it: a
 * development approval says so plainly.
 */
function ruleSetLine(ruleSet: DecisionResource['proposal']['ruleSet'], title: string | undefined): Array<Node | string> {
  const a = ruleSet.approval;
  const approval = !a
    ? 'inget godkännande registrerat'
    : a.development
      ? 'godkänt lokalt för utveckling (ingen juristgranskning)'
      : `godkänt av ${a.approvedBy.name}, ${a.approvedBy.title}, ${formatDate(a.approvedAt)}`;
  const name = title ?? `Regelverket för beslut från ${formatDate(ruleSet.validFrom)}`;
  return [h('a', { href: `#/regelverk/${encodeURIComponent(ruleSet.id)}` }, `${name}, version ${ruleSet.version}`), `, ${approval}`];
}

const missingLabel = (m: Criterion['missingFacts'][number]) => (typeof m === 'string' ? m : m.label);

function criterionItem(c: Criterion): HTMLElement {
  const status = CRITERION_STATUS[c.status] ?? { text: c.status, symbol: '' };
  return h(
    'li',
    { class: `criterion criterion-${c.status.toLowerCase()}` },
    h('h3', {}, h('span', { class: 'badge', 'aria-hidden': 'true' }, status.symbol), ' ', c.title, h('span', { class: 'criterion-status' }, ` – ${status.text}`)),
    h('p', {}, c.reason),
    h('dl', {},
      h('dt', {}, 'Lagrum'), h('dd', {}, lagrumList(c.lagrum)),
      c.factsUsed.length > 0 ? [h('dt', {}, 'Uppgifter som användes'), h('dd', {}, h('ul', {}, c.factsUsed.map((f) => h('li', {}, `${f.label}: ${f.display}`))))] : null,
      c.missingFacts.length > 0 ? [h('dt', {}, 'Uppgifter som saknas'), h('dd', {}, c.missingFacts.map(missingLabel).join(', '))] : null,
    ),
    c.status === 'NOT_MET' && c.whatWouldChange ? h('div', { class: 'what-would-change' }, h('h4', {}, 'Vad som skulle behöva vara annorlunda'), h('p', {}, c.whatWouldChange)) : null,
  );
}

async function fetchLetter(d: DecisionResource): Promise<{ blob: Blob; fileName: string }> {
  const response = await request('GET', d.links.letter as string, { accept: 'application/pdf' });
  return { blob: new Blob([await response.arrayBuffer()], { type: 'application/pdf' }), fileName: fileNameOf(response, `beslut-${d.caseNumber.replace(/\W+/g, '-')}.pdf`) };
}

function letterSection(d: DecisionResource): HTMLElement | null {
  if (!d.links.letter) return null;
  const status = h('div', { 'aria-live': 'polite' });
  const fail = (error: unknown) => status.replaceChildren(notice('error', (error as Error).message));
  return h(
    'section',
    { 'aria-labelledby': 'letter-heading' },
    h('h2', { id: 'letter-heading' }, 'Beslutsbrev'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => fetchLetter(d).then(({ blob }) => window.open(URL.createObjectURL(blob), '_blank', 'noopener'), fail) }, 'Öppna brevet'),
      h('button', { type: 'button', class: 'primary', onclick: () => fetchLetter(d).then(({ blob, fileName }) => download(blob, fileName), fail) }, 'Ladda ned brevet (PDF)'),
    ),
    status,
  );
}

function signSection(main: HTMLElement, session: Session, d: DecisionResource): HTMLElement | null {
  if (session.role !== 'beslutsfattare' || d.status !== 'PROPOSED') return null;
  const f = new FieldSet();
  const proposed = d.proposal.outcome;
  const follow = h('input', { type: 'radio', name: 'choice', id: 'choice-follow', value: 'follow', checked: proposed !== 'INCOMPLETE' });
  const deviate = h('input', { type: 'radio', name: 'choice', id: 'choice-deviate', value: 'deviate', checked: proposed === 'INCOMPLETE' });
  const deviation = h(
    'div',
    { class: 'deviation', hidden: proposed !== 'INCOMPLETE' },
    f.select('finalOutcome', 'Beslut', [['', 'Välj beslut'], ...(['GRANT', 'PARTIAL', 'REFUSE', 'REFER'] as const).map((o): [string, string] => [o, OUTCOME[o]])], { required: 'Välj vilket beslut du fattar.' }),
    f.textarea('deviationReason', 'Skäl till att beslutet avviker från förslaget', { rows: 4, hint: 'Skälen står i beslutsbrevet.', required: 'Skriv skälen till att beslutet avviker från förslaget.' }),
  );
  // Only a partial grant names the part of the period that is granted.
  const grantedPeriod = h('div', { class: 'row', hidden: true },
    f.date('grantedPeriod.from', 'Beviljad period från', { required: 'Ange första dagen av den beviljade perioden.' }),
    f.date('grantedPeriod.to', 'Beviljad period till', { required: 'Ange sista dagen av den beviljade perioden.' }),
  );
  deviation.append(grantedPeriod);
  const toggle = () => {
    deviation.hidden = !deviate.checked;
    grantedPeriod.hidden = f.value('finalOutcome') !== 'PARTIAL';
  };
  follow.addEventListener('change', toggle);
  deviate.addEventListener('change', toggle);
  deviation.querySelector('select')?.addEventListener('change', toggle);
  const delegation = session.delegation ? `, enligt ${delegationText(session.delegation, delegationTitle(session.delegation, d.decisionDate))}` : '';
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Besluta och underteckna');
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'sign-heading' },
    f.summary,
    h('fieldset', {},
      h('legend', {}, 'Ditt beslut'),
      proposed !== 'INCOMPLETE' ? h('div', { class: 'radio' }, follow, h('label', { for: 'choice-follow' }, `Besluta enligt förslaget: ${label(OUTCOME, proposed)}`)) : null,
      h('div', { class: 'radio' }, deviate, h('label', { for: 'choice-deviate' }, 'Avvika från förslaget, med skriftliga skäl')),
    ),
    deviation,
    h('p', { class: 'hint' }, `Du undertecknar som ${session.name}${delegation}. Beslutsdatum ${formatDate(d.decisionDate)}.`),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!f.check()) return;
    const body: Record<string, unknown> = deviate.checked
      ? {
          finalOutcome: f.value('finalOutcome') || undefined,
          deviationReason: f.value('deviationReason') || undefined,
          ...(f.value('finalOutcome') === 'PARTIAL' ? { grantedPeriod: { from: f.value('grantedPeriod.from'), to: f.value('grantedPeriod.to') } } : {}),
        }
      : { finalOutcome: proposed };
    submit.disabled = true;
    try {
      await postJson(`/v1/decisions/${d.id}/sign`, body, true);
      await decisionView(main, session, d.id, 'Beslutet är undertecknat. Beslutsbrevet är klart.');
    } catch (error) {
      if (error instanceof ApiError) f.showErrors(error.problem.title, error.problem.errors ?? [], error.problem.detail);
      else f.showErrors('Något gick fel', [], (error as Error).message);
      submit.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'sign-heading', class: 'panel' }, h('h2', { id: 'sign-heading' }, 'Besluta'), form);
}

export async function decisionView(main: HTMLElement, session: Session, id: string, message?: string): Promise<void> {
  const d = await getJson<DecisionResource>(`/v1/decisions/${encodeURIComponent(id)}`);
  const title = ruleSetTitleOf(d.proposal.ruleSet.id);
  const p = d.proposal;
  const unmet = p.criteria.filter((c) => c.status === 'NOT_MET');
  render(
    main,
    // The case file holds personal data: staff only (a jurist reads decisions masked).
    session.role !== 'jurist' ? h('p', { class: 'back' }, h('a', { href: `#/arende/${encodeURIComponent(d.caseId)}` }, `Akten i ärende ${d.caseNumber}`)) : null,
    h('h1', {}, `Ärende ${d.caseNumber}`),
    message ? notice('success', message) : null,
    d.masked ? notice('info', 'Personuppgifterna är maskerade för din roll: namn (också personalens), personnummer, adress, kontaktperson och det personalen skrivit visas inte.') : null,
    h('dl', { class: 'summary' },
      h('dt', {}, 'Sökande'), h('dd', {}, d.applicant ? `${d.applicant.name}, ${d.applicant.personnummer}` : 'Maskerad'),
      h('dt', {}, 'Status'), h('dd', {}, label(STATUS, d.status)),
      h('dt', {}, 'Beslutsdatum'), h('dd', {}, formatDate(d.decisionDate)),
      h('dt', {}, 'Förslaget gjordes av'), h('dd', {}, d.masked ? label(ROLE, d.proposedBy.role) : d.proposedBy.name),
      h('dt', {}, 'Regelverk'), h('dd', {}, ruleSetLine(p.ruleSet, title)),
    ),
    h('section', { 'aria-labelledby': 'proposal-heading', class: `panel outcome outcome-${p.outcome.toLowerCase()}` },
      h('h2', { id: 'proposal-heading' }, `Förslag: ${label(OUTCOME, p.outcome)}`),
      p.legalBasis ? h('p', {}, h('strong', {}, 'Lagrum: '), lagrumList(p.legalBasis.lagrum)) : null,
      p.legalBasis ? h('p', {}, h('strong', {}, 'Överklagande: '), label(APPEAL_ROUTE, p.legalBasis.appealRoute), p.legalBasis.appealLagrum.length ? ` (${lagrumList(p.legalBasis.appealLagrum)})` : '') : null,
      p.period?.granted ? h('p', {}, h('strong', {}, 'Period: '), formatPeriod(p.period.granted)) : null,
      p.outcome === 'REFUSE' && unmet.length > 0 ? h('p', {}, `${unmet.length} ${unmet.length === 1 ? 'villkor är inte uppfyllt' : 'villkor är inte uppfyllda'}. Under varje villkor står vad som skulle behöva vara annorlunda.`) : null,
    ),
    d.signed
      ? h('section', { 'aria-labelledby': 'signed-heading' },
          h('h2', { id: 'signed-heading' }, `Beslut: ${label(DECIDED, d.signed.finalOutcome)}`),
          h('p', {}, d.masked
            ? `Undertecknat ${formatDateTime(d.signed.at)} av en beslutsfattare enligt ${delegationText(d.signed.decisionMaker.delegationReference, d.signed.decisionMaker.delegationTitle ?? delegationTitle(d.signed.decisionMaker.delegationReference, d.decisionDate))}.`
            : `Undertecknat ${formatDateTime(d.signed.at)} av ${d.signed.decisionMaker.name}, ${d.signed.decisionMaker.title}, enligt ${delegationText(d.signed.decisionMaker.delegationReference, d.signed.decisionMaker.delegationTitle ?? delegationTitle(d.signed.decisionMaker.delegationReference, d.decisionDate))}.`),
          d.signed.deviationReason ? h('p', {}, h('strong', {}, 'Skäl till avvikelse: '), d.signed.deviationReason) : null,
        )
      : null,
    session.role !== 'jurist' ? letterSection(d) : null,
    signSection(main, session, d),
    p.considerationOfRight
      ? h('section', { 'aria-labelledby': 'right-heading' },
          h('h2', { id: 'right-heading' }, `Prövning av rätten till bistånd (${p.considerationOfRight.lagrum.map((l) => l.short).join('; ')})`),
          h('p', {}, p.considerationOfRight.reason),
        )
      : null,
    h('section', { 'aria-labelledby': 'criteria-heading' }, h('h2', { id: 'criteria-heading' }, 'Villkoren'), h('ol', { class: 'criteria' }, p.criteria.map(criterionItem))),
    d.milestones.length > 0
      ? h('section', { 'aria-labelledby': 'milestones-heading' },
          h('h2', { id: 'milestones-heading' }, 'Uppföljning'),
          h('ul', {}, d.milestones.map((m) => h('li', {}, `${label(MILESTONE, m.kind)}: senast ${formatDate(m.due)} (${label(MILESTONE_STATUS, m.status)})`))),
          d.ending ? h('p', {}, `Insatsen avslutades ${formatDate(d.ending.endedOn)}: ${label(ENDING, d.ending.reason)}.`) : null,
        )
      : null,
  );
}
