/**
 * Evidence figures: each reliability test records what it tried and what it found; the evidence
 * reporter prints them as one table at the end of the run (npm test, npm run test:evidence).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Anchored to the repository, not the working directory: test workers are reused across files. */
export const EVIDENCE_DIR = fileURLToPath(new URL('../../test-output/evidence', import.meta.url));

export interface Evidence {
  /** The test run that recorded it (set by test/evidence/global-setup.ts). */
  run?: string;
  /** What was tried, e.g. "fuzz POST /v1/decisions". */
  check: string;
  cases: number;
  failures: number;
  /** Further figures, printed beside the counts. */
  figures?: Record<string, string | number>;
}

/** This run's folder: runs in the same tree at the same time never mix their figures. */
export function runEvidenceDir(run = process.env.EVIDENCE_RUN_ID ?? 'outside-a-test-run'): string {
  return join(EVIDENCE_DIR, run);
}

export function recordEvidence(evidence: Evidence): void {
  const dir = runEvidenceDir();
  mkdirSync(dir, { recursive: true });
  const file = `${evidence.check.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.json`;
  writeFileSync(join(dir, file), JSON.stringify({ run: process.env.EVIDENCE_RUN_ID, ...evidence }));
}

/**
 * Counts the cases of a check across the tests of one file: call `case()` at the start of each
 * and `passed()` at its end (a failing case never reaches it), and `record()` in afterAll.
 */
export function evidenceCounter(check: string) {
  let started = 0;
  let passed = 0;
  const figures: Record<string, string | number> = {};
  return {
    case: () => void started++,
    passed: () => void passed++,
    figure: (name: string, value: string | number) => void (figures[name] = value),
    record: () => {
      if (started > 0) recordEvidence({ check, cases: started, failures: started - passed, figures });
    },
  };
}
