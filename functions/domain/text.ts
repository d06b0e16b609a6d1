/**
 * Text that may be printed in a letter or shown to staff: no control or format characters (they
 * are invisible, or reorder text as bidi overrides do), only characters the letter's font can
 * draw, no floods of combining marks, and names in Latin script as they are registered in
 * folkbokföringen. Every boundary where text enters uses these rules: the field rules below, and
 * everyTextPrintable over the whole request.
 */
import * as z from 'zod/mini';


/** Invisible or reordering characters: controls, format characters (bidi overrides, zero-width), private use, unassigned, lone surrogates, line/paragraph separators. */
export const UNPRINTABLE = /[\p{Cf}\p{Co}\p{Cn}\p{Cs}\u2028\u2029]|(?![\n])\p{Cc}/u;
const UNPRINTABLE_SINGLE_LINE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\u2028\u2029]/u;

/** `U+0007` style name of a character for messages, since the character itself may be invisible. */
export function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function printable(pattern: RegExp) {
  return z.superRefine<string>((value, ctx) => {
    const match = pattern.exec(value);
    if (match) {
      const what = match[0] === '\n' ? 'en radbrytning' : `ett tecken som inte kan skrivas ut (${codePointName(match[0])})`;
      ctx.issues.push({ code: 'custom', message: `Texten innehåller ${what}. Ta bort det och försök igen.`, input: value });
    }
  });
}

const notBlank = (message: string) => z.refine<string>((s) => s.trim().length > 0, message);

/** One line of text: no line breaks, nothing invisible. */
export function singleLine(maxLength: number, what: string) {
  return z.string({ error: `Ange ${what}.` }).check(
    notBlank(`Ange ${what}.`),
    z.maxLength(maxLength, `${capitalise(what)} får vara högst ${maxLength} tecken.`),
    printable(UNPRINTABLE_SINGLE_LINE),
  );
}

/** Free text that may have line breaks, e.g. a written reason. */
export function multiLine(maxLength: number, what: string) {
  return z.string({ error: `Skriv ${what}.` }).check(
    notBlank(`Skriv ${what}.`),
    z.maxLength(maxLength, `${capitalise(what)} får vara högst ${swedishInteger(maxLength)} tecken.`),
    printable(UNPRINTABLE),
  );
}

// --- What a letter can print ---------------------------------------------------------------------

/**
 * The characters a decision letter can print, as inclusive code-point ranges: every one is drawn
 * by all four styles of the letter's font (test/unit/letters/repertoire.test.ts reads the font and
 * checks). Text outside it would be dropped from the letter or make signing fail, so free text is
 * held to it where it enters. Swedish and the other languages of Europe in Latin script, Greek and
 * Cyrillic, common punctuation, currency and arithmetic signs.
 */
export const LETTER_REPERTOIRE: ReadonlyArray<readonly [number, number]> = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x017f], // Latin-1 Supplement, Latin Extended-A (å ä ö é ü ł ş …)
  [0x018f, 0x018f], [0x0192, 0x0192], [0x01a0, 0x01a1], [0x01af, 0x01b0], [0x01f0, 0x01f0], [0x01fa, 0x01ff],
  [0x0218, 0x021b], [0x0237, 0x0237], [0x0259, 0x0259], // Latin Extended-B the font has (Ș ș Ț ț, Ə ə, Ơ Ư)
  [0x02bc, 0x02bc], [0x02c6, 0x02c7], [0x02c9, 0x02c9], [0x02d8, 0x02dd], [0x02f3, 0x02f3], // spacing modifiers
  [0x0300, 0x0301], [0x0303, 0x0303], [0x0309, 0x0309], [0x030f, 0x030f], [0x0323, 0x0323], // the combining marks the font draws
  [0x0384, 0x038a], [0x038c, 0x038c], [0x038e, 0x03a1], [0x03a3, 0x03ce], // Greek
  [0x0400, 0x0482], [0x048a, 0x0513], // Cyrillic, without its combining marks
  [0x1e00, 0x1e01], [0x1e3e, 0x1e3f], [0x1e80, 0x1e85], [0x1e9e, 0x1e9e], [0x1ea0, 0x1ef9], // Latin Extended Additional (ẞ, Vietnamese)
  [0x2000, 0x200a], // spaces of other widths
  [0x2010, 0x2011], [0x2013, 0x2015], [0x2017, 0x201e], [0x2020, 0x2022], [0x2025, 0x2027], [0x2030, 0x2030],
  [0x2032, 0x2033], [0x2039, 0x203a], [0x203c, 0x203c], [0x2044, 0x2044], // dashes, quotes, bullets, ellipsis, per mille
  [0x2070, 0x2070], [0x2074, 0x208e], // superscripts and subscripts
  [0x20a3, 0x20a4], [0x20a6, 0x20ac], [0x20b1, 0x20b1], [0x20b9, 0x20ba], [0x20bc, 0x20bd], // currency (€)
  [0x2105, 0x2105], [0x2113, 0x2113], [0x2116, 0x2116], [0x2122, 0x2122], [0x2126, 0x2126], [0x212e, 0x212e], // ℅ ℓ № ™ Ω ℮
  [0x215b, 0x215e], // fractions
  [0x2202, 0x2202], [0x2206, 0x2206], [0x220f, 0x220f], [0x2211, 0x2212], [0x221a, 0x221a], [0x221e, 0x221e],
  [0x222b, 0x222b], [0x2248, 0x2248], [0x2260, 0x2260], [0x2264, 0x2265], // − ≈ ≠ ≤ ≥ …
  [0x25a0, 0x25a0], [0x25ca, 0x25cb], [0x25cf, 0x25cf], // ■ ◊ ○ ●
  [0xfb01, 0xfb04], // the ligatures ﬁ ﬂ ﬃ ﬄ, as text copied from a PDF has them
];

export function inLetterRepertoire(codePoint: number): boolean {
  let low = 0;
  let high = LETTER_REPERTOIRE.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = LETTER_REPERTOIRE[middle] as readonly [number, number];
    if (codePoint < from) high = middle - 1;
    else if (codePoint > to) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * More combining marks than this in a row is not writing but a flood (each stacks on the letter
 * before it); no language the letter can print needs more than two on one letter.
 */
export const MAX_COMBINING_MARKS = 2;

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\u2028\u2029]/u;
const COMBINING_MARK = /\p{M}/u;

/**
 * Why a text cannot be printed in a letter, in Swedish, or undefined when it can: an invisible or
 * reordering character (control, bidi override, zero-width, private use, unassigned), a character
 * the letter's font does not have, or a flood of combining marks. A line break is allowed here;
 * one-line fields forbid it themselves.
 */
export function unprintableInLetter(text: string): string | undefined {
  let marks = 0;
  for (const ch of text) {
    if (ch === '\n') {
      marks = 0;
      continue;
    }
    const name = codePointName(ch);
    if (INVISIBLE.test(ch)) return `Texten innehåller ett tecken som inte kan skrivas ut (${name}). Ta bort det och försök igen.`;
    if (COMBINING_MARK.test(ch)) {
      if (++marks > MAX_COMBINING_MARKS) {
        return `Texten har fler än ${MAX_COMBINING_MARKS} kombinerande tecken i rad (${name}). Ta bort dem och försök igen.`;
      }
      if (!inLetterRepertoire(ch.codePointAt(0) as number)) {
        return `Texten innehåller ett kombinerande tecken som inte kan skrivas ut i brevet (${name}). Skriv bokstaven som ett enda tecken, till exempel ä, och försök igen.`;
      }
      continue;
    }
    marks = 0;
    if (!inLetterRepertoire(ch.codePointAt(0) as number)) {
      return `Tecknet ”${ch}” (${name}) kan inte skrivas ut i brevet. Skriv texten utan det, med latinska bokstäver.`;
    }
  }
  return undefined;
}

/**
 * Every string in a request (values and keys) in Unicode's composed form, NFC: a letter typed or
 * pasted as a base letter and a combining mark (a + ¨, as macOS and text copied from a PDF give
 * it) is the same text as the single letter (ä), which is what the letter's font draws and what a
 * case worker sees. Applied where a request enters, before its schema; combining marks that
 * compose to no single letter stay, and the text rules then judge them. The caller bounds depth.
 */
export function composedText(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(composedText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key.normalize('NFC'), composedText(child)]));
  return value;
}

type Path = Array<string | number>;

/**
 * The check a request schema takes where free text enters the service: every string in the
 * request, wherever it sits, must be printable in a letter (unprintableInLetter). So text that is
 * accepted can later be shown, printed and signed, and no text field of a request can be
 * forgotten. A field that already has a problem is not reported twice.
 */
export function everyTextPrintable<T>() {
  return z.superRefine<T>(
    (value, ctx) => {
      // An unknown field is reported on its own and is not in the parsed value.
      const faulty = ctx.issues.filter((issue) => issue.code !== 'unrecognized_keys').map((issue) => issue.path?.map(String).join('.') ?? '');
      const hasIssue = (path: Path) => {
        const at = path.map(String).join('.');
        return faulty.some((f) => f === at || at.startsWith(`${f}.`) || f === '');
      };
      const pending: Array<{ value: unknown; path: Path }> = [{ value, path: [] }];
      for (let next = pending.pop(); next; next = pending.pop()) {
        const { value: item, path } = next;
        if (typeof item === 'string') {
          const problem = unprintableInLetter(item);
          if (problem && !hasIssue(path)) ctx.issues.push({ code: 'custom', message: problem, path, input: item });
        } else if (Array.isArray(item)) item.forEach((child, i) => pending.push({ value: child, path: [...path, i] }));
        else if (item !== null && typeof item === 'object') for (const [key, child] of Object.entries(item)) pending.push({ value: child, path: [...path, key] });
      }
    },
    // Also beside other problems, so that one answer names every field to correct.
    { when: () => true },
  );
}

/**
 * A whole number as Swedish writes it, in groups of three with a no-break space ("8 000"), as
 * toLocaleString('sv-SE') does; without it, since the first Intl call loads the locale's data
 * and these messages are made when a function's code loads (about 9 ms of every cold start).
 */
export function swedishInteger(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A person's name as registered in folkbokföringen: Latin letters (with any accents), spaces,
 * hyphens, apostrophes and full stops. 200 characters is far beyond any registered name; a longer
 * value is a mistake, and it is rejected rather than printed.
 */
export const PERSON_NAME_MAX = 200;
const PERSON_NAME = /^[\p{Script=Latin}\p{M}][\p{Script=Latin}\p{M} '’.-]*$/u;
export function personName(what: string) {
  return singleLine(PERSON_NAME_MAX, what).check(
    z.refine((s) => PERSON_NAME.test(s), `Skriv ${what} med latinska bokstäver, som i folkbokföringen (bindestreck, apostrof och punkt går bra).`),
  );
}

