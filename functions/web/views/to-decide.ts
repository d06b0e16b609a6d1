/// <reference lib="dom" />
/**
 * *Att besluta*, `#/att-besluta`: the proposals waiting for a delegate, oldest first. The queue
 * holds no personal data of the applicant: the case number, the proposed outcome, who proposed it
 * and how long it has waited. It is also the first list on a delegate's start page.
 */
import { getJson } from '../api';
import type { Session } from '../auth';
import { h, notice, render } from '../dom';
import { OUTCOME, label } from '../labels';
import { currentAddress, stillAt } from '../navigation';
import { daysInWords, formatDate } from '../format';

export interface ProposalToDecide {
  caseId: string;
  caseNumber: string;
  decisionId: string;
  proposedOutcome: string;
  proposedAt: string;
  proposedBy: { id?: string; name: string };
  daysWaiting: number;
}

export async function fetchToDecide(): Promise<ProposalToDecide[]> {
  const { items } = await getJson<{ items: ProposalToDecide[] }>('/v1/queues/att-besluta');
  return [...items].sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : a.proposedAt > b.proposedAt ? 1 : 0));
}

/** The queue as a table; `limit` shows the oldest few (the start page) with a link to all. */
export function toDecideTable(items: ProposalToDecide[], session: Session, limit = Infinity): HTMLElement {
  if (items.length === 0) return h('p', {}, 'Inga förslag väntar på beslut.');
  const shown = items.slice(0, limit);
  return h('div', {},
    h('div', { class: 'table-wrap' }, h('table', { class: 'queue' },
      h('caption', { class: 'visually-hidden' }, 'Förslag som väntar på beslut, äldst först'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Ärende'),
        h('th', { scope: 'col' }, 'Föreslaget utfall'),
        h('th', { scope: 'col' }, 'Föreslaget av'),
        h('th', { scope: 'col' }, 'Föreslaget'),
        h('th', { scope: 'col' }, 'Väntat'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Åtgärd')),
      )),
      h('tbody', {}, shown.map((item) => {
        // Four eyes: whoever proposed may not decide; the delegate sees it, and another one decides.
        const own = Boolean(session.id) && item.proposedBy.id === session.id;
        return h('tr', {},
          h('td', { class: 'nowrap' }, item.caseNumber),
          h('td', {}, label(OUTCOME, item.proposedOutcome)),
          h('td', {}, item.proposedBy.name, own ? h('span', { class: 'source' }, 'Ditt förslag: en annan beslutsfattare beslutar.') : null),
          h('td', { class: 'nowrap' }, formatDate(item.proposedAt)),
          h('td', { class: 'nowrap' }, daysInWords(item.daysWaiting)),
          h('td', {}, h('a', { href: `#/beslut/${encodeURIComponent(item.decisionId)}` }, own ? 'Visa' : 'Besluta', h('span', { class: 'visually-hidden' }, ` i ärende ${item.caseNumber}`))),
        );
      })),
    )),
    items.length > shown.length ? h('p', {}, h('a', { href: '#/att-besluta' }, `Visa alla ${items.length} förslag som väntar`)) : null,
  );
}

export async function toDecideView(main: HTMLElement, session: Session): Promise<void> {
  if (session.role !== 'beslutsfattare') {
    render(main, h('h1', {}, 'Att besluta'), notice('info', 'Listan visas för beslutsfattare. Dina egna förslag som väntar finns under Mina ärenden.'), h('p', {}, h('a', { href: '#/mina-arenden' }, 'Till Mina ärenden')));
    return;
  }
  const address = currentAddress();
  const items = await fetchToDecide();
  if (!stillAt(address)) return;
  render(
    main,
    h('h1', {}, `Att besluta (${items.length})`),
    h('p', {}, 'Förslag som väntar på beslut, det äldsta först. Öppna ett förslag för att läsa underlaget och besluta enligt din delegation.'),
    toDecideTable(items, session),
  );
}
