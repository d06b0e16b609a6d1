/** Timing helpers for `npm run bench`. Figures are printed, never asserted. */
import { performance } from 'node:perf_hooks';

export interface Timing {
  medianMs: number;
  p99Ms: number;
  runs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured, one call at a time. */
export async function time(fn: () => unknown, runs: number, warmup = Math.ceil(runs / 10)): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: percentile(samples, 50), p99Ms: percentile(samples, 99), runs };
}

export const round = (n: number, digits = 4) => Number(n.toFixed(digits));
