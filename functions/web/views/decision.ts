/// <reference lib="dom" />
/**
 * One decision: the proposal with its explanation (outcome, legal basis, each criterion with its
 * lagrum and the facts it used), and for a delegate the signature; then the letter.
 */
import { ApiError, fileNameOf, getJson, postJson, request, ruleSetTitleOf } from '../api';
import { type Session, delegationTitle } from '../auth';
import { download, h, notice, render } from '../dom';
import { formatDate, formatDateTime, formatPeriod } from '../format';
import { APPEAL_ROUTE, ASSESSMENT_AREA, AUDIT_ACTION, CRITERION_STATUS, DECIDED, ENDING, MILESTONE, MILESTONE_STATUS, OUTCOME, ROLE, STATUS, delegationText, label } from '../labels';
import { FieldSet } from './form';
import { queueCorrection } from './correction';
import { flash } from '../navigation';

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
  facts: Record<string, unknown> & {
    assessedNeed?: { level?: string; grounds?: string; areas?: string[] };
    weakLabourMarketPosition?: { weak?: boolean; grounds?: string };
    apparentEntitlementNeed?: { present?: boolean; description?: string };
  };
  contact?: { name: string; phone: string; email: string } | null;
  /** What a delegate may sign for this proposal (the server's signing rules). */
  allowedFinalOutcomes: string[];
  supersededBy: { decisionId: string } | null;
  history: Array<{ at: string; action: string; actor: { name: string; role: string }; decisionId?: string }>;
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
    // Only what the server accepts for this proposal (its signing rules, given in the resource).
    f.select('finalOutcome', 'Beslut', [['', 'Välj beslut'], ...(['GRANT', 'PARTIAL', 'REFUSE', 'REFER'] as const).filter((o) => d.allowedFinalOutcomes.includes(o) && o !== proposed).map((o): [string, string] => [o, OUTCOME[o]])], { required: 'Välj vilket beslut du fattar.' }),
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
  // Signing cannot be undone: the delegate confirms what is signed before it is.
  const confirmation = h('div', { class: 'confirm', hidden: true, role: 'group', 'aria-labelledby': 'confirm-heading' });
  const bodyOf = (): Record<string, unknown> =>
    deviate.checked
      ? {
          finalOutcome: f.value('finalOutcome') || undefined,
          deviationReason: f.value('deviationReason') || undefined,
          ...(f.value('finalOutcome') === 'PARTIAL' ? { grantedPeriod: { from: f.value('grantedPeriod.from'), to: f.value('grantedPeriod.to') } } : {}),
        }
      : { finalOutcome: proposed };
  const sign = async (body: Record<string, unknown>, confirm: HTMLButtonElement) => {
    confirm.disabled = true;
    try {
      await postJson(`/v1/decisions/${d.id}/sign`, body, true);
      await decisionView(main, session, d.id, 'Beslutet är undertecknat. Beslutsbrevet är klart.');
    } catch (error) {
      confirmation.hidden = true;
      submit.disabled = false;
      if (error instanceof ApiError) f.showErrors(error.problem.title, error.problem.errors ?? [], error.problem.detail);
      else f.showErrors('Något gick fel', [], (error as Error).message);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!f.check()) return;
    const body = bodyOf();
    const outcome = String(body.finalOutcome);
    const confirm = h('button', { type: 'button', class: 'primary' }, 'Ja, underteckna beslutet') as HTMLButtonElement;
    confirm.addEventListener('click', () => void sign(body, confirm));
    const cancel = h('button', { type: 'button' }, 'Avbryt');
    cancel.addEventListener('click', () => {
      confirmation.hidden = true;
      submit.disabled = false;
      submit.focus();
    });
    confirmation.replaceChildren(
      h('h3', { id: 'confirm-heading' }, 'Bekräfta beslutet'),
      h('p', {}, `Du beslutar: ${label(OUTCOME, outcome)}${deviate.checked ? ' (avviker från förslaget)' : ''}, i ärende ${d.caseNumber}, för ${d.applicant?.name ?? 'sökanden'}. Beslutet kan inte ändras efteråt, bara omprövas.`),
      h('div', { class: 'actions' }, confirm, cancel),
    );
    confirmation.hidden = false;
    submit.disabled = true;
    confirm.focus();
  });
  form.append(confirmation);
  return h('section', { 'aria-labelledby': 'sign-heading', class: 'panel' }, h('h2', { id: 'sign-heading' }, 'Besluta'), form);
}

/** What the case worker wrote and chose: the grounds, the assessment areas (the delegate reads them before signing). */
function groundsSection(d: DecisionResource): HTMLElement | null {
  if (d.masked) return null;
  const need = d.facts.assessedNeed;
  const weak = d.facts.weakLabourMarketPosition;
  const other = d.facts.apparentEntitlementNeed;
  const rows = [
    need?.grounds ? [h('dt', {}, 'Bedömning av behovet'), h('dd', {}, need.grounds)] : null,
    need?.areas?.length ? [h('dt', {}, 'Bedömningsområden'), h('dd', {}, need.areas.map((a) => label(ASSESSMENT_AREA, a)).join(', '))] : null,
    weak?.grounds ? [h('dt', {}, 'Ställningen på arbetsmarknaden'), h('dd', {}, weak.grounds)] : null,
    other?.description ? [h('dt', {}, 'Behov som hör till rätten till bistånd'), h('dd', {}, other.description)] : null,
  ].filter(Boolean);
  if (rows.length === 0) return null;
  return h('section', { 'aria-labelledby': 'grounds-heading' }, h('h2', { id: 'grounds-heading' }, 'Handläggarens underlag'), h('dl', { class: 'grounds' }, rows));
}

/** Who did what in the case, and when (the case's history of changes). */
function historySection(d: DecisionResource): HTMLElement | null {
  if (d.masked || d.history.length === 0) return null;
  return h('section', { 'aria-labelledby': 'history-heading' },
    h('h2', { id: 'history-heading' }, 'Historik i ärendet'),
    h('ol', { class: 'history' }, d.history.map((e) => h('li', {}, `${formatDateTime(e.at)}: ${label(AUDIT_ACTION, e.action)} (${e.actor.name})`))),
  );
}

/** A reason, sent to an action (withdraw, omprövning); the view is shown again afterwards. */
function reasonForm(main: HTMLElement, session: Session, d: DecisionResource, options: { id: string; heading: string; intro: string; label: string; button: string; done: string; send: (reason: string) => Promise<{ id: string }> }): HTMLElement {
  const f = new FieldSet();
  const submit = h('button', { type: 'submit' }, options.button) as HTMLButtonElement;
  const form = h('form', { novalidate: true, 'aria-labelledby': options.id }, f.summary, h('p', {}, options.intro), f.textarea('reason', options.label, { rows: 3, required: `Skriv ${options.label.toLowerCase()}.` }), h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!f.check()) return;
    submit.disabled = true;
    try {
      const result = await options.send(f.value('reason'));
      // The view the action leads to says what was done: the same decision (withdrawn) or the new proposal.
      if (result.id === d.id) await decisionView(main, session, d.id, options.done);
      else {
        flash(options.done);
        location.hash = `#/beslut/${result.id}`;
      }
    } catch (error) {
      if (error instanceof ApiError) f.showErrors(error.problem.title, error.problem.errors?.map((e) => ({ ...e, path: 'reason' })) ?? [], error.problem.detail);
      else f.showErrors('Något gick fel', [], (error as Error).message);
      submit.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': options.id, class: 'panel' }, h('h2', { id: options.id }, options.heading), form);
}

/** Staff act on a decision: correct or withdraw a proposal; a delegate reconsiders a signed decision. */
function actionSections(main: HTMLElement, session: Session, d: DecisionResource): Array<HTMLElement | null> {
  if (session.role === 'jurist') return [];
  const sections: Array<HTMLElement | null> = [];
  if (d.status === 'PROPOSED') {
    sections.push(
      h('section', { 'aria-labelledby': 'correct-heading' },
        h('h2', { id: 'correct-heading' }, 'Rätta uppgifterna'),
        h('p', {}, 'Stämmer inte uppgifterna? Rätta dem i samma ärende: ett nytt förslag ersätter det här, som dras tillbaka med ditt skäl och sparas.'),
        h('button', { type: 'button', onclick: () => correctFacts(d) }, 'Rätta uppgifterna'),
      ),
      reasonForm(main, session, d, {
        id: 'withdraw-heading',
        heading: 'Dra tillbaka förslaget',
        intro: 'Ett förslag som inte ska beslutas dras tillbaka. Det sparas i ärendet med skälet.',
        label: 'Skäl till att förslaget dras tillbaka',
        button: 'Dra tillbaka förslaget',
        done: 'Förslaget är tillbakadraget.',
        send: async (reason) => (await postJson<{ id: string }>(`/v1/decisions/${d.id}/withdraw`, { reason })),
      }),
    );
  }
  if (d.status === 'SIGNED' && session.role === 'beslutsfattare') {
    sections.push(
      reasonForm(main, session, d, {
        id: 'reconsider-heading',
        heading: 'Ompröva beslutet',
        intro: 'Omprövning ger ett nytt förslag med dagens datum på de antecknade uppgifterna. När det beslutas ersätter det det här beslutet, som finns kvar i ärendet.',
        label: 'Skäl till omprövningen',
        button: 'Ompröva',
        done: 'Ett förslag efter omprövning är gjort. En annan beslutsfattare beslutar om det.',
        send: async (reason) => postJson<{ id: string }>(`/v1/decisions/${d.id}/reconsiderations`, { reason, facts: d.facts }, true),
      }),
    );
  }
  return sections;
}

/** To the new-decision form with this proposal's person and facts, as a correction in its case. */
function correctFacts(d: DecisionResource): void {
  queueCorrection({ caseId: d.caseId, decisionId: d.id, caseNumber: d.caseNumber, applicant: d.applicant, facts: d.facts, contact: d.contact ?? null, decisionDate: d.decisionDate });
  location.hash = '#/ny';
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
    groundsSection(d),
    signSection(main, session, d),
    ...actionSections(main, session, d),
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
    historySection(d),
  );
}
