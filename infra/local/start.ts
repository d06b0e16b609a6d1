/**
 * `npm start`: DynamoDB Local with its data under .data/ (kept across restarts), the table from
 * the shared definition, and the API on 127.0.0.1:3000 (PORT to change). Ctrl-C stops both.
 */
import { resolve } from 'node:path';
import { todayInStockholm } from '../../functions/domain/dates';
import { loadCatalog } from '../../functions/rule-sets/load-files';
import { createDynamoDbClient } from '../../functions/storage/client';
import { ensureTable } from '../../functions/storage/ensure-table';
import { DEFAULT_TABLE_NAME } from '../../functions/storage/table';
import { loadOrCreateDevKeys } from './dev-keys';
import { startDynamoDbLocal } from './dynamodb-local';
import { startLocalServer } from './server';

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');

// No published rule set covers today (SoL 2001:453 was replaced on 2025-07-01; see README). So
// that a newcomer can still walk from a case to a signed letter, the local service then runs as
// if it were the last day a rule set covers, and says so. Never done in AWS.
const catalog = loadCatalog();
const today = todayInStockholm();
if (!process.env.JOBBTORG_LOCAL_TODAY) {
  try {
    catalog.forDate(today);
  } catch {
    const lastCovered = catalog.list().map((s) => s.ruleSet.validTo).filter((d): d is string => d !== undefined).sort().at(-1);
    if (lastCovered) process.env.JOBBTORG_LOCAL_TODAY = lastCovered;
  }
}

const db = await startDynamoDbLocal({ port: Number(process.env.DYNAMODB_PORT ?? 8000), dbPath: resolve(dataDir, 'dynamodb') });
process.env.DYNAMODB_ENDPOINT = db.endpoint;
process.env.TABLE_NAME ??= DEFAULT_TABLE_NAME;
const table = await ensureTable(createDynamoDbClient({ endpoint: db.endpoint }), process.env.TABLE_NAME);
const keys = await loadOrCreateDevKeys(resolve(dataDir, 'dev-jwt-key.json'));
const api = await startLocalServer({ port, keys });

const pinned = process.env.JOBBTORG_LOCAL_TODAY;
process.stdout.write(`
Jobbtorg beslutsstöd körs lokalt
  Webbsidan:      ${api.url}/   (logga in som en utvecklingsanvändare)
  API:            ${api.url}/v1   (OpenAPI: ${api.url}/v1/openapi.json)
  DynamoDB Local: ${db.endpoint}, tabell ${process.env.TABLE_NAME} (${table}), data i ${resolve(dataDir, 'dynamodb')}
${pinned ? `
  OBS: inget regelverk gäller i dag (${today}). Lokalt räknas dagens datum som ${pinned}
  (JOBBTORG_LOCAL_TODAY). Sätt JOBBTORG_LOCAL_TODAY=ÅÅÅÅ-MM-DD för ett annat datum.
` : ''}
Hämta en token (i ett annat fönster):
  TOKEN=$(npm run -s token -- --role handlaggare --name "Anna Lindqvist")
  DELEGAT=$(npm run -s token -- --role beslutsfattare --name "Göran Ödmark" --delegation 3.1.4 --title Enhetschef)

Föreslå ett beslut:
  curl -s -X POST ${api.url}/v1/decisions -H "Authorization: Bearer $TOKEN" \\
       -H 'Content-Type: application/json' --data @test/fixtures/api/grant.json

Stoppa med Ctrl-C.
`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stänger API:t och DynamoDB Local …\n`);
  await api.close();
  await db.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
