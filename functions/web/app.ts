/// <reference lib="dom" />
/**
 * The staff page: one small script, no framework. The views are a handful of forms and lists over
 * the public API; a hash router and a `h()` helper cover them, so a framework would only add a
 * dependency and a build step to review.
 */
import { ApiError, getJson, knowsRuleSetNames, rememberRuleSetNames } from './api';
import { type PageConfig, type Session, completeCognitoSignIn, currentSession, loadConfig, rememberReturnTarget, signOut, takeReturnTarget } from './auth';
import { h, notice, render } from './dom';
import { ROLE } from './labels';
import { takeFlash } from './navigation';
import { FieldSet } from './views/form';
import { caseFileView } from './views/case-file';
import { decisionView } from './views/decision';
import { followUpsView } from './views/follow-ups';
import { myWorkView } from './views/my-work';
import { type NewDecisionPrefill, newDecisionView } from './views/new-decision';
import { referralsView } from './views/referrals';
import { ruleSetView, ruleSetsView } from './views/rule-sets';
import { ruleSetReviewView } from './views/rule-set-review';
import { searchView } from './views/search';
import { signInView } from './views/sign-in';
import { startView } from './views/start';
import { statisticsView } from './views/statistics';
import { toDecideView } from './views/to-decide';

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const user = document.getElementById('user') as HTMLElement;
let pendingPrefill: NewDecisionPrefill | undefined;

interface NavItem {
  hash: string;
  text: string;
  roles: Session['role'][];
}
const NAV: NavItem[] = [
  { hash: '#/', text: 'Start', roles: ['handlaggare', 'beslutsfattare', 'jurist'] },
  { hash: '#/att-besluta', text: 'Att besluta', roles: ['beslutsfattare'] },
  { hash: '#/mina-arenden', text: 'Mina ärenden', roles: ['handlaggare', 'beslutsfattare'] },
  { hash: '#/sok', text: 'Sök ärende', roles: ['handlaggare', 'beslutsfattare'] },
  { hash: '#/ny', text: 'Nytt beslut', roles: ['handlaggare', 'beslutsfattare'] },
  { hash: '#/uppfoljning', text: 'Uppföljning', roles: ['handlaggare', 'beslutsfattare'] },
  { hash: '#/anmalningar', text: 'Anmälningar', roles: ['handlaggare', 'beslutsfattare'] },
  { hash: '#/regelverk', text: 'Regelverk', roles: ['handlaggare', 'beslutsfattare', 'jurist'] },
  { hash: '#/statistik', text: 'Statistik', roles: ['handlaggare', 'beslutsfattare', 'jurist'] },
];

function chrome(session: Session | undefined): void {
  const current = location.hash || '#/';
  nav.replaceChildren(
    ...(session
      ? [h('ul', {}, NAV.filter((n) => n.roles.includes(session.role)).map((n) => h('li', {}, h('a', { href: n.hash, 'aria-current': (n.hash === '#/' ? current === '#/' : current.startsWith(n.hash)) ? 'page' : null }, n.text))))]
      : []),
  );
  user.replaceChildren(
    ...(session ? [h('span', {}, `${session.name} (${ROLE[session.role]})`), h('button', { type: 'button', onclick: () => signOut() }, 'Logga ut')] : []),
  );
}

function homeView(session: Session): void {
  const f = new FieldSet();
  const form = h('form', { class: 'filter', novalidate: true },
    f.summary,
    f.text('id', 'Beslutets id', { hint: 'Id:t står i adressen när beslutet visas, t.ex. 15ce168f-8d06-48ad-9640-c21b74a644ec.', required: 'Skriv beslutets id.' }),
    h('button', { type: 'submit' }, 'Öppna'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (f.check()) location.hash = `#/beslut/${encodeURIComponent(f.value('id'))}`;
  });
  const can = (roles: Session['role'][]) => roles.includes(session.role);
  render(main,
    h('h1', {}, `Välkommen, ${session.name}`),
    h('p', {}, session.role === 'jurist'
      ? 'Som jurist granskar du regelverken och kan läsa beslut utan personuppgifter.'
      : session.role === 'beslutsfattare'
        ? 'Som beslutsfattare beslutar du om förslag enligt din delegation, och kan göra allt en handläggare gör.'
        : 'Som handläggare antecknar du uppgifter, begär förslag och följer upp beviljade insatser.'),
    h('section', { 'aria-labelledby': 'open-heading' }, h('h2', { id: 'open-heading' }, 'Öppna ett beslut'), form),
    h('section', { 'aria-labelledby': 'tasks-heading' },
      h('h2', { id: 'tasks-heading' }, 'Vad vill du göra?'),
      h('ul', { class: 'tasks' },
        can(['handlaggare', 'beslutsfattare']) ? h('li', {}, h('a', { href: '#/ny' }, 'Begära ett förslag till beslut')) : null,
        can(['handlaggare', 'beslutsfattare']) ? h('li', {}, h('a', { href: '#/uppfoljning' }, 'Se vad som ska följas upp')) : null,
        can(['handlaggare', 'beslutsfattare']) ? h('li', {}, h('a', { href: '#/anmalningar' }, 'Se anmälningar som väntar')) : null,
        h('li', {}, h('a', { href: '#/regelverk' }, 'Granska regelverken')),
        h('li', {}, h('a', { href: '#/statistik' }, 'Se statistiken')),
      ),
    ),
  );
}

/** The rule sets' titles, read once: views and problems name a rule set by its title. */
async function learnRuleSetNames(): Promise<void> {
  try {
    rememberRuleSetNames((await getJson<{ items: Array<{ id: string; title: string }> }>('/v1/rule-sets')).items);
  } catch {
    // Without the list a view still shows; a rule set is then named by its validity instead.
  }
}

let routing = 0;

/** Signed in: to the view asked for before signing in (kept across the sign-in), else the start page. */
function landAfterSignIn(): void {
  // Replacing the address (not setting the hash) fires no hashchange, so the view renders once.
  history.replaceState(null, '', `${location.pathname}${location.search}${takeReturnTarget() ?? '#/'}`);
}

async function route(config: PageConfig): Promise<void> {
  const session = currentSession();
  const ticket = ++routing;
  if (session && !knowsRuleSetNames()) {
    // Before the menu shows, so the view left behind is never mistaken for the next one; a
    // newer route meanwhile wins.
    await learnRuleSetNames();
    if (ticket !== routing) return;
  }
  chrome(session);
  if (!session) {
    rememberReturnTarget(location.hash);
    return signInView(main, config, () => (landAfterSignIn(), void route(config)));
  }
  const [, view = '', id, tool] = (location.hash || '#/').split('/').map(decodeURIComponent);
  try {
    switch (view) {
      case '':
      case 'logga-in':
        // Case workers and delegates start on their work and the search; a jurist has neither.
        return session.role === 'jurist' ? homeView(session) : await startView(main, session);
      case 'sok':
        return searchView(main, session);
      case 'arende':
        return await caseFileView(main, session, id ?? '');
      case 'att-besluta':
        return await toDecideView(main, session);
      case 'mina-arenden':
        return await myWorkView(main, session);
      case 'ny': {
        const prefill = pendingPrefill;
        pendingPrefill = undefined;
        return newDecisionView(main, session, prefill);
      }
      case 'beslut':
        return await decisionView(main, session, id ?? '', takeFlash());
      case 'uppfoljning':
        return await followUpsView(main, session);
      case 'anmalningar':
        return await referralsView(main, session, (prefill) => ((pendingPrefill = prefill), (location.hash = '#/ny')));
      case 'regelverk':
        if (id && tool) return await ruleSetReviewView(main, session, id, tool);
        return id ? await ruleSetView(main, session, id) : await ruleSetsView(main, session);
      case 'statistik':
        return await statisticsView(main, session);
      default:
        render(main, h('h1', {}, 'Sidan finns inte'), h('p', {}, h('a', { href: '#/' }, 'Till startsidan')));
    }
  } catch (error) {
    const text = error instanceof ApiError ? `${error.problem.title}. ${error.problem.detail ?? ''}` : (error as Error).message;
    render(main, h('h1', {}, 'Det gick inte att visa sidan'), notice('error', text), h('p', {}, h('a', { href: '#/' }, 'Till startsidan')));
  }
}

async function start(): Promise<void> {
  const config = await loadConfig();
  try {
    if (await completeCognitoSignIn()) landAfterSignIn();
  } catch (error) {
    render(main, h('h1', {}, 'Inloggningen misslyckades'), notice('error', (error as Error).message));
    return;
  }
  // The skip link jumps to the content without touching the hash the views are addressed by.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === '' || location.hash.startsWith('#/')) void route(config);
  });
  await route(config);
}

void start();
