/**
 * `npm run -s evaluate -- FILE|- [--explain]`: prints the proposal for a case as JSON (or, with
 * --explain, as Swedish prose) and exits 0; bad input prints problem+json and exits 2.
 */
import { explainProposal } from '../../functions/domain/explain';
import { propose } from '../../functions/domain/propose';
import { loadCatalog } from '../../functions/rule-sets/load-files';
import { EXIT_BAD_INPUT, printProblem, readJsonInput } from './io';
import { domainProblem } from '../../functions/http/problems';

const args = process.argv.slice(2);
const explain = args.includes('--explain');
const files = args.filter((a) => a !== '--explain');
if (files.length !== 1) {
  process.stderr.write('Användning: npm run -s evaluate -- FIL|- [--explain]\n');
  process.exit(EXIT_BAD_INPUT);
}
const input = readJsonInput(files[0] as string);
if (!input.ok) printProblem(input.problem);
const result = await propose(loadCatalog(), input.value);
if (!result.ok) printProblem(domainProblem(result.error));
process.stdout.write(explain ? explainProposal(result.proposal) : JSON.stringify(result.proposal, null, 2) + '\n');
