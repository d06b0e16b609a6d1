/// <reference lib="dom" />
/**
 * The case file (akt), `#/arende/<caseId>`: the person, every decision with where it stands, the
 * letters, the follow-ups, the endings, the referral the case came from, and the history of who
 * did what and when. Opening it is recorded in the case's access log (by the API).
 */
import { fileNameOf, getJson, request } from '../api';
import { type Session, delegationTitle } from '../auth';
import { ACTOR_ROLE, CASE_STATUS, CONSENT_METHOD, decisionPhrase, historyText, identityKind, milestoneState } from '../case-labels';
import { download, h, notice, render } from '../dom';
import { ENDING, MILESTONE, delegationText, label } from '../labels';
import { currentAddress, stillAt } from '../navigation';
import { formatDate, formatDateTime, todayInStockholm } from '../format';
import { lastSearchShowed } from './search';

interface ActorRef {
  name: string;
  role: string;
}
interface CaseDecision {
  id: string;
  status: string;
  decisionDate: string;
  proposedOutcome: string;
  proposedAt: string;
  proposedBy: ActorRef;
  replaces: string | null;
  reconsiderationReason: string | null;
  withdrawn: { at: string; by: ActorRef; reason: string } | null;
  signed: { at: string; finalOutcome: string; decisionMaker: { name: string; title: string; delegationReference: string; delegationTitle?: string }; grantedPeriod: { from: string; to: string } | null } | null;
  supersededBy: { decisionId: string; at: string } | null;
}
interface CaseFileResource {
  id: string;
  caseNumber: string;
  status: string;
  applicant: { name: string; personnummer: string; address?: { lines: string[]; postalCode: string; city: string } };
  formerNames: Array<{ name: string; until: string; reason: string }>;
  contact: { name: string; phone?: string; email?: string } | null;
  responsible: ActorRef | null;
  createdAt: string;
  lastEntryAt: string;
  decisions: CaseDecision[];
  letters: Array<{ decisionId: string; createdAt: string; links: { pdf: string } }>;
  followUps: Array<{ decisionId: string; milestoneId: string; kind: string; due: string; status: string; done?: { at: string; by: ActorRef; note: string }; closed?: { at: string; reason: string } }>;
  endings: Array<{ decisionId: string; reason: string; endedOn: string; note?: string; recordedAt: string; recordedBy: ActorRef }>;
  referral: { createdAt: string; referredBy: ActorRef; consent: { recordedOn: string; method: string; recordedBy: string }; note: string | null } | null;
  history: Array<{ at: string; actor: ActorRef; action: string; decisionId?: string; details?: Record<string, string | number | boolean> }>;
}

/** A person by name and role; an outreach tool is named by what it is, not by its technical client name. */
const who = (a: ActorRef) => (a.role === 'uppsok' ? label(ACTOR_ROLE, a.role) : `${a.name} (${label(ACTOR_ROLE, a.role).toLowerCase()})`);

function section(id: string, title: string, ...content: Array<Node | string | null | false | Array<Node | string | null>>): HTMLElement {
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

export async function caseFileView(main: HTMLElement, session: Session, caseId: string): Promise<void> {
  if (session.role === 'jurist') {
    render(main, h('h1', {}, 'Akten'), notice('info', 'Akten med personuppgifter visas för handläggare och beslutsfattare. Som jurist läser du besluten maskerade.'));
    return;
  }
  const address = currentAddress();
  const c = await getJson<CaseFileResource>(`/v1/cases/${encodeURIComponent(caseId)}`);
  if (!stillAt(address)) return;
  const today = todayInStockholm();
  // Decisions are numbered in the order they were proposed, as the history and the letters name them.
  const numberOf = new Map(c.decisions.map((d, i) => [d.id, i + 1]));
  const decisionLink = (decisionId: string | undefined) => {
    const n = decisionId ? numberOf.get(decisionId) : undefined;
    return n ? h('a', { href: `#/beslut/${encodeURIComponent(decisionId as string)}` }, `Beslut ${n}`) : '';
  };

  render(
    main,
    lastSearchShowed(c.id) ? h('p', { class: 'back' }, h('a', { href: '#/sok' }, 'Tillbaka till sökresultatet')) : null,
    h('h1', {}, `Akten i ärende ${c.caseNumber}`),
    h('dl', { class: 'summary' },
      h('dt', {}, 'Namn'), h('dd', {}, c.applicant.name),
      c.formerNames.length
        ? [h('dt', {}, 'Tidigare namn'), h('dd', {}, h('ul', { class: 'plain' }, c.formerNames.map((n) => h('li', {}, `${n.name}, till ${formatDate(n.until)}. Skäl: ${n.reason}`))))]
        : null,
      h('dt', {}, identityKind(c.applicant.personnummer)), h('dd', {}, c.applicant.personnummer),
      c.applicant.address ? [h('dt', {}, 'Adress'), h('dd', {}, [...c.applicant.address.lines, `${c.applicant.address.postalCode} ${c.applicant.address.city}`].join(', '))] : null,
      h('dt', {}, 'Status'), h('dd', {}, h('strong', {}, label(CASE_STATUS, c.status))),
      h('dt', {}, 'Ansvarig handläggare'), h('dd', {}, c.responsible?.name ?? 'Ingen angiven'),
      c.contact ? [h('dt', {}, 'Kontaktperson i breven'), h('dd', {}, [c.contact.name, c.contact.phone, c.contact.email].filter(Boolean).join(', '))] : null,
      h('dt', {}, 'Ärendet skapades'), h('dd', {}, formatDate(c.createdAt)),
      h('dt', {}, 'Senaste anteckning'), h('dd', {}, formatDateTime(c.lastEntryAt)),
    ),
    section('decisions-heading', `Beslut (${c.decisions.length})`,
      c.decisions.length ? h('ol', { class: 'case-decisions' }, c.decisions.map((d) => decisionItem(d, numberOf))) : h('p', {}, 'Inga beslut i ärendet.'),
    ),
    section('letters-heading', `Beslutsbrev (${c.letters.length})`,
      c.letters.length ? h('ul', { class: 'letters' }, c.letters.map((l) => letterItem(c, l, numberOf.get(l.decisionId) ?? 0))) : h('p', {}, 'Inga brev ännu. Brevet skapas när beslutet fattas.'),
    ),
    section('follow-ups-heading', 'Uppföljning',
      c.followUps.length
        ? h('div', { class: 'table-wrap' }, h('table', {},
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Vad'), h('th', { scope: 'col' }, 'Senast'), h('th', { scope: 'col' }, 'Läge'), h('th', { scope: 'col' }, 'Gäller'))),
            h('tbody', {}, c.followUps.map((m) => {
              const state = milestoneState(m, today);
              return h('tr', {},
                h('td', {}, label(MILESTONE, m.kind)),
                h('td', { class: 'nowrap' }, m.due),
                h('td', {},
                  state.overdue ? h('strong', { class: 'overdue-label' }, state.text) : state.text,
                  m.done ? h('span', { class: 'source' }, `${formatDate(m.done.at)} av ${m.done.by.name}${m.done.note ? `: ${m.done.note}` : ''}`) : null,
                ),
                h('td', { class: 'nowrap' }, decisionLink(m.decisionId)),
              );
            })),
          ))
        : h('p', {}, 'Inget att följa upp. Uppföljningen planeras när en insats beviljas.'),
    ),
    section('endings-heading', 'Avslut',
      c.endings.length
        ? h('ul', { class: 'plain' }, c.endings.map((e) => h('li', {},
            decisionLink(e.decisionId), `: insatsen avslutades ${e.endedOn} – ${label(ENDING, e.reason)}. Antecknat ${formatDate(e.recordedAt)} av ${e.recordedBy.name}.`,
            e.note ? h('span', { class: 'source' }, e.note) : null,
          )))
        : h('p', {}, 'Ingen insats har avslutats.'),
    ),
    section('referral-heading', 'Anmälan',
      c.referral
        ? h('dl', { class: 'summary' },
            h('dt', {}, 'Anmäld'), h('dd', {}, formatDateTime(c.referral.createdAt)),
            h('dt', {}, 'Anmäld av'), h('dd', {}, who(c.referral.referredBy)),
            h('dt', {}, 'Samtycke'), h('dd', {}, `${label(CONSENT_METHOD, c.referral.consent.method)}, ${c.referral.consent.recordedOn}, antecknat av ${c.referral.consent.recordedBy}`),
            c.referral.note ? [h('dt', {}, 'Anteckning'), h('dd', {}, c.referral.note)] : null,
          )
        : h('p', {}, 'Ärendet kom inte från en anmälan från uppsökande verksamhet.'),
    ),
    section('history-heading', 'Historik',
      h('p', { class: 'hint' }, session.role === 'beslutsfattare'
        ? 'Vad som har gjorts i ärendet, av vem och när, det äldsta först. Vem som har sökt fram eller läst ärendet står i åtkomstloggen nedan.'
        : 'Vad som har gjorts i ärendet, av vem och när, det äldsta först. Vem som har sökt fram eller läst ärendet står i åtkomstloggen, som chefen granskar.'),
      eventTable(c.history, decisionLink),
    ),
    session.role === 'beslutsfattare' ? accessLogSection(c, decisionLink) : null,
  );
}

type CaseEvent = CaseFileResource['history'][number];

/** Events of a case as a table (the history, the access log): when, who, what, and which decision. */
function eventTable(events: CaseEvent[], decisionLink: (decisionId: string | undefined) => Node | string, caption?: string): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'history' },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'När'), h('th', { scope: 'col' }, 'Vem'), h('th', { scope: 'col' }, 'Vad'), h('th', { scope: 'col' }, 'Gäller'))),
    h('tbody', {}, events.map((e) => h('tr', {},
      h('td', { class: 'nowrap' }, formatDateTime(e.at)),
      h('td', {}, who(e.actor)),
      h('td', {}, historyText(e)),
      h('td', { class: 'nowrap' }, decisionLink(e.decisionId)),
    ))),
  ));
}

interface AccessLogResource {
  entries: CaseEvent[];
}

/**
 * The access log, for the manager's log check: fetched only when asked for, since reading it is
 * itself written in the log.
 */
function accessLogSection(c: CaseFileResource, decisionLink: (decisionId: string | undefined) => Node | string): HTMLElement {
  const result = h('div', { 'aria-live': 'polite' });
  const show = h('button', { type: 'button' }, 'Visa åtkomstloggen');
  show.addEventListener('click', async () => {
    show.disabled = true;
    try {
      const log = await getJson<AccessLogResource>(`/v1/cases/${encodeURIComponent(c.id)}/access-log`);
      show.hidden = true;
      result.replaceChildren(
        log.entries.length
          ? eventTable(log.entries, decisionLink, `Åtkomstlogg för ärende ${c.caseNumber}, det senaste först`)
          : h('p', {}, 'Ingen har läst ärendet ännu.'),
      );
    } catch (error) {
      show.disabled = false;
      result.replaceChildren(notice('error', (error as Error).message));
    }
  });
  return section('access-log-heading', 'Åtkomstlogg',
    h('p', { class: 'hint' }, 'För loggkontroll: vem som har sökt fram ärendet eller läst akten, besluten och breven, och när, det senaste först. Att du läser loggen skrivs i den.'),
    show,
    result,
  );
}

function decisionItem(d: CaseDecision, numberOf: Map<string, number>): HTMLElement {
  const n = numberOf.get(d.id) ?? 0;
  const ref = (id: string | null | undefined) => (id && numberOf.get(id) ? `beslut ${numberOf.get(id)}` : 'ett tidigare beslut');
  const outcome = { status: d.status, proposedOutcome: d.proposedOutcome, finalOutcome: d.signed?.finalOutcome ?? null };
  return h(
    'li',
    { class: `case-decision decision-${d.status.toLowerCase()}` },
    h('h3', {}, h('a', { href: `#/beslut/${encodeURIComponent(d.id)}` }, `Beslut ${n}`), `: ${decisionPhrase(outcome)}`),
    h('dl', { class: 'summary' },
      h('dt', {}, 'Beslutsdatum'), h('dd', {}, d.decisionDate),
      h('dt', {}, 'Föreslaget'), h('dd', {}, `${formatDateTime(d.proposedAt)} av ${d.proposedBy.name}`),
      d.signed
        ? [h('dt', {}, 'Beslutat'), h('dd', {}, `${formatDateTime(d.signed.at)} av ${d.signed.decisionMaker.name}, ${d.signed.decisionMaker.title}, enligt ${delegationText(d.signed.decisionMaker.delegationReference, d.signed.decisionMaker.delegationTitle ?? delegationTitle(d.signed.decisionMaker.delegationReference, d.decisionDate))}`)]
        : null,
      d.signed?.grantedPeriod ? [h('dt', {}, 'Beviljad period'), h('dd', {}, `${d.signed.grantedPeriod.from} – ${d.signed.grantedPeriod.to}`)] : null,
      d.replaces ? [h('dt', {}, 'Omprövning'), h('dd', {}, `Ersätter ${ref(d.replaces)}${d.reconsiderationReason ? `. Skäl: ${d.reconsiderationReason}` : ''}`)] : null,
      d.supersededBy ? [h('dt', {}, 'Ersatt'), h('dd', {}, `${formatDate(d.supersededBy.at)} av ${ref(d.supersededBy.decisionId)}`)] : null,
      d.withdrawn ? [h('dt', {}, 'Tillbakadraget'), h('dd', {}, `${formatDateTime(d.withdrawn.at)} av ${d.withdrawn.by.name}. Skäl: ${d.withdrawn.reason}`)] : null,
    ),
  );
}

/** The letter at the link the case file gives for it (GET /v1/decisions/{id}/letter). */
async function fetchLetter(letter: { links: { pdf: string } }, fallback: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await request('GET', letter.links.pdf, { accept: 'application/pdf' });
  return { blob: new Blob([await response.arrayBuffer()], { type: 'application/pdf' }), fileName: fileNameOf(response, fallback) };
}

function letterItem(c: CaseFileResource, letter: CaseFileResource['letters'][number], n: number): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const fail = (error: unknown) => status.replaceChildren(notice('error', (error as Error).message));
  const fallback = `beslut-${c.caseNumber.replace(/\W+/g, '-')}-${n}.pdf`;
  const decision = c.decisions.find((d) => d.id === letter.decisionId);
  const what = `brevet om beslut ${n}`;
  return h(
    'li',
    { class: 'letter' },
    h('span', {}, `Beslut ${n}`, decision?.signed ? `: ${decisionPhrase({ status: 'SIGNED', proposedOutcome: decision.proposedOutcome, finalOutcome: decision.signed.finalOutcome })}` : '', `, brevet skapades ${formatDateTime(letter.createdAt)}`),
    h('span', { class: 'actions' },
      // The visible words first in each name (WCAG 2.5.3), then which letter, for a screen reader.
      h('button', { type: 'button', onclick: () => fetchLetter(letter, fallback).then(({ blob }) => window.open(URL.createObjectURL(blob), '_blank', 'noopener'), fail) }, 'Öppna', h('span', { class: 'visually-hidden' }, ` ${what}`)),
      h('button', { type: 'button', onclick: () => fetchLetter(letter, fallback).then(({ blob, fileName }) => download(blob, fileName), fail) }, 'Ladda ned (PDF)', h('span', { class: 'visually-hidden' }, ` ${what}`)),
    ),
    status,
  );
}
