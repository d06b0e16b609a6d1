/// <reference lib="dom" />
/**
 * A correction passes from a proposal to the new-decision form: the person and the facts as
 * recorded, and the case they belong to. The form opens filled in, asks why the facts are
 * corrected, and sends the case id and the reason with the new proposal (the old one is withdrawn
 * with the reason, in the same case).
 */
export interface Correction {
  caseId: string;
  decisionId: string;
  caseNumber: string;
  applicant: { name: string; personnummer: string; address?: { lines: string[]; postalCode: string; city: string } } | null;
  facts: Record<string, unknown>;
  /** The case's contact person, as the letter will name them again. */
  contact: { name: string; phone: string; email: string } | null;
  decisionDate: string;
}

let queued: Correction | undefined;

export function queueCorrection(correction: Correction): void {
  queued = correction;
}

export function takeCorrection(): Correction | undefined {
  const correction = queued;
  queued = undefined;
  return correction;
}

/** The form's fields, by name, filled from the recorded facts (a yes/no as "true"/"false", areas checked). */
export function fillFacts(form: HTMLElement, facts: Record<string, unknown>, prefix = 'facts'): void {
  for (const [key, value] of Object.entries(facts)) {
    const name = `${prefix}.${key}`;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      fillFacts(form, value as Record<string, unknown>, name);
      continue;
    }
    if (Array.isArray(value)) {
      for (const box of form.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${name}"]`)) box.checked = value.includes(box.value);
      continue;
    }
    const field = form.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${name}"]`);
    if (field && value !== undefined && value !== null) field.value = String(value);
  }
}
