/**
 * Text that may be printed in a letter or shown to staff: no control or format characters (they
 * are invisible, or reorder text as bidi overrides do), and names in Latin script as they are
 * registered in folkbokföringen. Every boundary where text enters uses these rules.
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
    z.maxLength(maxLength, `${capitalise(what)} får vara högst ${maxLength.toLocaleString('sv-SE')} tecken.`),
    printable(UNPRINTABLE),
  );
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

