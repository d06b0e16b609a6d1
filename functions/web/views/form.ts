/// <reference lib="dom" />
/**
 * Form fields that show the API's validation messages beside them. Each field knows the JSON path
 * it fills (`facts.requestedPeriod.to`); a problem's `errors[].path` goes to the field with the
 * longest matching path, and anything that matches no field goes to the summary at the top.
 */
import type { FieldError } from '../api';
import { h, uniqueId } from '../dom';
import { DATE_FORMAT, DATE_PATTERN, MONTH_FORMAT, MONTH_PATTERN, dateProblem, monthProblem } from '../format';

type Kind = 'text' | 'date' | 'month' | 'select' | 'checkboxes';

export interface Field {
  path: string;
  label: string;
  kind: Kind;
  /** The message when it is left empty; undefined when the field may be left empty. */
  required?: string;
  wrapper: HTMLElement;
  control: HTMLElement;
  error: HTMLElement;
}

/** `true` for the standard message, or the message itself (`Ange sökandens namn.`). */
type Required = boolean | string;

/** Shown in the label of every field that must be filled in, before anything is sent. */
export const REQUIRED_TEXT = '(obligatoriskt)';

export const requiredMark = () => h('span', { class: 'required' }, ` ${REQUIRED_TEXT}`);

export class FieldSet {
  private readonly fields: Field[] = [];
  readonly summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true });

  private add(path: string, labelText: string, control: HTMLElement, options: { hint?: string | undefined; required?: Required | undefined; kind: Kind }): HTMLElement {
    const id = uniqueId('f');
    control.id = id;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const hintElement = options.hint ? h('p', { class: 'hint', id: `${id}-hint` }, options.hint) : null;
    control.setAttribute('aria-describedby', [hintElement ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '));
    const required = requiredMessage(options.required, options.kind, labelText);
    if (required) {
      control.setAttribute('required', '');
      control.setAttribute('aria-required', 'true');
    }
    const wrapper = h('div', { class: 'field', 'data-path': path }, h('label', { for: id }, labelText, required ? requiredMark() : null), hintElement, error, control);
    this.fields.push({ path, label: labelText, kind: options.kind, ...(required ? { required } : {}), wrapper, control, error });
    return wrapper;
  }

  text(path: string, labelText: string, options: { value?: string; hint?: string; type?: 'text' | 'tel' | 'email'; autocomplete?: string; required?: Required } = {}): HTMLElement {
    const input = h('input', { type: options.type ?? 'text', name: path, value: options.value ?? '', autocomplete: options.autocomplete ?? 'off' });
    return this.add(path, labelText, input, { hint: options.hint, required: options.required, kind: 'text' });
  }

  /**
   * A date as ÅÅÅÅ-MM-DD in a text field. Not `<input type="date">`: that shows the date in the
   * browser's locale (08/20/2024 in an English browser) and its own English or Swedish messages.
   */
  date(path: string, labelText: string, options: { value?: string; hint?: string; required?: Required } = {}): HTMLElement {
    const input = h('input', { type: 'text', name: path, value: options.value ?? '', autocomplete: 'off', inputmode: 'numeric', pattern: DATE_PATTERN, placeholder: DATE_FORMAT, maxlength: 10, class: 'input-date' });
    return this.add(path, labelText, input, { hint: [`Skriv som ${DATE_FORMAT}.`, options.hint].filter(Boolean).join(' '), required: options.required, kind: 'date' });
  }

  /** A month as ÅÅÅÅ-MM, for the same reason as `date`. */
  month(path: string, labelText: string, options: { value?: string; hint?: string; required?: Required } = {}): HTMLElement {
    const input = h('input', { type: 'text', name: path, value: options.value ?? '', autocomplete: 'off', inputmode: 'numeric', pattern: MONTH_PATTERN, placeholder: MONTH_FORMAT, maxlength: 7, class: 'input-month' });
    return this.add(path, labelText, input, { hint: [`Skriv som ${MONTH_FORMAT}.`, options.hint].filter(Boolean).join(' '), required: options.required, kind: 'month' });
  }

  textarea(path: string, labelText: string, options: { value?: string; hint?: string; rows?: number; required?: Required } = {}): HTMLElement {
    const area = h('textarea', { name: path, rows: options.rows ?? 3 });
    area.value = options.value ?? '';
    return this.add(path, labelText, area, { hint: options.hint, required: options.required, kind: 'text' });
  }

  select(path: string, labelText: string, choices: Array<[string, string]>, options: { value?: string; hint?: string; required?: Required } = {}): HTMLElement {
    const select = h('select', { name: path }, choices.map(([value, text]) => h('option', { value, selected: value === (options.value ?? '') }, text)));
    return this.add(path, labelText, select, { hint: options.hint, required: options.required, kind: 'select' });
  }

  /** Ja / nej / inte antecknat: an unrecorded fact is absent, never guessed. */
  yesNo(path: string, labelText: string, hint?: string): HTMLElement {
    return this.select(path, labelText, [['', 'Inte antecknat'], ['true', 'Ja'], ['false', 'Nej']], hint ? { hint } : {});
  }

  /** A group of checkboxes; `list` puts one long label a line (a reviewer's checklist). Required: at least one checked. */
  checkboxes(path: string, legend: string, choices: Array<[string, string]>, options: { hint?: string; list?: boolean; required?: Required } = {}): HTMLElement {
    const error = h('p', { class: 'field-error', id: uniqueId('e'), hidden: true });
    const hint = options.hint ? h('p', { class: 'hint', id: uniqueId('h') }, options.hint) : null;
    const required = requiredMessage(options.required, 'checkboxes', legend);
    const group = h(
      'fieldset',
      { class: `field checkboxes${options.list ? ' checklist' : ''}`, 'data-path': path, 'aria-describedby': [hint?.id, error.id].filter(Boolean).join(' ') },
      h('legend', {}, legend, required ? requiredMark() : null),
      hint,
      error,
      choices.map(([value, text]) => {
        const id = uniqueId('c');
        // One box alone is the answer itself (a confirmation), so it carries `required`.
        return h('div', { class: 'checkbox' }, h('input', { type: 'checkbox', id, name: path, value, required: Boolean(required) && choices.length === 1, 'aria-required': required && choices.length === 1 ? 'true' : null }), h('label', { for: id }, text));
      }),
    );
    this.fields.push({ path, label: legend, kind: 'checkboxes', ...(required ? { required } : {}), wrapper: group, control: group.querySelector('input') as HTMLElement, error });
    return group;
  }

  /**
   * What is missing or malformed, checked in the page before anything is sent: required fields
   * left empty, dates and months not written as ÅÅÅÅ-MM-DD / ÅÅÅÅ-MM. A field inside something
   * hidden is not asked for.
   */
  problems(): FieldError[] {
    const problems: FieldError[] = [];
    for (const field of this.fields) {
      if (field.wrapper.closest('[hidden]')) continue;
      const value = field.kind === 'checkboxes' ? this.checked(field.path).join(',') : this.value(field.path);
      if (value === '') {
        if (field.required) problems.push({ path: field.path, message: field.required });
        continue;
      }
      const malformed = field.kind === 'date' ? dateProblem(value) : field.kind === 'month' ? monthProblem(value) : undefined;
      if (malformed) problems.push({ path: field.path, message: `${field.label}: ${lowerFirst(malformed)}` });
    }
    return problems;
  }

  /** Shows what `problems()` found (and `more`) beside the fields; true when there is nothing to fix. */
  check(more: FieldError[] = []): boolean {
    const problems = [...this.problems(), ...more];
    if (problems.length === 0) {
      this.clearErrors();
      return true;
    }
    this.showErrors(problems.length === 1 ? 'Rätta en sak innan du skickar' : `Rätta ${problems.length} saker innan du skickar`, problems);
    return false;
  }

  value(path: string): string {
    const field = this.fields.find((f) => f.path === path);
    if (!field) return '';
    return (field.control as HTMLInputElement).value.trim();
  }

  checked(path: string): string[] {
    const field = this.fields.find((f) => f.path === path);
    return field ? [...field.wrapper.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value) : [];
  }

  clearErrors(): void {
    this.summary.hidden = true;
    this.summary.replaceChildren();
    for (const field of this.fields) {
      field.error.hidden = true;
      field.error.textContent = '';
      field.control.removeAttribute('aria-invalid');
      field.wrapper.classList.remove('has-error');
    }
  }

  /** Puts each message beside its field, lists them all in the summary and moves focus there. */
  showErrors(title: string, errors: FieldError[], detail?: string): void {
    this.clearErrors();
    const items: HTMLElement[] = [];
    const seen = new Set<string>();
    for (const error of errors) {
      const field = this.fields
        .filter((f) => error.path === f.path || error.path.startsWith(`${f.path}.`))
        .sort((a, b) => b.path.length - a.path.length)[0];
      const key = `${field?.path ?? error.path}|${error.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (field) {
        field.error.hidden = false;
        field.error.append(h('span', {}, error.message), ' ');
        field.control.setAttribute('aria-invalid', 'true');
        field.wrapper.classList.add('has-error');
        items.push(h('li', {}, h('a', { href: `#${field.control.id}`, onclick: (event: Event) => (event.preventDefault(), field.control.focus()) }, error.message)));
      } else {
        items.push(h('li', {}, error.message));
      }
    }
    this.summary.append(h('h2', {}, title), ...(detail ? [h('p', {}, detail)] : []), h('ul', {}, items));
    this.summary.setAttribute('role', 'alert');
    this.summary.hidden = false;
    this.summary.focus();
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function requiredMessage(required: Required | undefined, kind: Kind, labelText: string): string | undefined {
  if (!required) return undefined;
  if (typeof required === 'string') return required;
  return kind === 'select' || kind === 'checkboxes' ? `Välj ${lowerFirst(labelText)}.` : `Fyll i ${lowerFirst(labelText)}.`;
}
