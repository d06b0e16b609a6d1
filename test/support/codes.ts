/**
 * The codes staff must never see, read from the source rather than copied by hand: every
 * `export const NAME = [...] as const` list of strings in functions/domain (outcomes, statuses,
 * audit actions, milestone kinds, parameter names, roles, …, and any list added later), and from
 * the rule sets on disk their ids, criterion ids, assumption ids, parameter names and reference keys.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { loadCatalog, loadDelegationOrder } from '../../functions/rule-sets/load-files';
import { referenceKey } from '../../functions/domain/rule-set-schema';

const ROOT = join(import.meta.dirname, '../..');
const DOMAIN = join(ROOT, 'functions/domain');

/** A code and where it comes from, for a failure message a developer can act on. */
export interface Code {
  code: string;
  from: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Names of the `export const X = [...] as const` declarations in a file, as TypeScript parses it. */
function constListNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (ts.isIdentifier(declaration.name) && init && ts.isAsExpression(init) && ts.isArrayLiteralExpression(init.expression) && init.type.getText(source) === 'const') {
        names.push(declaration.name.text);
      }
    }
  }
  return names;
}

/** Every string in every exported `as const` list in functions/domain, with the list it is in. */
export async function domainCodes(): Promise<Code[]> {
  const codes: Code[] = [];
  for (const file of sourceFiles(DOMAIN)) {
    const names = constListNames(file);
    if (names.length === 0) continue;
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const name of names) {
      const list = module[name];
      if (!Array.isArray(list)) throw new Error(`${relative(ROOT, file)}: ${name} is not an array at run time`);
      for (const code of list) if (typeof code === 'string') codes.push({ code, from: `${relative(ROOT, file)} ${name}` });
    }
  }
  return codes;
}

/** What the rule sets on disk name by code: ids, criteria, assumptions, parameters, references. */
export function ruleSetCodes(): Code[] {
  const codes: Code[] = [];
  for (const { ruleSet } of loadCatalog().list()) {
    const from = `rules/${ruleSet.id}`;
    codes.push({ code: ruleSet.id, from: `${from} id` });
    for (const c of ruleSet.criteria) codes.push({ code: c.id, from: `${from} criteria` });
    for (const a of ruleSet.assumptions) codes.push({ code: a.id, from: `${from} assumptions` });
    for (const p of Object.keys(ruleSet.parameters)) codes.push({ code: p, from: `${from} parameters` });
    for (const r of ruleSet.references) codes.push({ code: referenceKey(r), from: `${from} references` });
  }
  return codes;
}

/** Each delegation point with the titles it has had: shown, a point is named by its title. */
export function delegationPoints(): Array<{ point: string; titles: string[] }> {
  const byPoint = new Map<string, Set<string>>();
  for (const version of loadDelegationOrder().versions) {
    for (const p of version.points) byPoint.set(p.point, (byPoint.get(p.point) ?? new Set()).add(p.title));
  }
  return [...byPoint].map(([point, titles]) => ({ point, titles: [...titles] }));
}
