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

/**
 * Times several functions in alternation (one call of each per pass), so a machine busy with
 * something else slows them alike and their ratios stay fair.
 */
export async function alternating<K extends string>(fns: Record<K, () => unknown>, runs: number, warmup = Math.ceil(runs / 10)): Promise<Record<K, Timing>> {
  const samples = Object.fromEntries(Object.keys(fns).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let pass = 0; pass < warmup + runs; pass++) {
    for (const [name, fn] of Object.entries(fns) as Array<[K, () => unknown]>) {
      const start = performance.now();
      await fn();
      if (pass >= warmup) samples[name].push(performance.now() - start);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, v]) => {
      const sorted = (v as number[]).sort((a, b) => a - b);
      return [k, { medianMs: percentile(sorted, 50), p99Ms: percentile(sorted, 99), runs }];
    }),
  ) as Record<K, Timing>;
}

export const round = (n: number, digits = 4) => Number(n.toFixed(digits));
