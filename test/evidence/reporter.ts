/**
 * Prints the reliability evidence the tests recorded (test/evidence/record.ts) as one table at
 * the end of the run, then one plain closing line with the run's test counts.
 */
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { EVIDENCE_DIR, type Evidence, runEvidenceDir } from './record';

const readdirSafe = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

function counts(modules: ReadonlyArray<TestModule>) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const module of modules) {
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failed++;
      else skipped++;
    }
  }
  return { passed, failed, skipped };
}

export function evidenceTable(rows: Evidence[]): string {
  const lines = rows
    .sort((a, b) => a.check.localeCompare(b.check))
    .map((r) => [r.check, String(r.cases), String(r.failures), Object.entries(r.figures ?? {}).map(([k, v]) => `${k}: ${v}`).join('; ')]);
  const header = ['Kontroll', 'Fall', 'Fel', 'Siffror'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...lines.map((l) => (l[i] as string).length))));
  const format = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  const total = rows.reduce((t, r) => ({ cases: t.cases + r.cases, failures: t.failures + r.failures }), { cases: 0, failures: 0 });
  return [format(header), format(header.map((_, i) => '-'.repeat(widths[i] as number))), ...lines.map(format), '', `Totalt: ${total.cases} fall, ${total.failures} fel`].join('\n');
}

export default class EvidenceReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let rows: Evidence[] = [];
    const dir = runEvidenceDir();
    try {
      rows = readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Evidence);
    } catch {
      // No evidence tests ran in this run.
    }
    // Folders of runs a day old are of no further use (a younger one may belong to a run still going).
    for (const old of readdirSafe(EVIDENCE_DIR)) {
      const path = join(EVIDENCE_DIR, old);
      if (path !== dir && Date.now() - statSync(path).mtimeMs > 24 * 60 * 60 * 1000) rmSync(path, { recursive: true, force: true });
    }
    if (rows.length > 0) process.stdout.write(`\nTillförlitlighet: sammanfattning\n\n${evidenceTable(rows)}\n`);
    const { passed, failed } = counts(modules);
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed\n`);
  }
}
