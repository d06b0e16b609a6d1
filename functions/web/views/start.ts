/// <reference lib="dom" />
/**
 * The start page of case workers and delegates: search first, then the work waiting for them.
 * A delegate starts on *Att besluta* (the proposals waiting for a decision, oldest first) and
 * then their own work; a case worker on *Mina ärenden*. The lists show the oldest few, each with
 * a link to the whole list.
 */
import type { Session } from '../auth';
import { h, notice, render } from '../dom';
import { currentAddress, stillAt } from '../navigation';
import { type MyWork, fetchMyWork, myWorkSections } from './my-work';
import { searchForm } from './search';
import { type ProposalToDecide, fetchToDecide, toDecideTable } from './to-decide';

const SHOWN = 10;

/** A list that could not be read says so in its place; the rest of the page still works. */
async function orProblem<T>(load: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

export async function startView(main: HTMLElement, session: Session): Promise<void> {
  const address = currentAddress();
  const delegate = session.role === 'beslutsfattare';
  const [toDecide, mine] = await Promise.all([
    delegate ? orProblem<ProposalToDecide[]>(fetchToDecide) : Promise.resolve(undefined),
    orProblem<MyWork>(fetchMyWork),
  ]);
  if (!stillAt(address)) return;
  const search = searchForm(() => (location.hash = '#/sok'));
  render(
    main,
    h('h1', {}, `Välkommen, ${session.name}`),
    h('p', {}, delegate
      ? 'Som beslutsfattare beslutar du om förslag enligt din delegation, och kan göra allt en handläggare gör.'
      : 'Som handläggare antecknar du uppgifter, begär förslag och följer upp beviljade insatser.'),
    h('section', { 'aria-labelledby': 'search-heading', class: 'start-search' }, h('h2', { id: 'search-heading' }, 'Sök ärende'), search),
    toDecide
      ? h('section', { 'aria-labelledby': 'to-decide-heading' },
          h('h2', { id: 'to-decide-heading' }, toDecide.ok ? `Att besluta (${toDecide.value.length})` : 'Att besluta'),
          toDecide.ok ? toDecideTable(toDecide.value, session, SHOWN) : notice('error', `Listan kunde inte visas. ${toDecide.message}`),
        )
      : null,
    h('section', { 'aria-labelledby': 'mine-heading' },
      h('h2', { id: 'mine-heading' }, 'Mina ärenden'),
      mine.ok ? myWorkSections(mine.value, 'h3', SHOWN) : notice('error', `Listan kunde inte visas. ${mine.message}`),
    ),
    h('section', { 'aria-labelledby': 'tasks-heading' },
      h('h2', { id: 'tasks-heading' }, 'Vad vill du göra?'),
      h('ul', { class: 'tasks' },
        h('li', {}, h('a', { href: '#/ny' }, 'Begära ett förslag till beslut')),
        h('li', {}, h('a', { href: '#/uppfoljning' }, 'Se vad som ska följas upp')),
        h('li', {}, h('a', { href: '#/anmalningar' }, 'Se anmälningar som väntar')),
        h('li', {}, h('a', { href: '#/regelverk' }, 'Granska regelverken')),
        h('li', {}, h('a', { href: '#/statistik' }, 'Se statistiken')),
      ),
    ),
  );
}
