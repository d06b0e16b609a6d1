/**
 * The letter's fonts: Roboto as shipped with pdfmake, embedded in every PDF (PDF/A requires
 * embedded fonts). Read once per module and kept as buffers, so rendering never touches the file
 * system and a letter can never name a font file of its own.
 *
 * Where the files are: `LETTER_FONTS_DIR` if set (a bundled Lambda copies them beside the code),
 * otherwise the pdfmake package's own `fonts/Roboto`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { codePointCoverage } from './font-coverage';

export const FONT_FAMILY = 'Roboto';

/** pdfmake's four styles and the files that provide them (Roboto's Medium stands in for bold). */
export const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

export function defaultFontsDir(): string {
  if (process.env.LETTER_FONTS_DIR) return process.env.LETTER_FONTS_DIR;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
}

export interface LetterFonts {
  /** File name (as pdfmake knows it) to its bytes. */
  files: Record<string, Buffer>;
  /** Code points every style of the font can draw. */
  covers: (codePoint: number) => boolean;
}

let cached: LetterFonts | undefined;

export function letterFonts(): LetterFonts {
  if (cached) return cached;
  const dir = defaultFontsDir();
  const files = Object.fromEntries(Object.values(FONT_FILES).map((name) => [name, readFileSync(join(dir, name))]));
  // Text may be set in any style (names in bold), so a character counts only if all styles have it.
  const coverages = Object.values(files).map((bytes) => codePointCoverage(bytes));
  cached = { files, covers: (cp) => coverages.every((has) => has(cp)) };
  return cached;
}
