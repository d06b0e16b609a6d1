/**
 * Marks this test run, so the evidence reporter shows only what this run recorded. Workers start
 * after global setup and inherit its environment.
 */
import { randomUUID } from 'node:crypto';

export function setup(): void {
  process.env.EVIDENCE_RUN_ID = randomUUID();
}
