/**
 * The page never lets the browser's locale or time zone choose how a date looks: no
 * toLocaleDateString/TimeString, no toLocaleString without a fixed locale, no local-time getters
 * (getDate, getHours, … read the laptop's zone, not Stockholm's), and no `<input type="date">`,
 * which shows 08/20/2024 in an English browser. Dates go through functions/web/format.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const WEB = join(ROOT, 'functions/web');

const LOCAL_TIME_GETTERS = new Set(['getDate', 'getDay', 'getMonth', 'getFullYear', 'getYear', 'getHours', 'getMinutes', 'getSeconds', 'getTimezoneOffset']);
const LOCALE_FORMATTERS = new Set(['toLocaleDateString', 'toLocaleTimeString']);
const BROWSER_DATE_INPUTS = new Set(['date', 'month', 'week', 'time', 'datetime-local']);

/** `file:line: what` for each place a browser's locale or zone would decide how a date looks. */
export function localeDependence(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => found.push(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${what}`);
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (LOCALE_FORMATTERS.has(name)) at(node, name);
      if (LOCAL_TIME_GETTERS.has(name)) at(node, `${name} (the browser's time zone)`);
      const locale = node.arguments[0];
      if (name === 'toLocaleString' && !(locale && ts.isStringLiteral(locale))) at(node, 'toLocaleString without a fixed locale');
    }
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'type' && ts.isStringLiteral(node.initializer) && BROWSER_DATE_INPUTS.has(node.initializer.text)) {
      at(node, `input type="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the staff page’s dates', () => {
  it('are never formatted by the browser’s locale or read in its time zone', () => {
    const found = sourceFiles(WEB).flatMap((file) => localeDependence(relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('would be caught if they were', () => {
    expect(localeDependence('a.ts', 'const s = new Date().toLocaleDateString();')).toEqual(['a.ts:1: toLocaleDateString']);
    expect(localeDependence('a.ts', 'const y = now.getFullYear();')).toHaveLength(1);
    expect(localeDependence('a.ts', "h('input', { type: 'date', name: 'from' });")).toEqual(['a.ts:1: input type="date"']);
    expect(localeDependence('a.ts', 'n.toLocaleString()')).toHaveLength(1);
    expect(localeDependence('a.ts', "n.toLocaleString('sv-SE'); d.getUTCFullYear(); h('input', { type: 'text' });")).toEqual([]);
  });
});
