/**
 * `npm start` until the HTTP API lands: evaluates the example cases in test/fixtures/requests
 * and prints each proposal as a case worker would read it, then how to try your own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainProposal } from '../../functions/domain/explain';
import { propose } from '../../functions/domain/propose';
import { loadCatalog } from '../../functions/rule-sets/load-files';
import { domainProblem } from '../../functions/http/problems';

const examples = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../test/fixtures/requests');
const catalog = loadCatalog();

for (const name of readdirSync(examples).filter((f) => f.endsWith('.json')).sort()) {
  const path = join(examples, name);
  process.stdout.write(`\n──── ${name} ${'─'.repeat(Math.max(0, 60 - name.length))}\n`);
  const result = await propose(catalog, JSON.parse(readFileSync(path, 'utf8')));
  if (result.ok) process.stdout.write(explainProposal(result.proposal));
  else {
    const problem = domainProblem(result.error);
    process.stdout.write(`Avvisad (${problem.status}): ${problem.detail}\n${(problem.errors ?? []).map((e) => `   ${e.path}: ${e.message}`).join('\n')}\n`);
  }
}
process.stdout.write(`
Prova själv:
  npm run -s evaluate -- test/fixtures/requests/grant.json            (förslag som JSON)
  npm run -s evaluate -- test/fixtures/requests/grant.json --explain  (förslag som text)
  npm run -s rules -- list                                            (regelverk och giltighet)
  npm run -s rules -- show jobbtorg-sis-sol2001                       (ett regelverk i klartext)
`);
