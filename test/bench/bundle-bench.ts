/**
 * Each function's bundle as deployed (infra/constructs/bundling.ts: ESM, minified, SDK bundled):
 * its size, and the time a fresh Node.js process takes to load it (the module-initialisation
 * part of a cold start), beside a bare DynamoDB handler bundled the same way.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROUTES } from '../../functions/http/routes';
import { type Packaging, REPO_ROOT, bundledFiles, esbuildOptions, packagingEnvironment, routePackaging } from '../../infra/constructs/bundling';
import { percentile, round } from './stats';

const BARE_DYNAMODB_HANDLER = `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async (event) => client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { PK: { S: event.id }, SK: { S: 'CASE' } } }));
`;

/**
 * The same bare handler with the observability every function carries (Powertools' Logger,
 * Tracer with the client captured, Metrics, through their middy middlewares): the floor for a
 * traced function, so the ratio to it shows what our own code adds.
 */
const BARE_DYNAMODB_HANDLER_WITH_POWERTOOLS = `
import middy from '@middy/core';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
const logger = new Logger();
const tracer = new Tracer({ captureHTTPsRequests: false });
const metrics = new Metrics({ namespace: 'Bench' });
const client = tracer.captureAWSv3Client(new DynamoDBClient({}));
export const handler = middy(async (event) => client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { PK: { S: event.id }, SK: { S: 'CASE' } } })))
  .use([injectLambdaContext(logger), captureLambdaHandler(tracer), logMetrics(metrics)]);
`;

/** One fresh process timing only the `import()` of the bundle. */
function loadOnceMs(file: string, env: Record<string, string>): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1', AWS_REGION: 'eu-north-1', TABLE_NAME: 'bench', ...env },
    encoding: 'utf8',
  });
  return Number(out);
}

async function bundle(dir: string, id: string, packaging: Packaging, source?: string): Promise<{ file: string; env: Record<string, string> }> {
  const out = join(dir, id);
  const file = join(out, 'index.mjs');
  const options = esbuildOptions(packaging, file);
  if (source) {
    delete options.entryPoints;
    options.stdin = { contents: source, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: `${id}.ts` };
  }
  await build(options);
  for (const { from, to } of bundledFiles(packaging)) cpSync(join(REPO_ROOT, from), join(out, to), { recursive: true });
  return { file, env: packagingEnvironment(packaging, out) };
}

export async function benchBundles(runs = 7): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'jobbtorg-bundle-bench-'));
  const figures: Record<string, number> = {};
  try {
    const functions: Array<[string, Packaging, string?]> = [
      ['bare-dynamodb-handler', { entry: 'bare.ts', ruleSets: false, letters: false }, BARE_DYNAMODB_HANDLER],
      ['bare-dynamodb-handler-powertools', { entry: 'bare-powertools.ts', ruleSets: false, letters: false }, BARE_DYNAMODB_HANDLER_WITH_POWERTOOLS],
      ...ROUTES.map((r) => [r.id, routePackaging(r)] as [string, Packaging]),
      ['cull-expired-cases', { entry: 'functions/handlers/cull-expired-cases.ts', ruleSets: false, letters: false }],
    ];
    const built: Array<{ id: string; file: string; env: Record<string, string> }> = [];
    for (const [id, packaging, source] of functions) {
      const { file, env } = await bundle(dir, id, packaging, source);
      figures[`bundle.${id}.kB`] = round(statSync(file).size / 1024, 1);
      built.push({ id, file, env });
    }
    // Each round loads every bundle once, so a moment of load on the machine falls on all of them
    // alike rather than on whichever function was being timed; the median per bundle is kept.
    const samples = new Map<string, number[]>(built.map(({ id }) => [id, []]));
    for (let pass = 0; pass < runs; pass++) for (const { id, file, env } of built) samples.get(id)?.push(loadOnceMs(file, env));
    for (const [id, times] of samples) figures[`bundle.${id}.loadMs`] = round(percentile(times.sort((a, b) => a - b), 50), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
