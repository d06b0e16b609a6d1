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
import { loadOrCreateKeyringFile } from '../../functions/person-index/sources';
import { startDynamoDbLocal } from './dynamodb-local';
import { startLocalServer } from './server';
import { recordDevelopmentApprovals } from './dev-approvals';

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');

// Decisions are dated today, under the rule set in force today. JOBBTORG_LOCAL_TODAY still pins
// the date for a demonstration of an earlier day; it is never set here, and Lambda ignores it.
const catalog = loadCatalog();

const db = await startDynamoDbLocal({ port: Number(process.env.DYNAMODB_PORT ?? 8000), dbPath: resolve(dataDir, 'dynamodb') });
process.env.DYNAMODB_ENDPOINT = db.endpoint;
process.env.TABLE_NAME ??= DEFAULT_TABLE_NAME;
// The person index's HMAC key (functions/person-index): a development keyring in the data folder,
// made on first start and kept with the data it indexes. In AWS it is a Secrets Manager secret.
process.env.PERSON_INDEX_KEYRING_FILE ??= resolve(dataDir, 'person-index-keyring.json');
loadOrCreateKeyringFile(process.env.PERSON_INDEX_KEYRING_FILE);
const client = createDynamoDbClient({ endpoint: db.endpoint });
const table = await ensureTable(client, process.env.TABLE_NAME);
// Only on an empty data folder: later, a changed rule set is a draft until approved on the page.
const approved = table === 'created' ? await recordDevelopmentApprovals(client, process.env.TABLE_NAME, catalog) : [];
const today = todayInStockholm();
let inForce = '';
try {
  inForce = catalog.forDate(today).ruleSet.id;
} catch {
  inForce = '';
}
const keys = await loadOrCreateDevKeys(resolve(dataDir, 'dev-jwt-key.json'));
// The staff page signs in through POST /local/dev-token; only this local start serves it.
const api = await startLocalServer({ port, keys, devTokens: true });

const pinned = process.env.JOBBTORG_LOCAL_TODAY;
process.stdout.write(`
Jobbtorg beslutsstöd körs lokalt
  Webbsidan:      ${api.url}/   (logga in som en utvecklingsanvändare)
  API:            ${api.url}/v1   (OpenAPI: ${api.url}/v1/openapi.json)
  DynamoDB Local: ${db.endpoint}, tabell ${process.env.TABLE_NAME} (${table}), data i ${resolve(dataDir, 'dynamodb')}
  Regelverk i dag (${today}): ${inForce || 'inget regelverk gäller i dag'}
${approved.length > 0 ? `
  Tom datamapp: ${approved.map((a) => a.ruleSetId).join(', ')} är godkända lokalt för utveckling
  (ingen juristgranskning). Beslut och brev säger det. I AWS godkänner en jurist varje regelverk.
` : ''}${pinned ? `
  OBS: dagens datum räknas som ${pinned} (JOBBTORG_LOCAL_TODAY).
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
