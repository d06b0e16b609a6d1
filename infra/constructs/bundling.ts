/**
 * How a function is packaged, defined once: the esbuild settings, which data files ship beside the
 * bundle, and the environment that points the code at them. The CDK stack (NodejsFunction), the
 * bundle bench and the infra tests all read this module, so what is measured and tested is what
 * is deployed. No CDK imports here: the bench loads it without the CDK.
 */
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import type { RouteDefinition } from '../../functions/http/routes';
import { FONT_FILES } from '../../functions/letters/fonts';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Lambda's runtime (arm64) and the esbuild target that matches it. */
export const NODE_MAJOR = 24;
export const ESBUILD_TARGET = `node${NODE_MAJOR}`;

/** Where Lambda unpacks the bundle; data files are read from beside it. */
export const LAMBDA_TASK_ROOT = '/var/task';

/**
 * ESM bundles still contain CommonJS packages (pdfmake, pdfkit, json-rules-engine) that call
 * `require` for Node built-ins and read data files relative to `__dirname`; ESM defines neither.
 */
export const ESM_BANNER = [
  "import { createRequire as __jbCreateRequire } from 'node:module';",
  "import { fileURLToPath as __jbFileURLToPath } from 'node:url';",
  "import { dirname as __jbDirname } from 'node:path';",
  'const require = __jbCreateRequire(import.meta.url);',
  'const __filename = __jbFileURLToPath(import.meta.url);',
  'const __dirname = __jbDirname(__filename);',
].join(' ');

/**
 * fontkit (under pdfkit) imports a pure-JS Brotli decoder for WOFF2 fonts only. The letters embed
 * TrueType fonts, so the bundles take a stand-in that throws if it is ever reached (475 kB less).
 */
export const ESBUILD_ALIASES = { brotli: join(REPO_ROOT, 'infra/constructs/no-woff2') } as const;

/** The settings NodejsFunction passes to esbuild; the bench and tests call esbuild with the same. */
export const ESBUILD_SETTINGS = {
  format: 'esm',
  platform: 'node',
  target: ESBUILD_TARGET,
  minify: true,
  sourcemap: true,
  // ESM entry points of the AWS SDK, middy and zod: smaller bundles, faster module load.
  mainFields: ['module', 'main'],
  // The SDK is bundled, not taken from the runtime: a pinned, tested version, and tree-shaken.
  external: [] as string[],
  banner: { js: ESM_BANNER },
} as const;

export interface Packaging {
  /** The handler module, relative to the repository root. */
  entry: string;
  /** Loads rule sets (rules/ ships beside the bundle, RULES_DIR points at it). */
  ruleSets: boolean;
  /** Renders letters: pdfmake, its fonts, pdfkit's colour profile and the templates ship with it. */
  letters: boolean;
}

/** What a route's function ships, as the route table says (the infra tests check it against esbuild's inputs). */
export function routePackaging(route: Pick<RouteDefinition, 'id' | 'rendersLetters' | 'usesRules'>): Packaging {
  return { entry: `functions/handlers/${route.id}.ts`, ruleSets: route.usesRules === true, letters: route.rendersLetters === true };
}

/** pdfkit is pdfmake's dependency; it may sit beside it or inside it in node_modules. */
function pdfkitDataDir(): string {
  const fromPdfmake = createRequire(createRequire(import.meta.url).resolve('pdfmake/package.json'));
  return join(dirname(fromPdfmake.resolve('pdfkit/package.json')), 'js', 'data');
}

function pdfmakeFontsDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
}

/** Files and folders copied into the bundle directory: `from` relative to the repository root. */
export function bundledFiles(packaging: Packaging): Array<{ from: string; to: string }> {
  const files: Array<{ from: string; to: string }> = [];
  if (packaging.ruleSets) files.push({ from: 'rules', to: 'rules' });
  if (packaging.letters) {
    files.push({ from: 'templates', to: 'templates' });
    for (const font of Object.values(FONT_FILES)) files.push({ from: relative(REPO_ROOT, join(pdfmakeFontsDir(), font)), to: `fonts/${font}` });
    // pdfkit reads the PDF/A output intent's ICC profile from `${__dirname}/data`.
    files.push({ from: relative(REPO_ROOT, join(pdfkitDataDir(), 'sRGB_IEC61966_2_1.icc')), to: 'data/sRGB_IEC61966_2_1.icc' });
  }
  return files;
}

/** The environment that points the code at the files beside the bundle. */
export function packagingEnvironment(packaging: Packaging, root: string = LAMBDA_TASK_ROOT): Record<string, string> {
  return {
    ...(packaging.ruleSets ? { RULES_DIR: `${root}/rules` } : {}),
    ...(packaging.letters ? { LETTER_TEMPLATES_DIR: `${root}/templates`, LETTER_FONTS_DIR: `${root}/fonts` } : {}),
  };
}

/** Shell commands for NodejsFunction's afterBundling hook (local bundling: no Docker). */
export function copyCommands(packaging: Packaging, inputDir: string, outputDir: string): string[] {
  return bundledFiles(packaging).map(({ from, to }) => {
    const target = `${outputDir}/${to}`;
    return `mkdir -p "${dirname(target)}" && cp -R "${inputDir}/${from}" "${target}"`;
  });
}

/** esbuild options for bundling a function outside the CDK (bench, tests), same as deployed. */
export function esbuildOptions(packaging: Packaging, outfile: string): BuildOptions {
  return {
    ...ESBUILD_SETTINGS,
    mainFields: [...ESBUILD_SETTINGS.mainFields],
    external: [...ESBUILD_SETTINGS.external],
    banner: { ...ESBUILD_SETTINGS.banner },
    alias: { ...ESBUILD_ALIASES },
    entryPoints: [join(REPO_ROOT, packaging.entry)],
    bundle: true,
    outfile,
    metafile: true,
    logLevel: 'silent',
  };
}
