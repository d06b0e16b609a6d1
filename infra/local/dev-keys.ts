/**
 * The local development signing key (ES256), kept under .data/ (git-ignored). Tokens signed with
 * it are accepted only by the local server; in AWS, Cognito issues the tokens.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { Role } from '../../functions/domain/records-schema';
import { OUTREACH_SCOPE } from '../../functions/http/principal';

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
  /** For an outreach tool (role uppsok): its app client id. */
  clientId?: string;
  expiresIn?: string;
}

/** A token shaped like Cognito's: an ID token for staff, a client-credentials access token for tools. */
export async function signDevToken(keys: DevKeys, request: TokenRequest): Promise<string> {
  const claims: Record<string, unknown> =
    request.role === 'uppsok'
      ? { client_id: request.clientId ?? 'uppsok-verktyg', scope: OUTREACH_SCOPE, token_use: 'access' }
      : {
          name: request.name,
          'cognito:groups': [request.role],
          token_use: 'id',
          ...(request.delegation ? { 'custom:delegation': request.delegation } : {}),
          ...(request.title ? { 'custom:title': request.title } : {}),
        };
  const subject = request.role === 'uppsok' ? (request.clientId ?? 'uppsok-verktyg') : `local-${request.role}-${request.name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-')}`;
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
