/** The person index's keyring: keyed hashes that name their key, rotation order, and a keyring that is refused rather than half-used. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newKeyring, parseKeyring, personKeysOf } from '../../functions/person-index/keyring';
import { loadOrCreateKeyringFile, secretsManagerKeys } from '../../functions/person-index/sources';

const pnr = '20010517-9822';

describe('the person-index keyring', () => {
  it('gives the HMAC-SHA-256 of the canonical number under the current key first, then under every other key', () => {
    const keyring = { current: 'k2', k1: 'a'.repeat(40), k2: 'b'.repeat(40) };
    const keys = personKeysOf(keyring).keysOf(pnr);
    expect(keys).toEqual([
      `k2:${createHmac('sha256', 'b'.repeat(40)).update(pnr).digest('hex')}`,
      `k1:${createHmac('sha256', 'a'.repeat(40)).update(pnr).digest('hex')}`,
    ]);
    expect(keys.join()).not.toContain('20010517');
    expect(personKeysOf(keyring).keysOf('20010517-9830')[0]).not.toBe(keys[0]);
  });

  it('refuses a keyring whose current key is missing, whose key is short, or that is not JSON, without echoing key material', () => {
    expect(() => parseKeyring(JSON.stringify({ current: 'k2', k1: 'a'.repeat(40) }), 'test')).toThrow(/current must name a key/);
    expect(() => parseKeyring(JSON.stringify({ current: 'k1', k1: 'kort-hemlig' }), 'test')).toThrow(/at least 32/);
    expect(() => parseKeyring('{"current":', 'test')).toThrow(/not JSON/);
    try {
      parseKeyring(JSON.stringify({ current: 'k1', k1: 'kort-hemlig' }), 'test');
    } catch (error) {
      expect((error as Error).message).not.toContain('kort-hemlig');
    }
  });

  it('makes a development keyring file once, readable by its owner only, and reads the same keys back', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keyring-')), 'data', 'person-index-keyring.json');
    const made = loadOrCreateKeyringFile(file);
    expect(loadOrCreateKeyringFile(file)).toEqual(made);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(made);
    expect(Object.keys(newKeyring('x'))).toEqual(['current', 'x']);
  });

  it('reads the keyring from Secrets Manager once per refresh period, and fails loudly when the secret cannot be read', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ current: 'k1', k1: 'c'.repeat(64) }) });
    let now = 0;
    const keys = secretsManagerKeys({ secretId: 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:person-index', client: new SecretsManagerClient({}), refreshMs: 1000, now: () => now });
    const first = (await keys()).keysOf(pnr);
    await keys();
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    now = 1500;
    expect((await keys()).keysOf(pnr)).toEqual(first);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    now = 3000;
    await expect(keys()).rejects.toThrow('denied');
    sm.restore();
  });
});
