import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleInput } from '../../fixtures/letters/decisions';

const dir = mkdtempSync(join(tmpdir(), 'letter-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const letter = (args: string[]) => {
  const result = spawnSync('node_modules/.bin/tsx', ['infra/cli/letter.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('npm run letter', () => {
  it.each(['grant', 'refuse', 'partial', 'refer'])('renders the %s sample to a PDF file and prints its sha256', (kind) => {
    const out = join(dir, `${kind}.pdf`);
    const { code, stdout } = letter(['--sample', kind, out]);
    expect(code).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(JSON.parse(stdout)).toMatchObject({ kind: kind.toUpperCase(), sha256: createHash('sha256').update(pdf).digest('hex') });
  });

  it('renders a signed decision from a JSON file', async () => {
    const file = join(dir, 'decision.json');
    writeFileSync(file, JSON.stringify(await sampleInput('refuse')));
    const { code, stdout } = letter([file, join(dir, 'from-file.pdf')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).kind).toBe('REFUSE');
  });

  it('prints problem+json and exits 2 for an invalid decision, writing no file', async () => {
    const file = join(dir, 'invalid.json');
    const out = join(dir, 'invalid.pdf');
    writeFileSync(file, JSON.stringify({ ...(await sampleInput('grant')), finalOutcome: 'REFER', contact: undefined }));
    const { code, stdout } = letter([file, out]);
    expect(code).toBe(2);
    const problem = JSON.parse(stdout);
    expect(problem).toMatchObject({ type: '/problems/validation', status: 400 });
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['contact']);
    expect(() => readFileSync(out)).toThrow();
  });

  it('exits 2 with usage for an unknown sample', () => {
    const { code, stderr } = letter(['--sample', 'approve', join(dir, 'x.pdf')]);
    expect(code).toBe(2);
    expect(stderr).toContain('--sample grant|refuse|partial|refer');
  });
});
