import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PERSON_NAME_MAX } from '../../../functions/domain/text';
import { defaultLetterTemplates } from '../../../functions/letters/load-templates';
import { renderLetter } from '../../../functions/letters/render-letter';
import { wordingFor } from '../../../functions/letters/templates';
import { reproposed, sampleInput } from '../../fixtures/letters/decisions';
import { type ReadLetter, readLetter } from './pdf-reader';
import { expectContains, messages, paths, rejection, render, squash } from './support';
import { evidenceCounter } from '../../evidence/record';
import { domainProblem } from '../../../functions/http/problems';

const MARGIN = 56;
const templates = defaultLetterTemplates();

/** Every heading of a refusal letter, in the order the layout prints them. */
function headingSequence(read: ReadLetter): string[] {
  const { headings } = wordingFor(templates, 'REFUSE');
  const wanted = [headings.decision, headings.reasons, headings.deviation, 'Prövning enligt', headings.legalBasis, headings.decisionMaker, headings.contact, headings.appeal];
  const text = squash(read.text);
  const found: string[] = [];
  let from = 0;
  for (const heading of wanted) {
    const at = text.indexOf(squash(heading), from);
    if (at >= 0) {
      found.push(heading);
      from = at + squash(heading).length;
    }
  }
  return found;
}

/** A proposed grant refused by the delegate: a letter with a free-text reason to put things in. */
async function refusalWithReason(reason: string): Promise<Record<string, any>> {
  return { ...(await sampleInput('grant')), finalOutcome: 'REFUSE', deviationReason: reason };
}

let baseline: ReadLetter;
beforeAll(async () => {
  baseline = await readLetter((await render(await refusalWithReason('Personen har fått ett arbete.'))).pdf);
});

const hostileEvidence = evidenceCounter('letters: hostile names, addresses, free text');
afterAll(() => hostileEvidence.record());

describe('hostile content in a decision', () => {
  beforeEach(() => hostileEvidence.case());
  // A test that threw has its errors recorded before its afterEach hooks run.
  afterEach(({ task }) => {
    if (!task.result?.errors?.length) hostileEvidence.passed();
  });

  it(`rejects a name longer than ${PERSON_NAME_MAX} characters with a clear message`, async () => {
    const input = await sampleInput('grant');
    const problem = await rejection({ ...input, applicant: { ...input.applicant, name: 'Åsa '.repeat(75) } });
    expect(paths(problem)).toEqual(['applicant.name']);
    expect(messages(problem)).toContain(`högst ${PERSON_NAME_MAX} tecken`);
  });

  it('wraps a name of the longest allowed length without a space inside the page margins', async () => {
    const input = await sampleInput('grant');
    const name = 'Å' + 'ä'.repeat(PERSON_NAME_MAX - 2) + 'ö';
    const read = await readLetter((await render({ ...input, applicant: { ...input.applicant, name } })).pdf);
    expect(squash(read.text)).toContain(name);
    for (const page of read.items) {
      for (const item of page.filter((i) => i.text.trim() !== '')) {
        expect(item.x).toBeGreaterThanOrEqual(MARGIN - 0.5);
        expect(item.x + item.width).toBeLessThanOrEqual(read.pageWidth - MARGIN + 0.5);
      }
    }
  });

  it('rejects emoji: in a name as not Latin script, in free text because the font cannot draw them', async () => {
    const input = await sampleInput('grant');
    expect(paths(await rejection({ ...input, applicant: { ...input.applicant, name: 'Linnéa 😀 Åkerström' } }))).toEqual(['applicant.name']);
    const problem = await rejection(await refusalWithReason('Personen har fått ett arbete 😀'));
    expect(paths(problem)).toEqual(['deviationReason']);
    expect(messages(problem)).toContain('U+1F600');
  });

  it('rejects right-to-left text and bidi override characters instead of printing them reordered or dropped', async () => {
    const input = await sampleInput('grant');
    expect(paths(await rejection({ ...input, applicant: { ...input.applicant, name: 'שרה כהן' } }))).toEqual(['applicant.name']);
    const arabic = await rejection(await refusalWithReason('السبب: حصل على عمل'));
    expect(paths(arabic)).toEqual(['deviationReason']);
    expect(messages(arabic)).toContain('U+0627');
    const override = await rejection({ ...input, applicant: { ...input.applicant, address: { ...input.applicant.address, lines: ['Kvarnbacksvägen 28\u202Egnål 1203'] } } });
    expect(paths(override)).toEqual(['applicant.address.lines.0']);
    expect(messages(override)).toContain('U+202E');
  });

  it('rejects control characters, and line breaks outside free text', async () => {
    const input = await sampleInput('grant');
    const problem = await rejection({
      ...input,
      applicant: { ...input.applicant, name: 'Linnéa\nÅkerström', address: { ...input.applicant.address, lines: ['Kvarnbacksvägen\t28'] } },
      decisionMaker: { ...input.decisionMaker, title: 'enhetschef\u0007' },
    });
    expect(paths(problem).sort()).toEqual(['applicant.address.lines.0', 'applicant.name', 'decisionMaker.title']);
    expect(messages(problem)).toContain('radbrytning');
    expect(paths(await rejection(await refusalWithReason('Arbete\u0000fått')))).toEqual(['deviationReason']);
  });

  it('prints a line break in a free-text reason as a line break', async () => {
    const read = await readLetter((await render(await refusalWithReason('Första skälet.\nAndra skälet.'))).pdf);
    expectContains(read.text, ['Första skälet.', 'Andra skälet.']);
  });

  it('prints markup, template and PDF syntax literally and keeps every part of the letter in its place', async () => {
    const hostile = '<b>{{caseNumber}}</b> ${applicantName} {{ appealLagrum }} ) Tj ET %%EOF';
    const input = await refusalWithReason(`Skäl: ${hostile}`);
    input.applicant.address.lines = [hostile.slice(0, 60)];
    input.decisionMaker.title = '{{decisionMakerName}} & <i>chef</i>';
    const read = await readLetter((await render(input)).pdf);
    expectContains(read.text, [`Skäl: ${hostile}`, hostile.slice(0, 60), '{{decisionMakerName}} & <i>chef</i>']);
    expect(headingSequence(read)).toEqual(headingSequence(baseline));
    expect(headingSequence(baseline)).toHaveLength(8);
  });

  it('prints markup and template syntax in the case worker\'s grounds literally, and rejects invisible characters in them', async () => {
    const input = await sampleInput('refuse');
    const hostile = '<b>{{applicantName}}</b> ${caseNumber} ) Tj ET';
    const grounds = `Söker arbete. ${hostile}`;
    input.facts.assessedNeed.grounds = grounds;
    input.proposal = await reproposed(input);
    expectContains((await readLetter((await render(input)).pdf)).text, [grounds]);

    input.facts.assessedNeed.grounds = 'Söker arbete\u202E.tebra';
    input.proposal = await reproposed(input);
    const problem = await rejection(input);
    expect(paths(problem)).toEqual(['facts.assessedNeed.grounds']);
    expect(messages(problem)).toContain('U+202E');
  });

  it('never throws, whatever text is put in free-text fields: a letter or a validation problem', async () => {
    const base = await refusalWithReason('x');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), async (reason, line) => {
        const input = structuredClone(base);
        input.deviationReason = reason;
        input.applicant.address.lines = [line];
        const result = await renderLetter(input);
        if (result.ok) expect(result.letter.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        else expect(domainProblem(result.error).status).toBe(400);
      }),
      { numRuns: 40 },
    );
  });
});
