/// <reference lib="dom" />
/** Follow-up: milestones due (overdue first); record one as done, or the insats as ended. */
import { ApiError, getJson, postJson } from '../api';
import type { Session } from '../auth';
import { h, notice, render } from '../dom';
import { addDays, formatDate, todayInStockholm } from '../format';
import { ENDING, MILESTONE, label } from '../labels';
import { FieldSet } from './form';

interface DueMilestone {
  caseNumber: string;
  decisionId: string;
  milestoneId: string;
  kind: string;
  due: string;
}

function actionForm(title: string, f: FieldSet, fields: HTMLElement[], send: () => Promise<unknown>, done: () => void): HTMLElement {
  const submit = h('button', { type: 'submit', class: 'primary' }, title);
  const form = h('form', { novalidate: true, class: 'inline-form' }, f.summary, fields, h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!f.check()) return;
    submit.disabled = true;
    try {
      await send();
      done();
    } catch (error) {
      if (error instanceof ApiError) f.showErrors(error.problem.title, error.problem.errors ?? [], error.problem.detail);
      else f.showErrors('Något gick fel', [], (error as Error).message);
      submit.disabled = false;
    }
  });
  return form;
}

function milestoneItem(m: DueMilestone, overdue: boolean, reload: (message: string) => void): HTMLElement {
  const panel = h('div', { class: 'item-actions' });
  const show = (content: HTMLElement) => {
    panel.replaceChildren(content);
    content.querySelector<HTMLElement>('textarea, select, input')?.focus();
  };
  const markDone = () => {
    const f = new FieldSet();
    show(actionForm('Spara som gjord', f, [f.textarea('note', 'Anteckning om uppföljningen', { rows: 3, required: 'Skriv en anteckning om uppföljningen.' })],
      () => postJson(`/v1/decisions/${m.decisionId}/follow-ups/${m.milestoneId}`, { note: f.value('note') }),
      () => reload(`${label(MILESTONE, m.kind)} i ärende ${m.caseNumber} är antecknad som gjord.`)));
  };
  const end = () => {
    const f = new FieldSet();
    show(actionForm('Spara avslut', f, [
      f.select('reason', 'Hur insatsen avslutades', [['', 'Välj'], ...Object.entries(ENDING)], { required: 'Välj hur insatsen avslutades.' }),
      f.date('endedOn', 'Avslutad den', { value: todayInStockholm(), required: 'Ange vilken dag insatsen avslutades.' }),
      f.textarea('note', 'Anteckning (frivillig)'),
    ], () => postJson(`/v1/decisions/${m.decisionId}/ending`, { reason: f.value('reason') || undefined, endedOn: f.value('endedOn'), ...(f.value('note') ? { note: f.value('note') } : {}) }),
    () => reload(`Insatsen i ärende ${m.caseNumber} är antecknad som avslutad.`)));
  };
  return h(
    'li',
    { class: overdue ? 'milestone overdue' : 'milestone' },
    h('div', { class: 'milestone-head' },
      h('span', { class: 'milestone-title' }, `${label(MILESTONE, m.kind)}, ärende ${m.caseNumber}`),
      h('span', {}, overdue ? h('strong', { class: 'overdue-label' }, `Försenad, skulle vara klar ${formatDate(m.due)}`) : `Senast ${formatDate(m.due)}`),
    ),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: markDone }, 'Markera som gjord'),
      h('button', { type: 'button', onclick: end }, 'Insatsen har avslutats'),
      h('a', { href: `#/beslut/${m.decisionId}` }, 'Visa beslutet'),
    ),
    panel,
  );
}

export async function followUpsView(main: HTMLElement, _session: Session, message?: string, dueBefore?: string): Promise<void> {
  const today = todayInStockholm();
  const until = dueBefore ?? addDays(today, 30);
  const { items } = await getJson<{ items: DueMilestone[] }>(`/v1/follow-ups?dueBefore=${encodeURIComponent(until)}`);
  const overdue = items.filter((m) => m.due < today).sort((a, b) => a.due.localeCompare(b.due));
  const upcoming = items.filter((m) => m.due >= today).sort((a, b) => a.due.localeCompare(b.due));
  const reload = (text: string) => void followUpsView(main, _session, text, until);
  const f = new FieldSet();
  const filter = h('form', { class: 'filter', novalidate: true }, f.summary, f.date('dueBefore', 'Visa punkter som ska vara klara före', { value: until, required: 'Ange ett datum.' }), h('button', { type: 'submit' }, 'Visa'));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    if (f.check()) void followUpsView(main, _session, undefined, f.value('dueBefore'));
  });
  render(
    main,
    h('h1', {}, 'Uppföljning'),
    message ? notice('success', message) : null,
    filter,
    h('section', { 'aria-labelledby': 'overdue-heading' },
      h('h2', { id: 'overdue-heading' }, `Försenade (${overdue.length})`),
      overdue.length ? h('ul', { class: 'milestones' }, overdue.map((m) => milestoneItem(m, true, reload))) : h('p', {}, 'Inga försenade punkter.'),
    ),
    h('section', { 'aria-labelledby': 'upcoming-heading' },
      h('h2', { id: 'upcoming-heading' }, `Kommande (${upcoming.length})`),
      upcoming.length ? h('ul', { class: 'milestones' }, upcoming.map((m) => milestoneItem(m, false, reload))) : h('p', {}, `Inga punkter före ${formatDate(until)}.`),
    ),
  );
}
