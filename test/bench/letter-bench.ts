/**
 * The cost of a decision letter (validation of the signed decision, the character check, the
 * layout from templates, pdfmake, hashing) beside bare pdfmake rendering the same document
 * definition in the same process, so the ratio shows what our own code adds.
 */
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { canonicalJson, sha256Hex } from '../../functions/domain/canonical-json';
import { parseSignedDecision } from '../../functions/domain/signed-decision';
import { buildLetterDocument } from '../../functions/letters/layout';
import { defaultLetterTemplates } from '../../functions/letters/load-templates';
import { denyAll, installLetterFonts } from '../../functions/letters/pdf';
import { renderLetter } from '../../functions/letters/render-letter';
import { sampleDecisionInput } from '../../functions/letters/samples';
import { round, time } from './stats';

export async function benchLetter(runs = 60): Promise<Record<string, number>> {
  const input = await sampleDecisionInput('grant');
  const parsed = parseSignedDecision(input);
  if (!parsed.ok) throw new Error('the grant sample is not a valid decision');
  const decision = parsed.decision;
  const templates = defaultLetterTemplates();
  const recordJson = canonicalJson(decision);
  const recordSha256 = sha256Hex(recordJson);

  // pdfmake rewrites the definition it renders, so each bare run gets its own, built beforehand.
  const warmup = Math.ceil(runs / 10);
  const definitions: TDocumentDefinitions[] = Array.from({ length: runs + warmup }, () => buildLetterDocument({ decision, templates, recordJson, recordSha256 }));
  const bare = pdfmake as Parameters<typeof installLetterFonts>[0];
  installLetterFonts(bare);
  bare.setUrlAccessPolicy(denyAll);
  bare.setLocalAccessPolicy(denyAll);

  let next = 0;
  const bareTiming = await time(() => bare.createPdf(definitions[next++] as TDocumentDefinitions).getBuffer(), runs, warmup);
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
