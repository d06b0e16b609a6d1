/// <reference lib="dom" />
/**
 * Form fields that show the API's validation messages beside them. Each field knows the JSON path
 * it fills (`facts.requestedPeriod.to`); a problem's `errors[].path` goes to the field with the
 * longest matching path, and anything that matches no field goes to the summary at the top.
 */
import type { FieldError } from '../api';
import { h, uniqueId } from '../dom';

export interface Field {
  path: string;
  wrapper: HTMLElement;
  control: HTMLElement;
  error: HTMLElement;
}

export class FieldSet {
  private readonly fields: Field[] = [];
  readonly summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true });

  private add(path: string, labelText: string, control: HTMLElement, hint?: string): HTMLElement {
    const id = uniqueId('f');
    control.id = id;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const hintElement = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
    control.setAttribute('aria-describedby', [hintElement ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '));
    const wrapper = h('div', { class: 'field', 'data-path': path }, h('label', { for: id }, labelText), hintElement, error, control);
    this.fields.push({ path, wrapper, control, error });
    return wrapper;
  }

  text(path: string, labelText: string, options: { value?: string; hint?: string; type?: string; autocomplete?: string; required?: boolean } = {}): HTMLElement {
    const input = h('input', { type: options.type ?? 'text', name: path, value: options.value ?? '', autocomplete: options.autocomplete ?? 'off', 'aria-required': options.required ? 'true' : null });
    return this.add(path, labelText, input, options.hint);
  }

  textarea(path: string, labelText: string, options: { value?: string; hint?: string; rows?: number } = {}): HTMLElement {
    const area = h('textarea', { name: path, rows: options.rows ?? 3 });
    area.value = options.value ?? '';
    return this.add(path, labelText, area, options.hint);
  }

  select(path: string, labelText: string, choices: Array<[string, string]>, options: { value?: string; hint?: string } = {}): HTMLElement {
    const select = h('select', { name: path }, choices.map(([value, text]) => h('option', { value, selected: value === (options.value ?? '') }, text)));
    return this.add(path, labelText, select, options.hint);
  }

  /** Ja / nej / inte antecknat: an unrecorded fact is absent, never guessed. */
  yesNo(path: string, labelText: string, hint?: string): HTMLElement {
    return this.select(path, labelText, [['', 'Inte antecknat'], ['true', 'Ja'], ['false', 'Nej']], hint ? { hint } : {});
  }

  /** A group of checkboxes; `list` puts one long label a line (a reviewer's checklist). */
  checkboxes(path: string, legend: string, choices: Array<[string, string]>, options: { hint?: string; list?: boolean } = {}): HTMLElement {
    const error = h('p', { class: 'field-error', id: uniqueId('e'), hidden: true });
    const hint = options.hint ? h('p', { class: 'hint', id: uniqueId('h') }, options.hint) : null;
    const group = h(
      'fieldset',
      { class: `field checkboxes${options.list ? ' checklist' : ''}`, 'data-path': path, 'aria-describedby': [hint?.id, error.id].filter(Boolean).join(' ') },
      h('legend', {}, legend),
      hint,
      error,
      choices.map(([value, text]) => {
        const id = uniqueId('c');
        return h('div', { class: 'checkbox' }, h('input', { type: 'checkbox', id, name: path, value }), h('label', { for: id }, text));
      }),
    );
    this.fields.push({ path, wrapper: group, control: group.querySelector('input') as HTMLElement, error });
    return group;
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
