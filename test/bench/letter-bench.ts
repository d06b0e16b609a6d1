/**
 * The cost of a decision letter (validation of the signed decision, the character check, the
 * layout from templates, pdfmake, hashing) beside bare pdfmake rendering the same document
 * definition in the same process, so the ratio shows what our own code adds.
 */
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { canonicalJson, sha256Hex } from '../../functions/domain/canonical-json';
import { parseSignedDecision } from '../../functions/domain/signed-decision-schema';
import { buildLetterDocument } from '../../functions/letters/layout';
import { defaultLetterTemplates } from '../../functions/letters/load-templates';
import { denyAll, installLetterFonts } from '../../functions/letters/pdf';
import { renderLetter } from '../../functions/letters/render-letter';
import { sampleDecisionInput } from '../../functions/letters/samples';
import { round, time } from './stats';

/**
 * The letter's document definition for a decision input, `count` times: pdfmake rewrites the
 * definition it renders, so each bare run gets its own, built beforehand.
 */
export function letterDefinitions(input: unknown, count: number): TDocumentDefinitions[] {
  const parsed = parseSignedDecision(input);
  if (!parsed.ok) throw new Error('the sample is not a valid decision');
  const decision = parsed.decision;
  const templates = defaultLetterTemplates();
  const recordJson = canonicalJson(decision);
  const recordSha256 = sha256Hex(recordJson);
  return Array.from({ length: count }, () => buildLetterDocument({ decision, templates, recordJson, recordSha256 }));
}

let bare: Parameters<typeof installLetterFonts>[0] | undefined;
/** Bare pdfmake with the letter's fonts, rendering a ready definition: the library's own cost. */
export function bareRender(definition: TDocumentDefinitions): Promise<Buffer> {
  if (!bare) {
    bare = pdfmake as Parameters<typeof installLetterFonts>[0];
    installLetterFonts(bare);
    bare.setUrlAccessPolicy(denyAll);
    bare.setLocalAccessPolicy(denyAll);
  }
  return bare.createPdf(definition).getBuffer();
}

export async function benchLetter(runs = 60): Promise<Record<string, number>> {
  const input = await sampleDecisionInput('grant');
  const warmup = Math.ceil(runs / 10);
  const definitions = letterDefinitions(input, runs + warmup);
  let next = 0;
  const bareTiming = await time(() => bareRender(definitions[next++] as TDocumentDefinitions), runs, warmup);
  const letterTiming = await time(async () => {
    const result = await renderLetter(input);
    if (!result.ok) throw new Error('sample letter rejected');
  }, runs, warmup);
  const size = (await renderLetter(input)) as { ok: true; letter: { pdf: Buffer } };

  return {
    'letter.barePdfmake.medianMs': round(bareTiming.medianMs, 2),
    'letter.render.medianMs': round(letterTiming.medianMs, 2),
    'letter.render.p99Ms': round(letterTiming.p99Ms, 2),
    'letter.ratio': round(letterTiming.medianMs / bareTiming.medianMs, 2),
    'letter.bytes': size.letter.pdf.length,
  };
}
