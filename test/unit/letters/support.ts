/** Helpers shared by the letter tests. */
import { expect } from 'vitest';
import { type RenderedLetter, renderLetter } from '../../../functions/letters/render-letter';
import type { ProblemDocument } from '../../../functions/http/problems';
import { domainProblem } from '../../../functions/http/problems';

/** Text compared without white space, so a line break inside a phrase does not matter. */
export const squash = (s: string) => s.replace(/\s+/g, '');

export function expectContains(text: string, phrases: string[]): void {
  const haystack = squash(text);
  for (const phrase of phrases) expect(haystack, `letter should contain: ${phrase}`).toContain(squash(phrase));
}

export function expectLacks(text: string, phrases: string[]): void {
  const haystack = squash(text);
  for (const phrase of phrases) expect(haystack, `letter must not contain: ${phrase}`).not.toContain(squash(phrase));
}

export async function render(input: unknown): Promise<RenderedLetter> {
  const result = await renderLetter(input);
  if (!result.ok) throw new Error(`expected a letter, got ${JSON.stringify(domainProblem(result.error), null, 2)}`);
  return result.letter;
}

export async function rejection(input: unknown): Promise<ProblemDocument> {
  const result = await renderLetter(input);
  if (result.ok) throw new Error('expected the decision to be rejected, but a letter was rendered');
  return domainProblem(result.error);
}

export const paths = (problem: ProblemDocument) => (problem.errors ?? []).map((e) => e.path);
export const messages = (problem: ProblemDocument) => (problem.errors ?? []).map((e) => e.message).join('\n');
