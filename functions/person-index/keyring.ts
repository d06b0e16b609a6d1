/**
 * The keyring of the person index (functions/domain/person-index.ts): named HMAC-SHA-256 keys and
 * which of them is current. An index key is `<key id>:<hex hmac>`, so an entry says which key made
 * it and a rotation can re-index case by case (infra/cli/person-index.ts).
 *
 * The keyring is one flat JSON object, the same in AWS Secrets Manager (which generates a key as a
 * top-level property) and in the local data folder:
 *   { "current": "k1", "k1": "<key: at least 32 printable ASCII characters>" }
 * During a rotation it holds two keys: { "current": "k2", "k1": "…", "k2": "…" }.
 */
import { createHmac, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { PersonKeys } from '../domain/person-index';

const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;
const KEY_MATERIAL = /^[\x21-\x7e]{32,}$/;

export const keyringSchema = z.record(z.string(), z.string()).check(
  z.refine((k) => typeof k.current === 'string' && k.current !== 'current' && KEY_ID.test(k.current) && k[k.current] !== undefined, {
    message: 'current must name a key in the keyring',
  }),
  z.refine((k) => Object.entries(k).every(([id, key]) => id === 'current' || (KEY_ID.test(id) && KEY_MATERIAL.test(key))), {
    message: 'every key needs an id of letters, digits, dot, dash or underscore, and at least 32 printable ASCII characters',
  }),
);
export type Keyring = z.infer<typeof keyringSchema>;

/** Parses a keyring; the error never contains key material. */
export function parseKeyring(text: string, source: string): Keyring {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error(`The person-index keyring from ${source} is not JSON`);
  }
  const parsed = keyringSchema.safeParse(document);
  if (!parsed.success) throw new Error(`The person-index keyring from ${source} is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** A new keyring with one random 256-bit key (development, tests, and the first key in AWS). */
export function newKeyring(id = 'dev-1'): Keyring {
  return { current: id, [id]: randomBytes(32).toString('base64url') };
}

export function personKeysOf(keyring: Keyring): PersonKeys {
  const current = keyring.current as string;
  const keys = new Map(Object.entries(keyring).filter(([id]) => id !== 'current').map(([id, key]) => [id, Buffer.from(key, 'utf8')] as const));
  const order = [current, ...[...keys.keys()].filter((id) => id !== current).sort()];
  return {
    keysOf: (canonical) => order.map((id) => `${id}:${createHmac('sha256', keys.get(id) as Buffer).update(canonical, 'utf8').digest('hex')}`),
  };
}
