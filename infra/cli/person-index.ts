/**
 * The person index's key rotation, for an operator (README, "Personindex och nyckelbyte"):
 *   npm run -s person-index -- reindex        index every case under the keyring's current key
 *   npm run -s person-index -- drop KEY_ID    delete the entries of a retired key
 * The keyring comes from the same place as the functions' (PERSON_INDEX_SECRET_ID in AWS,
 * PERSON_INDEX_KEYRING_FILE locally, default .data/person-index-keyring.json); the table from
 * TABLE_NAME and DYNAMODB_ENDPOINT.
 */
import { resolve } from 'node:path';
import { personKeysFromEnvironment } from '../../functions/person-index/sources';
import { createDynamoDbClient } from '../../functions/storage/client';
import { dropPersonKey, reindexPersons } from '../../functions/storage/person-reindex';
import { DEFAULT_TABLE_NAME } from '../../functions/storage/table';
import { EXIT_BAD_INPUT } from './io';

const [command, keyId] = process.argv.slice(2);
const tableName = process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME;
const client = createDynamoDbClient(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {});

if (command === 'reindex') {
  process.env.PERSON_INDEX_KEYRING_FILE ??= resolve('.data', 'person-index-keyring.json');
  const keys = personKeysFromEnvironment();
  if (!keys) throw new Error('No keyring configured');
  const report = await reindexPersons(client, tableName, await keys());
  process.stdout.write(`Ärenden: ${report.cases}, indexerade: ${report.indexed}, personer med flera ärenden: ${report.peopleWithSeveralCases}\n`);
} else if (command === 'drop' && keyId && /^[A-Za-z0-9._-]{1,40}$/.test(keyId)) {
  process.stdout.write(`Borttagna indexposter för nyckel ${keyId}: ${await dropPersonKey(client, tableName, keyId)}\n`);
} else {
  process.stderr.write('Använd: npm run -s person-index -- reindex | drop KEY_ID\n');
  process.exit(EXIT_BAD_INPUT);
}
