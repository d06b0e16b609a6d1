/** Shared plumbing for the command-line tools: reading input and printing problems. */
import { readFileSync } from 'node:fs';
import type { ProblemDocument } from '../../functions/http/problems';

/** Exit code for bad input (the CLI contract of issue #2). */
export const EXIT_BAD_INPUT = 2;

export function readJsonInput(source: string): { ok: true; value: unknown } | { ok: false; problem: ProblemDocument } {
  let text: string;
  try {
    text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problem: { type: '/problems/unreadable-input', title: 'Filen kunde inte läsas', status: 400, detail: `${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` },
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      problem: { type: '/problems/invalid-json', title: 'Ogiltig JSON', status: 400, detail: `${source} är inte giltig JSON: ${(error as Error).message}` },
    };
  }
}

export function printProblem(problem: ProblemDocument): never {
  process.stdout.write(JSON.stringify(problem, null, 2) + '\n');
  process.exit(EXIT_BAD_INPUT);
}
