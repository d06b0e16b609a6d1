/**
 * The local development signing key (ES256), kept under .data/ (git-ignored). Tokens signed with
 * it are accepted only by the local server; in AWS, Cognito issues the tokens.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { Role } from '../../functions/domain/records-schema';
import { OUTREACH_SCOPE } from '../../functions/http/principal';
import { STAFF_SCOPE } from '../constructs/triggers/staff-access-token';

export const LOCAL_ISSUER = 'https://jobbtorg.local/dev';
export const LOCAL_AUDIENCE = 'jobbtorg-api';
export const DEFAULT_KEY_FILE = '.data/dev-jwt-key.json';

export interface DevKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export async function generateDevKeys(): Promise<DevKeys> {
  return generateKeyPair('ES256', { extractable: true });
}

export async function loadOrCreateDevKeys(file = DEFAULT_KEY_FILE): Promise<DevKeys> {
  if (existsSync(file)) {
    const { privateJwk, publicJwk } = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    return { privateKey: (await importJWK(privateJwk, 'ES256')) as CryptoKey, publicKey: (await importJWK(publicJwk, 'ES256')) as CryptoKey };
  }
  const keys = await generateDevKeys();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ privateJwk: await exportJWK(keys.privateKey), publicJwk: await exportJWK(keys.publicKey) }), { mode: 0o600 });
  return keys;
}

export interface TokenRequest {
  role: Role;
  name: string;
  delegation?: string;
  title?: string;
  /** The staff record's phone and e-mail (the letter's contact person). */
  phone?: string;
  email?: string;
  /** For an outreach tool (role uppsok): its app client id. */
  clientId?: string;
  expiresIn?: string;
}

/** A UUID for a development user, the same each time (Cognito's `sub` is a UUID too). */
export function devSubject(role: Role, name: string): string {
  const hex = createHash('sha256').update(`jobbtorg-dev:${role}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A token shaped like Cognito's access tokens: for staff, as the pre-token-generation trigger
 * leaves it (the staff scope, the groups, name, title and delegation); for a tool, a
 * client-credentials token with the outreach scope.
 */
export async function signDevToken(keys: DevKeys, request: TokenRequest): Promise<string> {
  const claims: Record<string, unknown> =
    request.role === 'uppsok'
      ? { client_id: request.clientId ?? 'uppsok-verktyg', scope: OUTREACH_SCOPE, token_use: 'access' }
      : {
          name: request.name,
          'cognito:groups': [request.role],
          token_use: 'access',
          scope: `openid email profile ${STAFF_SCOPE}`,
          ...(request.delegation ? { 'custom:delegation': request.delegation } : {}),
          ...(request.title ? { 'custom:title': request.title } : {}),
          ...(request.phone ? { phone_number: request.phone } : {}),
          ...(request.email ? { email: request.email } : {}),
        };
  const subject = request.role === 'uppsok' ? (request.clientId ?? 'uppsok-verktyg') : devSubject(request.role, request.name);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(request.expiresIn ?? '8h')
    .sign(keys.privateKey);
}
