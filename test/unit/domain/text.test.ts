import { describe, expect, it } from 'vitest';
import { composedText, multiLine, swedishInteger } from '../../../functions/domain/text';

describe('swedishInteger', () => {
  it('writes whole numbers as toLocaleString(sv-SE) does, groups of three with a no-break space', () => {
    const numbers = [0, 7, 999, 1000, 8000, 12345, 100000, 999999, 1000000, 1234567, 2147483647];
    expect(numbers.map(swedishInteger)).toEqual(numbers.map((n) => n.toLocaleString('sv-SE')));
    expect(swedishInteger(8000)).toBe('8\u00a0000');
  });

  it('is what a too long text is told, in Swedish', () => {
    const result = multiLine(8000, 'motiveringen').safeParse('x'.repeat(8001));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Motiveringen får vara högst 8\u00a0000 tecken.');
  });
});

describe('composedText', () => {
  it('composes every string of a request, keys too, and leaves other values and marks that compose into nothing', () => {
    const request = { 'na\u0308mn': 'Sa\u0308ra', lines: ['Go\u0308tgatan 1', 7, null, true], nested: { grounds: 'q\u0308 e\u0301' } };
    expect(composedText(request)).toEqual({ 'n\u00e4mn': 'S\u00e4ra', lines: ['G\u00f6tgatan 1', 7, null, true], nested: { grounds: 'q\u0308 \u00e9' } });
  });
});
