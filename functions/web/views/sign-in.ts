/// <reference lib="dom" />
/** Sign-in: locally a development user; in AWS the Cognito hosted sign-in. */
import { type PageConfig, signInLocally, startCognitoSignIn, takeSignOutMessage } from '../auth';
import { h, notice, render } from '../dom';
import { ROLE } from '../labels';

export function signInView(main: HTMLElement, config: PageConfig, onSignedIn: () => void): void {
  const message = takeSignOutMessage();
  if (config.auth === 'cognito') {
    render(main,
      h('h1', {}, 'Logga in'),
      message ? notice('info', message) : null,
      h('p', {}, 'Du loggar in med ditt konto i Stockholms stad. Du kommer tillbaka hit när du har loggat in.'),
      h('button', { type: 'button', class: 'primary', onclick: () => void startCognitoSignIn() }, 'Logga in'),
    );
    return;
  }
  const status = h('div', { 'aria-live': 'polite' });
  const select = h('select', { id: 'dev-user', name: 'user' }, config.users.map((u, i) => h('option', { value: String(i) }, `${u.name} – ${ROLE[u.role] ?? u.role}${u.delegation ? `, delegation ${u.delegation}` : ''}`)));
  const form = h('form', {},
    h('div', { class: 'field' }, h('label', { for: 'dev-user' }, 'Utvecklingsanvändare och roll'), select),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Logga in')),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await signInLocally(config.users[Number(select.value)]!);
      onSignedIn();
    } catch (error) {
      status.replaceChildren(notice('error', (error as Error).message));
    }
  });
  render(main,
    h('h1', {}, 'Logga in (lokal utveckling)'),
    message ? notice('info', message) : null,
    h('p', {}, 'Den här sidan körs lokalt. Välj vem du vill vara; den lokala servern ger dig en utvecklingstoken. I AWS loggar du in med ditt riktiga konto.'),
    form,
  );
}
