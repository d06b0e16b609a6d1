/**
 * Builds the staff page into static files: index.html, styles.css and app.js (the TypeScript
 * bundled by esbuild). The local server serves them from memory; the CDK stack uploads them to
 * the site's bucket. Synchronous, because a CDK construct builds its asset while it is constructed.
 */
import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DelegationOrder } from '../domain/delegation-schema';
import type { DelegationTitles } from './auth';

const here = fileURLToPath(new URL('.', import.meta.url));

export interface WebAsset {
  body: Buffer;
  contentType: string;
}

/** The page's files by URL path (`/index.html`, `/app.js`, `/styles.css`). */
export function buildWebAssets(): Map<string, WebAsset> {
  const bundle = buildSync({
    entryPoints: [join(here, 'app.ts')],
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'safari16', 'firefox115'],
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0];
  if (!js) throw new Error('esbuild produced no bundle for the staff page');
  return new Map<string, WebAsset>([
    ['/index.html', { body: readFileSync(join(here, 'index.html')), contentType: 'text/html; charset=utf-8' }],
    ['/styles.css', { body: readFileSync(join(here, 'styles.css')), contentType: 'text/css; charset=utf-8' }],
    ['/app.js', { body: Buffer.from(js.contents), contentType: 'text/javascript; charset=utf-8' }],
  ]);
}

/** What the page's config.json says of the delegationsordning: each version's point titles. */
export function delegationTitlesForPage(order: DelegationOrder): DelegationTitles {
  return order.versions.map((v) => ({ validFrom: v.validFrom, points: Object.fromEntries(v.points.map((p) => [p.point, p.title])) }));
}

/** Writes the page's files into a folder (for the CDK asset); returns the folder. */
export function writeWebAssets(outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  for (const [path, asset] of buildWebAssets()) writeFileSync(join(outDir, path.slice(1)), asset.body);
  return outDir;
}
