import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/http/routes';
import { type Packaging, REPO_ROOT, bundledFiles, esbuildOptions, packagingEnvironment, routePackaging } from '../../infra/constructs/bundling';

/** What esbuild put into each function's bundle, with the settings the stack deploys. */
const inputs = new Map<string, string[]>();
const cull: Packaging = { entry: 'functions/handlers/cull-expired-cases.ts', ruleSets: false, letters: false };

beforeAll(async () => {
  const all = [...ROUTES.map((r) => [r.id, routePackaging(r)] as const), ['cull-expired-cases', cull] as const];
  // One build with every entry point: esbuild parses shared modules once, and the metafile still
  // lists each output's inputs. Minifying and source maps change nothing about which modules are
  // in, so they are left out here.
  const { outfile: _outfile, entryPoints: _entryPoints, ...settings } = esbuildOptions(cull, 'unused.mjs');
  const result = await build({
    ...settings,
    entryPoints: Object.fromEntries(all.map(([id, packaging]) => [id, join(REPO_ROOT, packaging.entry)])),
    outdir: join(tmpdir(), 'jobbtorg-bundles'),
    outExtension: { '.js': '.mjs' },
    write: false,
    minify: false,
    sourcemap: false,
  });
  for (const [path, output] of Object.entries(result.metafile!.outputs)) {
    if (output.entryPoint) inputs.set(path.replace(/^.*\/([^/]+)\.mjs$/, '$1'), Object.keys(output.inputs));
  }
  expect(inputs.size).toBe(all.length);
});

describe('function bundles', () => {
  it('contain pdfmake only in the functions that render letters', () => {
    for (const route of ROUTES) {
      const hasPdfmake = inputs.get(route.id)!.some((path) => path.includes('node_modules/pdfmake/') || path.includes('node_modules/pdfkit/'));
      expect(hasPdfmake, route.id).toBe(route.rendersLetters === true);
    }
    expect(inputs.get('cull-expired-cases')!.some((p) => p.includes('pdfmake'))).toBe(false);
  });

  it('ship the rule sets exactly to the functions whose code loads them', () => {
    for (const route of ROUTES) {
      const loadsRuleSets = inputs.get(route.id)!.some((path) => path.endsWith('functions/rule-sets/load-files.ts'));
      expect(routePackaging(route).ruleSets, route.id).toBe(loadsRuleSets);
    }
  });

  it('bundle the AWS SDK instead of taking it from the runtime', () => {
    expect(inputs.get('create-decision')!.some((p) => p.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
  });
});

describe('the letter-rendering bundle', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jobbtorg-letter-bundle-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders a letter from its own directory: fonts, colour profile, templates and rule sets beside it, no node_modules', async () => {
    // The sign-decision function's packaging, around an entry that renders a sample letter.
    const packaging: Packaging = { ...routePackaging(ROUTES.find((r) => r.rendersLetters)!), entry: 'entry.ts' };
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `import { renderLetter } from ${JSON.stringify(join(REPO_ROOT, 'functions/letters/render-letter.ts'))};`,
        `import { sampleDecisionInput } from ${JSON.stringify(join(REPO_ROOT, 'functions/letters/samples.ts'))};`,
        'export async function render(kind) { return renderLetter(await sampleDecisionInput(kind)); }',
      ].join('\n'),
    );
    const out = join(dir, 'bundle');
    await build({ ...esbuildOptions(packaging, join(out, 'index.mjs')), entryPoints: [entry] });
    for (const { from, to } of bundledFiles(packaging)) cpSync(join(REPO_ROOT, from), join(out, to), { recursive: true });

    const saved = { ...process.env };
    Object.assign(process.env, packagingEnvironment(packaging, out));
    try {
      const bundle = (await import(pathToFileURL(join(out, 'index.mjs')).href)) as { render(kind: string): Promise<{ ok: boolean; letter?: { pdf: Uint8Array } }> };
      const result = await bundle.render('grant');
      expect(result.ok).toBe(true);
      const pdf = Buffer.from(result.letter!.pdf);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // PDF/A: the output intent carries the sRGB profile read from data/ beside the bundle.
      expect(pdf.includes(Buffer.from('/OutputIntents'))).toBe(true);
    } finally {
      process.env = saved;
    }
  });
});
