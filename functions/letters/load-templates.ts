/**
 * Reads the letter templates from `templates/` (or `LETTER_TEMPLATES_DIR`), validates them
 * together, and keeps them for the life of the module: a Lambda reads them once per cold start.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { FinalOutcome } from '../domain/signed-decision-schema';
import { KIND_FILES, LetterTemplateError, type LetterTemplates, SHARED_FILE, buildLetterTemplates } from './templates';

export const DEFAULT_TEMPLATES_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../templates');

function readYaml(dir: string, file: string): unknown {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LetterTemplateError([{ path: file, message: `Filen kunde inte läsas: ${(error as Error).message}` }]);
  }
  try {
    return parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new LetterTemplateError([{ path: file, message: `Filen är inte giltig YAML: ${(error as Error).message}` }]);
  }
}

export function loadLetterTemplates(dir: string = process.env.LETTER_TEMPLATES_DIR ?? DEFAULT_TEMPLATES_DIR): LetterTemplates {
  const kinds = Object.fromEntries(
    (Object.entries(KIND_FILES) as Array<[FinalOutcome, string]>).map(([kind, file]) => [kind, readYaml(dir, file)]),
  ) as Record<FinalOutcome, unknown>;
  return buildLetterTemplates({ shared: readYaml(dir, SHARED_FILE), kinds });
}

let cached: LetterTemplates | undefined;

/** The templates in the default location, read and validated once per module. */
export function defaultLetterTemplates(): LetterTemplates {
  cached ??= loadLetterTemplates();
  return cached;
}
