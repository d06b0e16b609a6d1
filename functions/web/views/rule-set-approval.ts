/// <reference lib="dom" />
/**
 * A jurist approves a draft rule set (POST /v1/rule-sets/{id}/approvals): each parameter and
 * each provision is confirmed one by one (nothing is checked for them), then a confirmation step
 * names the exact content (sha256) before anything is sent. What is left unchecked is recorded as
 * not confirmed. The API's Swedish problems are shown beside the form, e.g. a 409 when the rule
 * set changed after the page was read.
 */
import { ApiError, postJson } from '../api';
import { h, uniqueId } from '../dom';
import { FieldSet } from './form';
import { type RuleSet, nameRuleSets, parameterValue } from './rule-set-resource';

export function approvalSection(r: RuleSet, onApproved: () => Promise<void>, onReload: () => Promise<void>): HTMLElement {
  const f = new FieldSet();
  const parameterChoices = r.review.parameters.map((item): [string, string] => {
    const p = r.parameters[item.key];
    return [item.key, `${item.label}${p ? ` Värde: ${parameterValue(p)}.` : ''}${item.confirmedInFile ? ' (Bekräftad i filen.)' : ''}`];
  });
  const referenceChoices = r.review.references.map((item): [string, string] => [item.key, `${item.label}${item.confirmedInFile ? ' (bekräftad i filen)' : ''}`]);
  const parameters = f.checkboxes('confirmedParameters', `Parametrar du har kontrollerat mot källan (${parameterChoices.length})`, parameterChoices, {
    list: true,
    hint: 'Kryssa i varje parameter för sig, när du har kontrollerat värdet. Det du inte kryssar i visas som inte bekräftat.',
  });
  const references = f.checkboxes('confirmedReferences', `Lagrum du har kontrollerat (${referenceChoices.length})`, referenceChoices, {
    list: true,
    hint: 'Kryssa i varje lagrum för sig, när du har kontrollerat hänvisningen och vad den gäller.',
  });
  const note = f.textarea('note', 'Anteckning om granskningen (frivillig)', { rows: 3, hint: 'Till exempel vad du har jämfört med. Anteckningen sparas med godkännandet och visas på regelverkets sida.' });

  const statement = `Jag har läst regelverket ${r.title}, version ${r.version}, med kontrollsumman ${r.sha256}, och godkänner just detta innehåll.`;
  const confirmation = f.checkboxes('confirmed', 'Din bekräftelse', [['yes', statement]], { list: true, required: 'Kryssa i att du har läst regelverket och godkänner just detta innehåll.' });
  const count = h('p', {});
  const confirmHeading = h('h3', { id: uniqueId('confirm'), tabindex: '-1' }, 'Bekräfta godkännandet');
  const approve = h('button', { type: 'submit', class: 'primary' }, 'Godkänn regelverket');
  const back = h('button', { type: 'button' }, 'Ändra det du har bekräftat');
  const confirmStep = h('div', { class: 'confirm-step', hidden: true, role: 'group', 'aria-labelledby': confirmHeading.id },
    confirmHeading, count, confirmation, h('div', { class: 'actions' }, approve, back),
  );
  const proceed = h('button', { type: 'submit', class: 'primary' }, 'Fortsätt till bekräftelsen');
  const proceedActions = h('div', { class: 'actions' }, proceed);
  const editable = [parameters, references, note];

  const toStep = (confirming: boolean) => {
    for (const element of editable) element.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea').forEach((control) => (control.disabled = confirming));
    proceedActions.hidden = confirming;
    confirmStep.hidden = !confirming;
    // Back in the form, what was confirmed may change: the statement is given again.
    if (!confirming) confirmation.querySelectorAll<HTMLInputElement>('input').forEach((box) => (box.checked = false));
  };
  back.addEventListener('click', () => {
    toStep(false);
    parameters.querySelector('input')?.focus();
  });

  const form = h('form', { novalidate: true, 'aria-labelledby': 'approve-heading' },
    f.summary, parameters, references, note, proceedActions, confirmStep,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (confirmStep.hidden) {
      f.clearErrors();
      const p = f.checked('confirmedParameters').length;
      const c = f.checked('confirmedReferences').length;
      count.textContent = `Du bekräftar ${p} av ${parameterChoices.length} parametrar och ${c} av ${referenceChoices.length} lagrum. ` +
        (p < parameterChoices.length || c < referenceChoices.length ? 'Det du inte har kryssat i visas som inte bekräftat vid godkännandet.' : 'Du har bekräftat allt.');
      toStep(true);
      confirmHeading.focus();
      return;
    }
    if (!f.check()) return;
    approve.disabled = true;
    try {
      await postJson(`/v1/rule-sets/${encodeURIComponent(r.id)}/approvals`, {
        sha256: r.sha256,
        confirmedParameters: f.checked('confirmedParameters'),
        confirmedReferences: f.checked('confirmedReferences'),
        ...(f.value('note') ? { note: f.value('note') } : {}),
      });
      await onApproved();
    } catch (error) {
      toStep(false);
      if (error instanceof ApiError && error.problem.status === 409) {
        // Not fixed in the form: the content, or its approval, is no longer what the page shows.
        // The API's title speaks of a case; the detail says what happened to the rule set.
        f.showErrors('Godkännandet togs inte emot', [], error.problem.detail && nameRuleSets(error.problem.detail, [r]));
        f.summary.append(h('button', { type: 'button', onclick: () => void onReload() }, 'Läs in regelverket igen'));
      } else if (error instanceof ApiError) {
        f.showErrors(error.problem.title, error.problem.errors ?? [], error.problem.detail);
      } else {
        f.showErrors('Något gick fel', [], (error as Error).message);
      }
    } finally {
      approve.disabled = false;
    }
  });

  return h('section', { 'aria-labelledby': 'approve-heading', class: 'panel approval' },
    h('h2', { id: 'approve-heading' }, 'Godkänn regelverket'),
    h('p', {}, 'Bara ett godkänt regelverk används för beslut. Du godkänner exakt det innehåll som visas på den här sidan; ändras regelverket får det en annan kontrollsumma och måste godkännas igen. Ett godkännande ändras aldrig.'),
    h('dl', { class: 'summary' },
      h('dt', {}, 'Regelverk'), h('dd', {}, `${r.title}, version ${r.version}`),
      h('dt', {}, 'Kontrollsumma (sha256)'), h('dd', { class: 'hash' }, r.sha256),
    ),
    form,
  );
}
