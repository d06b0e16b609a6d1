/**
 * The law is data. A paragraph number written into code would keep citing a repealed law when
 * the rule set changes (SoL 2001:453 was replaced by 2025:400 on 2025-07-01), so chapter and
 * section numbers live in rules/ and templates/ only. Comments may cite the law: they explain why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
/** A chapter and a section on one line, e.g. `4 kap. 1 §` or `${chapter} kap. ${section} §`. */
const PARAGRAPH = /kap\.[^\n]*§/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** The file's text with every comment blanked out (line breaks kept), as TypeScript's parser sees comments. */
export function withoutComments(text: string): string {
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, true);
  const comments = new Map<number, number>();
  const collect = (ranges: ts.CommentRange[] | undefined) => ranges?.forEach((r) => comments.set(r.pos, r.end));
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    node.getChildren(source).forEach(visit);
  };
  visit(source);
  let out = text;
  for (const [pos, end] of comments) out = out.slice(0, pos) + out.slice(pos, end).replace(/[^\n]/g, ' ') + out.slice(end);
  return out;
}

describe('no paragraph number in code', () => {
  it('finds none in functions/ outside comments: each rule set supplies its provisions', () => {
    const offenders = sourceFiles(join(ROOT, 'functions')).flatMap((file) =>
      withoutComments(readFileSync(file, 'utf8'))
        .split('\n')
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => PARAGRAPH.test(line))
        .map(({ line, i }) => `${relative(ROOT, file)}:${i + 1}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('sees a paragraph in a string or template and ignores one in a comment', () => {
    expect(withoutComments("const a = '4 kap. 1 § SoL'; // 4 kap. 2 §")).toMatch(PARAGRAPH);
    expect(withoutComments('/* 11 kap. 4 § */ const b = 1; // 16 kap. 1 §')).not.toMatch(PARAGRAPH);
    expect(withoutComments('const c = `${x} kap. ${y} §`;')).toMatch(PARAGRAPH);
    expect(withoutComments("const url = 'http://example.invalid/kap.'; // §")).not.toMatch(PARAGRAPH);
  });
});
