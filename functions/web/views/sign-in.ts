/// <reference lib="dom" />
/** Sign-in: locally a development user; in AWS the Cognito hosted sign-in. */
import { type PageConfig, delegationTitle, signInLocally, startCognitoSignIn, takeSignOutMessage } from '../auth';
import { h, notice, render } from '../dom';
import { todayInStockholm } from '../format';
import { ROLE, delegationText } from '../labels';
import { FieldSet } from './form';

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
  const f = new FieldSet();
  const today = todayInStockholm();
  const users = config.users.map((u, i): [string, string] => [String(i), `${u.name} – ${ROLE[u.role]}${u.delegation ? `, ${delegationText(u.delegation, delegationTitle(u.delegation, today))}` : ''}`]);
  const form = h('form', { novalidate: true },
    f.summary,
    f.select('user', 'Utvecklingsanvändare och roll', users, { value: '0', required: 'Välj vem du vill logga in som.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Logga in')),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!f.check()) return;
    try {
      await signInLocally(config.users[Number(f.value('user'))]!);
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
