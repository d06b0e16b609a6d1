/**
 * Which characters a TrueType font can draw, read from its `cmap` table (formats 4 and 12).
 *
 * pdfkit silently drops a character the font has no glyph for (an emoji, Hebrew or Arabic in
 * Roboto), so a letter would say something other than the record. Checking coverage first lets a
 * letter reject such text with a clear message instead. A few dozen lines here beat depending on
 * fontkit directly, which is only a transitive dependency of pdfmake.
 */

type Range = [start: number, end: number];

function tableOffset(font: Buffer, tag: string): number {
  const numTables = font.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === tag) return font.readUInt32BE(record + 8);
  }
  throw new Error(`Font has no '${tag}' table`);
}

/** Ranges of code points that map to a real glyph (not glyph 0, .notdef). */
function format4Ranges(font: Buffer, at: number): Range[] {
  const segCount = font.readUInt16BE(at + 6) / 2;
  const endCodes = at + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;
  const ranges: Range[] = [];
  for (let s = 0; s < segCount; s++) {
    const end = font.readUInt16BE(endCodes + s * 2);
    const start = font.readUInt16BE(startCodes + s * 2);
    const delta = font.readUInt16BE(idDeltas + s * 2);
    const rangeOffsetAt = idRangeOffsets + s * 2;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    if (start === 0xffff) continue;
    let runStart = -1;
    for (let c = start; c <= end; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = font.readUInt16BE(rangeOffsetAt + rangeOffset + (c - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0 && runStart < 0) runStart = c;
      if (glyph === 0 && runStart >= 0) {
        ranges.push([runStart, c - 1]);
        runStart = -1;
      }
    }
    if (runStart >= 0) ranges.push([runStart, end]);
  }
  return ranges;
}

function format12Ranges(font: Buffer, at: number): Range[] {
  const groups = font.readUInt32BE(at + 12);
  const ranges: Range[] = [];
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + g * 12;
    const startGlyph = font.readUInt32BE(group + 8);
    const start = font.readUInt32BE(group);
    const end = font.readUInt32BE(group + 4);
    // Only the first code point of a group can map to glyph 0.
    if (startGlyph === 0) {
      if (end > start) ranges.push([start + 1, end]);
    } else ranges.push([start, end]);
  }
  return ranges;
}

/** A predicate telling whether the font has a glyph for a code point. */
export function codePointCoverage(font: Buffer): (codePoint: number) => boolean {
  const cmap = tableOffset(font, 'cmap');
  const count = font.readUInt16BE(cmap + 2);
  let best: { format: number; at: number } | undefined;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const at = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(at);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    // Format 12 covers the whole of Unicode; prefer it when the font has one.
    if (!best || (format === 12 && best.format === 4)) best = { format, at };
  }
  if (!best) throw new Error('Font has no Unicode cmap of format 4 or 12');
  const ranges = (best.format === 12 ? format12Ranges(font, best.at) : format4Ranges(font, best.at)).sort((a, b) => a[0] - b[0]);
  return (codePoint: number) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [start, end] = ranges[mid] as Range;
      if (codePoint < start) hi = mid - 1;
      else if (codePoint > end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}
