/**
 * `npm run -s letter -- DECISION.json|- OUT.pdf` renders the letter for a signed decision;
 * `npm run -s letter -- --sample grant|refuse|partial|refer|refer-refused OUT.pdf` renders a realistic sample.
 * Prints the letter's sha256 and size and exits 0; bad input prints problem+json and exits 2.
 */
import { writeFileSync } from 'node:fs';
import { renderLetter } from '../../functions/letters/render-letter';
import { SAMPLE_KINDS, type SampleKind, sampleDecisionInput } from '../../functions/letters/samples';
import { EXIT_BAD_INPUT, printProblem, readJsonInput } from './io';
import { domainProblem } from '../../functions/http/problems';

const USAGE = `Användning:
  npm run -s letter -- BESLUT.json|- UT.pdf
  npm run -s letter -- --sample ${SAMPLE_KINDS.join('|')} UT.pdf
`;

function usage(): never {
  process.stderr.write(USAGE);
  process.exit(EXIT_BAD_INPUT);
}

const args = process.argv.slice(2);
let decision: unknown;
let out: string;
if (args[0] === '--sample') {
  const kind = args[1] as SampleKind;
  if (args.length !== 3 || !SAMPLE_KINDS.includes(kind)) usage();
  decision = await sampleDecisionInput(kind);
  out = args[2] as string;
} else {
  if (args.length !== 2) usage();
  const input = readJsonInput(args[0] as string);
  if (!input.ok) printProblem(input.problem);
  decision = input.value;
  out = args[1] as string;
}

const result = await renderLetter(decision);
if (!result.ok) printProblem(domainProblem(result.error));
writeFileSync(out, result.letter.pdf);
process.stdout.write(
  JSON.stringify({ file: out, kind: result.letter.kind, bytes: result.letter.pdf.length, sha256: result.letter.sha256, recordSha256: result.letter.recordSha256, templateVersion: result.letter.templateVersion }) + '\n',
);
