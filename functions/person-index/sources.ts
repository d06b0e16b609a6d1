/**
 * Where the person-index keyring comes from:
 * - in AWS, a secret in AWS Secrets Manager (PERSON_INDEX_SECRET_ID), read once per Lambda
 *   container and again after `refreshMs`, so a rotated keyring reaches every function within it;
 * - locally, a file in the data folder (PERSON_INDEX_KEYRING_FILE), made on first start.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PersonKeys } from '../domain/person-index';
import { type Keyring, newKeyring, parseKeyring, personKeysOf } from './keyring';

/** Reads the keyring file, or writes a new development keyring there first (owner-only). */
export function loadOrCreateKeyringFile(path: string): Keyring {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(newKeyring(), null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  }
  return parseKeyring(readFileSync(path, 'utf8'), path);
}

export interface SecretSource {
  secretId: string;
  client?: Pick<SecretsManagerClient, 'send'>;
  refreshMs?: number;
  now?: () => number;
}

/** The keyring from Secrets Manager, cached; a failed read is an error, never an empty keyring. */
export function secretsManagerKeys(source: SecretSource): () => Promise<PersonKeys> {
  const refreshMs = source.refreshMs ?? 15 * 60 * 1000;
  const now = source.now ?? Date.now;
  let cached: { keys: PersonKeys; at: number } | undefined;
  let client = source.client;
  return async () => {
    if (cached && now() - cached.at < refreshMs) return cached.keys;
    client ??= new SecretsManagerClient({});
    const secret = await client.send(new GetSecretValueCommand({ SecretId: source.secretId }));
    if (!secret.SecretString) throw new Error(`The secret ${source.secretId} has no string value`);
    cached = { keys: personKeysOf(parseKeyring(secret.SecretString, `secret ${source.secretId}`)), at: now() };
    return cached.keys;
  };
}

/** The keyring this process uses, from its environment; undefined when none is configured. */
export function personKeysFromEnvironment(env: NodeJS.ProcessEnv = process.env): (() => Promise<PersonKeys>) | undefined {
  if (env.PERSON_INDEX_SECRET_ID) return secretsManagerKeys({ secretId: env.PERSON_INDEX_SECRET_ID });
  const file = env.PERSON_INDEX_KEYRING_FILE;
  if (file) {
    let keys: PersonKeys | undefined;
    return async () => (keys ??= personKeysOf(loadOrCreateKeyringFile(file)));
  }
  return undefined;
}
