/**
 * The letter's repertoire (functions/domain/text.ts) against the letter's font: the domain holds
 * free text to characters it lists, so every one of them must be drawn by every style of the font
 * the letter is set in. A new font, or a range added to the list, that breaks this fails here.
 */
import { describe, expect, it } from 'vitest';
import { LETTER_REPERTOIRE, MAX_COMBINING_MARKS, inLetterRepertoire, unprintableInLetter } from '../../../functions/domain/text';
import { letterFonts } from '../../../functions/letters/fonts';

describe('the letter repertoire', () => {
  it('lists only characters that every style of the letter font draws', () => {
    const { covers } = letterFonts();
    const missing: string[] = [];
    let count = 0;
    for (const [from, to] of LETTER_REPERTOIRE) {
      expect(from).toBeLessThanOrEqual(to);
      for (let cp = from; cp <= to; cp++) {
        count++;
        if (!covers(cp)) missing.push(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
      }
    }
    expect(missing).toEqual([]);
    expect(count).toBeGreaterThan(800);
  });

  it('is sorted and its ranges do not overlap, so the lookup can halve it', () => {
    for (let i = 1; i < LETTER_REPERTOIRE.length; i++) {
      expect((LETTER_REPERTOIRE[i] as readonly [number, number])[0]).toBeGreaterThan((LETTER_REPERTOIRE[i - 1] as readonly [number, number])[1]);
    }
    expect(inLetterRepertoire(0x00e5)).toBe(true);
    expect(inLetterRepertoire(0x0308)).toBe(false);
    expect(inLetterRepertoire(0x1f600)).toBe(false);
  });
});

describe('unprintableInLetter', () => {
  it('accepts Swedish and the other European languages the letter can print, with line breaks', () => {
    for (const text of [
      'Åsa Öberg-Ström har arbetat på Ängby café sedan 2019.\nHon söker stöd – ”fördjupat”, 100 €, ≤ 6 mån…',
      'Zoë Brontë, François Ørsted, Łukasz Żółć, Ștefan Țiriac, Nguyễn Văn Ánh',
      'Ελένη Παπαδοπούλου; Ольга Иванова',
      // Two combining marks on one letter (the font draws U+0301 and U+0323).
      'Lê Thi\u0323\u0301',
    ]) {
      expect(unprintableInLetter(text), text).toBeUndefined();
    }
  });

  it.each([
    ['a right-to-left override', 'Söker arbete\u202E.tebra', 'U+202E'],
    ['a zero-width space', 'Sö\u200Bker', 'U+200B'],
    ['a zero-width joiner', 'Sö\u200Dker', 'U+200D'],
    ['a bell control character', 'Söker\u0007', 'U+0007'],
    ['a carriage return', 'Rad ett\r\nRad två', 'U+000D'],
    ['a soft hyphen', 'arbets\u00ADmarknad', 'U+00AD'],
    ['a private-use character', 'Söker \uE000', 'U+E000'],
    ['an emoji', 'Söker arbete 😀', 'U+1F600'],
    ['Hebrew', 'שרה כהן', 'U+05E9'],
    ['a decomposed ä (a and a combining diaeresis the font lacks)', 'Sa\u0308ker', 'U+0308'],
    ['a flood of combining marks', `Z${'\u0301'.repeat(MAX_COMBINING_MARKS + 1)}algo`, 'kombinerande tecken i rad'],
  ])('refuses %s with a Swedish message naming it', (_what, text, named) => {
    const message = unprintableInLetter(text);
    expect(message).toContain(named);
    expect(message).toMatch(/Texten|Tecknet/);
  });
});
