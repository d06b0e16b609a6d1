/// <reference lib="dom" />
/**
 * The staff page: one small script, no framework. The views are a handful of forms and lists over
 * the public API; a hash router and a `h()` helper cover them, so a framework would only add a
 * dependency and a build step to review.
 */
import { ApiError } from './api';
import { type PageConfig, type Session, completeCognitoSignIn, currentSession, loadConfig, signOut } from './auth';
import { h, notice, render } from './dom';
import { ROLE } from './labels';
import { decisionView } from './views/decision';
import { followUpsView } from './views/follow-ups';
import { type NewDecisionPrefill, newDecisionView } from './views/new-decision';
import { referralsView } from './views/referrals';
import { ruleSetView, ruleSetsView } from './views/rule-sets';
import { ruleSetReviewView } from './views/rule-set-review';
import { signInView } from './views/sign-in';
import { statisticsView } from './views/statistics';

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
  const input = h('input', { id: 'open-id', type: 'text', name: 'id', autocomplete: 'off', 'aria-describedby': 'open-id-hint' });
  const form = h('form', { class: 'filter' },
    h('div', { class: 'field' }, h('label', { for: 'open-id' }, 'Beslutets id'), h('p', { class: 'hint', id: 'open-id-hint' }, 'Id:t står i adressen när beslutet visas, t.ex. 15ce168f-8d06-48ad-9640-c21b74a644ec.'), input),
    h('button', { type: 'submit' }, 'Öppna'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) location.hash = `#/beslut/${encodeURIComponent(input.value.trim())}`;
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

async function route(config: PageConfig): Promise<void> {
  const session = currentSession();
  chrome(session);
  if (!session) return signInView(main, config, () => ((location.hash = '#/'), void route(config)));
  const [, view = '', id, tool] = (location.hash || '#/').split('/').map(decodeURIComponent);
  try {
    switch (view) {
      case '':
      case 'logga-in':
        return homeView(session);
      case 'ny': {
        const prefill = pendingPrefill;
        pendingPrefill = undefined;
        return newDecisionView(main, session, prefill);
      }
      case 'beslut':
        return await decisionView(main, session, id ?? '');
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
    await completeCognitoSignIn();
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
