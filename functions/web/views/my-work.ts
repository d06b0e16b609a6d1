/// <reference lib="dom" />
/**
 * *Mina ärenden*, `#/mina-arenden`: one's own proposals still waiting for a delegate, and the
 * follow-ups of the cases one is responsible for, with the person's name. It is also what a case
 * worker's start page shows.
 */
import { getJson } from '../api';
import type { Session } from '../auth';
import { h, notice, render } from '../dom';
import { MILESTONE, OUTCOME, label } from '../labels';
import { currentAddress, stillAt } from '../navigation';
import { daysInWords, formatDate, todayInStockholm } from '../format';

export interface MyWork {
  proposals: Array<{ caseId: string; caseNumber: string; decisionId: string; proposedAt: string; proposedOutcome: string; applicantName: string | null; daysWaiting: number }>;
  followUps: Array<{ caseId: string; caseNumber: string; decisionId: string; milestoneId: string; kind: string; due: string; applicantName: string | null }>;
}

export async function fetchMyWork(): Promise<MyWork> {
  const work = await getJson<MyWork>('/v1/queues/mina-arenden');
  return {
    proposals: [...work.proposals].sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : 1)),
    followUps: [...work.followUps].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)),
  };
}

// A case culled meanwhile has no name left to show.
const nameOf = (name: string | null) => name ?? 'Ärendet är gallrat';
const caseLink = (item: { caseId: string; caseNumber: string }) => h('a', { href: `#/arende/${encodeURIComponent(item.caseId)}` }, item.caseNumber);
const th = (text: string, hidden = false) => h('th', { scope: 'col' }, hidden ? h('span', { class: 'visually-hidden' }, text) : text);

function proposalsTable(items: MyWork['proposals'], limit: number): HTMLElement {
  if (items.length === 0) return h('p', {}, 'Inga av dina förslag väntar på beslut.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'queue' },
    h('caption', { class: 'visually-hidden' }, 'Mina förslag som väntar på beslut, äldst först'),
    h('thead', {}, h('tr', {}, th('Namn'), th('Ärende'), th('Förslag'), th('Föreslaget'), th('Väntat'), th('Åtgärd', true))),
    h('tbody', {}, items.slice(0, limit).map((p) => h('tr', {},
      h('td', {}, nameOf(p.applicantName)),
      h('td', { class: 'nowrap' }, caseLink(p)),
      h('td', {}, label(OUTCOME, p.proposedOutcome)),
      h('td', { class: 'nowrap' }, formatDate(p.proposedAt)),
      h('td', { class: 'nowrap' }, daysInWords(p.daysWaiting)),
      h('td', {}, h('a', { href: `#/beslut/${encodeURIComponent(p.decisionId)}` }, 'Visa förslaget', h('span', { class: 'visually-hidden' }, ` i ärende ${p.caseNumber}`))),
    ))),
  ));
}

function followUpsTable(items: MyWork['followUps'], limit: number): HTMLElement {
  if (items.length === 0) return h('p', {}, 'Ingen uppföljning att göra i dina ärenden.');
  const today = todayInStockholm();
  return h('div', { class: 'table-wrap' }, h('table', { class: 'queue' },
    h('caption', { class: 'visually-hidden' }, 'Uppföljning i mina ärenden, det som ska vara klart först'),
    h('thead', {}, h('tr', {}, th('Namn'), th('Ärende'), th('Vad'), th('Senast'))),
    h('tbody', {}, items.slice(0, limit).map((m) => h('tr', { class: m.due < today ? 'overdue' : null },
      h('td', {}, nameOf(m.applicantName)),
      h('td', { class: 'nowrap' }, caseLink(m)),
      h('td', {}, label(MILESTONE, m.kind)),
      h('td', { class: 'nowrap' }, m.due, m.due < today ? h('strong', { class: 'overdue-label stacked' }, 'Försenad') : null),
    ))),
  ));
}

/**
 * Both lists under headings of the given level (h2 in the view, h3 on the start page); `limit`
 * shows the first few with a link to all.
 */
export function myWorkSections(work: MyWork, level: 'h2' | 'h3', limit = Infinity): HTMLElement[] {
  const more = (count: number) => (count > limit ? h('p', {}, h('a', { href: '#/mina-arenden' }, `Visa alla ${count}`)) : null);
  return [
    h('section', { 'aria-labelledby': `mine-proposals-${level}` },
      h(level, { id: `mine-proposals-${level}` }, `Mina förslag som väntar på beslut (${work.proposals.length})`),
      proposalsTable(work.proposals, limit),
      more(work.proposals.length),
    ),
    h('section', { 'aria-labelledby': `mine-follow-ups-${level}` },
      h(level, { id: `mine-follow-ups-${level}` }, `Uppföljning i mina ärenden (${work.followUps.length})`),
      work.followUps.length ? h('p', { class: 'hint' }, 'Det som ska vara klart först står överst. Du antecknar en uppföljning som gjord under ', h('a', { href: '#/uppfoljning' }, 'Uppföljning'), '.') : null,
      followUpsTable(work.followUps, limit),
      more(work.followUps.length),
    ),
  ];
}

export async function myWorkView(main: HTMLElement, session: Session): Promise<void> {
  if (session.role === 'jurist') {
    render(main, h('h1', {}, 'Mina ärenden'), notice('info', 'Listan visas för handläggare och beslutsfattare.'));
    return;
  }
  const address = currentAddress();
  const work = await fetchMyWork();
  if (!stillAt(address)) return;
  render(
    main,
    h('h1', {}, 'Mina ärenden'),
    h('p', {}, 'Dina förslag som väntar på beslut, och uppföljningen i de ärenden du är ansvarig handläggare för.'),
    ...myWorkSections(work, 'h2'),
  );
}
