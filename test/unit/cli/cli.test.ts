import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const TSX = 'node_modules/.bin/tsx';
const run = (script: string, args: string[], input?: string) => {
  const result = spawnSync(TSX, [script, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const evaluate = (args: string[], input?: string) => run('infra/cli/evaluate.ts', args, input);

describe('npm run evaluate', () => {
  it('prints the proposal as JSON and exits 0', () => {
    const { code, stdout } = evaluate(['test/fixtures/requests/grant.json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'GRANT', ruleSet: { id: 'jobbtorg-sis-sol2001' } });
  });

  it('reads the case from standard input when the file is -', () => {
    const { code, stdout } = evaluate(['-'], readFileSync('test/fixtures/requests/refer.json', 'utf8'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).outcome).toBe('REFER');
  });

  it('prints Swedish prose with --explain', () => {
    const { code, stdout } = evaluate(['test/fixtures/requests/refuse.json', '--explain']);
    expect(code).toBe(0);
    expect(stdout).toContain('Förslag: Avslå ansökan');
    expect(stdout).toContain('Behöver fördjupat individuellt stöd: inte uppfyllt');
    expect(stdout).toContain('Hur beslutet kan prövas: laglighetsprövning');
  });

  it('prints problem+json naming each bad field and exits 2 for invalid input', () => {
    const { code, stdout } = evaluate(['test/fixtures/requests/invalid.json']);
    expect(code).toBe(2);
    const problem = JSON.parse(stdout);
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'applicant.personnummer',
      'decisionDate',
      'facts.socialServicesContact',
      'facts.working',
    ]);
  });

  it('exits 2 with a problem document for text that is not JSON', () => {
    const { code, stdout } = evaluate(['-'], '{ "decisionDate": ');
    expect(code).toBe(2);
    expect(JSON.parse(stdout).title).toBe('Ogiltig JSON');
  });
});

describe('npm run rules', () => {
  it('lists the rule sets with their validity', () => {
    const { code, stdout } = run('infra/cli/rules.ts', ['list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/jobbtorg-sis-sol2001\s+1\s+2023-01-01\s+2025-06-30/);
    expect(stdout).toMatch(/jobbtorg-sis-sol2025\s+1\s+2025-07-01\s+tills vidare/);
  });

  it('shows a rule set as readable Swedish with criteria, lagrum and parameter status', () => {
    const { code, stdout } = run('infra/cli/rules.ts', ['show', 'jobbtorg-sis-sol2001']);
    expect(code).toBe(0);
    expect(stdout).toContain('Lagrum: 4 kap. 1 § socialtjänstlagen (2001:453)');
    expect(stdout).toContain('ageMax: 29 år [EJ BEKRÄFTAD av jurist]');
    expect(stdout).toContain('ålder på beslutsdagen är minst 19 (parametern ageMin)');
    expect(stdout).not.toMatch(/\{\{/);
  });

  it('refuses an unknown rule set id', () => {
    const { code, stderr } = run('infra/cli/rules.ts', ['show', 'finns-inte']);
    expect(code).toBe(2);
    expect(stderr).toContain('Okänt regelverk: finns-inte');
  });

  it('runs the golden scenarios for the reviewer and reports them', () => {
    const { code, stdout } = run('infra/cli/rules.ts', ['test']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
  });

  it('compares a rule set with the one it follows, in Swedish', () => {
    const { code, stdout } = run('infra/cli/rules.ts', ['compare', 'jobbtorg-sis-sol2025']);
    expect(code).toBe(0);
    expect(stdout).toContain('med jobbtorg-sis-sol2001 version 1 (gäller 2023-01-01 – 2025-06-30)');
    expect(stdout).toContain('   - Författningar: 1 ändrad');
    expect(stdout).toContain('      SFS-nummer: 2001:453 → 2025:400');
    expect(stdout).toMatch(/Ändrat: Bevilja särskild individanpassad stödinsats\n {6}Rättslig grund: 4 kap\. 2 § socialtjänstlagen \(2001:453\) → 11 kap\. 4 § socialtjänstlagen \(2025:400\)/);
  });

  it('compares with a rule set named, and asks for one when the rule set follows none', () => {
    expect(run('infra/cli/rules.ts', ['compare', 'jobbtorg-sis-sol2001', 'jobbtorg-sis-sol2025']).stdout).toContain('med jobbtorg-sis-sol2025 version 1');
    const first = run('infra/cli/rules.ts', ['compare', 'jobbtorg-sis-sol2001']);
    expect(first.code).toBe(2);
    expect(JSON.parse(first.stdout).errors[0].path).toBe('with');
    const unknown = run('infra/cli/rules.ts', ['compare', 'finns-inte']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Regelverket finns-inte finns inte.');
  });

  it('prints the coverage of each rule set: scenarios, criterion × status, outcomes and what is untested', () => {
    const { code, stdout } = run('infra/cli/rules.ts', ['coverage']);
    expect(code).toBe(0);
    expect(stdout).toContain('(jobbtorg-sis-sol2001 version 1)');
    expect(stdout).toContain('(jobbtorg-sis-sol2025 version 1)');
    expect(stdout).toMatch(/Kriterium\s+Uppfyllt\s+Inte uppfyllt\s+Uppgift saknas/);
    expect(stdout).toMatch(/Oprövat av alla scenarier \(\d+\):\n {3}- Kriteriet ”/);
  });
});
