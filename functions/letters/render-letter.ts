/**
 * The use case "write the letter for a signed decision": validate the decision, check that every
 * character can be printed, lay out and render the PDF, and return its bytes and sha256 (the
 * sha256 is what gets stored beside the decision). Bad input is a ValidationError value naming
 * the fields, never a thrown exception.
 */
import { canonicalJson, sha256Hex } from '../domain/canonical-json';
import { type FinalOutcome, type SignedDecision, parseSignedDecision } from '../domain/signed-decision-schema';
import { codePointName } from '../domain/text';
import { ValidationError } from '../domain/errors';
import type { ValidationIssue } from '../domain/validation';
import { letterFonts } from './fonts';
import { buildLetterDocument } from './layout';
import { defaultLetterTemplates } from './load-templates';
import { renderPdf } from './pdf';
import type { LetterTemplates } from './templates';

export interface RenderedLetter {
  kind: FinalOutcome;
  pdf: Buffer;
  /** sha256 of the PDF bytes. */
  sha256: string;
  /** sha256 of the embedded decision record (canonical JSON of the signed decision). */
  recordSha256: string;
  templateVersion: number;
}

export type RenderLetterResult = { ok: true; letter: RenderedLetter } | { ok: false; error: ValidationError };

/**
 * Characters the letter's font has no glyph for. pdfkit would silently leave them out, and the
 * letter would then say something other than the record.
 */
export function unprintableCharacters(decision: SignedDecision, covers: (codePoint: number) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (typeof value === 'string') {
      for (const ch of value) {
        const cp = ch.codePointAt(0) as number;
        if (ch === '\n' || covers(cp)) continue;
        issues.push({
          path: path.join('.'),
          message: `Tecknet ”${ch}” (${codePointName(ch)}) kan inte skrivas ut i brevet. Skriv texten utan det, med latinska bokstäver.`,
        });
        return;
      }
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, String(i)]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(decision, []);
  return issues;
}

/** Renders a validated decision. Deterministic: the same decision and templates give the same bytes. */
export async function renderValidLetter(decision: SignedDecision, templates: LetterTemplates = defaultLetterTemplates()): Promise<RenderedLetter> {
  const recordJson = canonicalJson(decision);
  const recordSha256 = sha256Hex(recordJson);
  const pdf = await renderPdf(buildLetterDocument({ decision, templates, recordJson, recordSha256 }));
  return { kind: decision.finalOutcome, pdf, sha256: sha256Hex(pdf), recordSha256, templateVersion: templates.version };
}

/**
 * The letter port (functions/domain/context.ts): a parsed, signable decision in, the PDF out, or
 * the fields whose characters the letter's font cannot print.
 */
export async function renderSignedDecision(decision: SignedDecision, templates?: LetterTemplates): Promise<RenderLetterResult> {
  const unprintable = unprintableCharacters(decision, letterFonts().covers);
  if (unprintable.length > 0) {
    return { ok: false, error: new ValidationError(unprintable, 'Beslutet innehåller tecken som inte kan skrivas ut i brevet. Rätta fälten nedan och försök igen.') };
  }
  return { ok: true, letter: await renderValidLetter(decision, templates) };
}

/** A letter from a decision file (the CLI, tests): parsed against the schema and the signing rules first. */
export async function renderLetter(input: unknown, templates?: LetterTemplates): Promise<RenderLetterResult> {
  const parsed = parseSignedDecision(input);
  if (!parsed.ok) return parsed;
  return renderSignedDecision(parsed.decision, templates);
}
