/**
 * `npm run -s rules -- replay ID --from D --to D` against a table on DynamoDB Local, as a
 * reviewer runs it: the table from TABLE_NAME and DYNAMODB_ENDPOINT, the rules from RULES_DIR.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DRAFT_ID, draftRulesDir } from '../support/draft-rules';
import { caseWorker, delegate, lifecycle, proposeBody } from '../support/lifecycle';

const rulesDir = draftRulesDir();
afterAll(() => rmSync(rulesDir, { recursive: true, force: true }));
let tableName = '';
let refusedNow = '';

beforeAll(async () => {
  const env = await lifecycle();
  tableName = env.tableName;
  for (const [name, birthDate, outcome] of [
    ['Elin Söderström', '2000-03-14', 'GRANT'],
    ['Oskar Lindgren', '1997-01-10', 'GRANT'],
  ] as const) {
    const proposed = await env.service.propose(caseWorker, proposeBody({ name, birthDate }));
    await env.service.sign(delegate, proposed.decision.decisionId, { finalOutcome: outcome });
    if (name === 'Oskar Lindgren') refusedNow = proposed.decision.decisionId;
  }
});

const rules = (args: string[]) => {
  const result = spawnSync('node_modules/.bin/tsx', ['infra/cli/rules.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TABLE_NAME: tableName, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), RULES_DIR: rulesDir },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('npm run rules -- replay', () => {
  it('replays a rule set over the decisions in the table and prints the outcome pairs with references', () => {
    const { code, stdout } = rules(['replay', DRAFT_ID, '--from', '2024-08-01', '--to', '2024-08-31', '--limit', '1']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Provkörning av ${DRAFT_ID} version 1 över beslut daterade 2024-08-01 – 2024-08-31`);
    expect(stdout).toContain('Beslut: 2 (lästa i 3 sidor), varav 1 med ett annat utfall.');
    expect(stdout).toMatch(/Bevilja särskild individanpassad stödinsats → Avslå ansökan: 1 beslut, 1 med ändring\n {3}Tillhör en av målgrupperna: uppfyllt → inte uppfyllt \(1\)/);
    expect(stdout).toMatch(new RegExp(`AMN 2024/\\d{5}  2024-08-20  ${refusedNow}  \\(jobbtorg-sis-sol2001\\)`));
    expect(stdout).not.toContain('Oskar Lindgren');
  });

  it('refuses an open-ended range as the API does: problem+json naming the field, exit 2', () => {
    const { code, stdout } = rules(['replay', DRAFT_ID, '--from', '2024-08-01']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ status: 400, errors: [{ path: 'to' }] });
  });
});
