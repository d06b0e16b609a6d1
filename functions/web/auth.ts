/// <reference lib="dom" />
/**
 * Who is signed in. Locally the page asks the local server for a development token
 * (POST /local/dev-token, which only the local server has). In AWS it uses Cognito's hosted
 * sign-in with the authorization code flow and PKCE (RFC 7636): a public client has no secret, so
 * the one-time verifier proves that the code comes back to the page that asked for it.
 */

export type StaffRole = 'handlaggare' | 'beslutsfattare' | 'jurist';

/**
 * The delegationsordning's point titles, version by version (as rules/delegationsordning/ has
 * them), so the page names a point by its title and not by a bare number like 3.1.4.
 */
export type DelegationTitles = Array<{ validFrom: string; points: Record<string, string> }>;

export type PageConfig = (
  | { auth: 'local'; users: DevUser[] }
  | { auth: 'cognito'; domain: string; clientId: string; redirectUri: string }
) & { delegationsordning?: DelegationTitles };

export interface DevUser {
  role: StaffRole;
  name: string;
  title?: string;
  delegation?: string;
}

export interface Session {
  token: string;
  /** The token's subject: who the API records as the actor (to recognise one's own proposals). */
  id: string;
  name: string;
  role: StaffRole;
  delegation?: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/**
 * Which of the sign-in's tokens the page sends to the API: the access token. Every route that is
 * not public demands an OAuth scope, and only an access token carries one (`jobbtorg/staff`, with
 * the name, title and delegation, put there by infra/constructs/triggers/staff-access-token.ts);
 * an ID token would be refused with 401 (infra/constructs/route-authorization.ts).
 */
export const API_TOKEN = 'access_token' as const;

const SESSION_KEY = 'jobbtorg.session';
const PKCE_KEY = 'jobbtorg.pkce';
const MESSAGE_KEY = 'jobbtorg.signout-message';
const RETURN_KEY = 'jobbtorg.return-to';
let config: PageConfig | undefined;

export async function loadConfig(): Promise<PageConfig> {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  config = (await response.json()) as PageConfig;
  return config;
}

/** The title of delegation point `point` in the delegationsordning in force on `onDate` (ÅÅÅÅ-MM-DD). */
export function delegationTitle(point: string, onDate: string): string | undefined {
  const versions = [...(config?.delegationsordning ?? [])].filter((v) => v.validFrom <= onDate).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  return versions[0]?.points[point];
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
  return JSON.parse(json) as Record<string, unknown>;
}

const STAFF_ROLES: StaffRole[] = ['beslutsfattare', 'handlaggare', 'jurist'];

/** The session a staff access token gives; the role is the first staff group (the API checks it again). */
export function sessionFromToken(token: string): Session {
  const claims = claimsOf(token);
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : String(claims['cognito:groups'] ?? '').split(',');
  const role = STAFF_ROLES.find((r) => groups.includes(r));
  if (!role) throw new Error('Kontot tillhör ingen av personalens roller (handläggare, beslutsfattare, jurist).');
  return {
    token,
    id: String(claims.sub ?? ''),
    name: String(claims.name ?? claims.email ?? 'Okänd användare'),
    role,
    ...(claims['custom:delegation'] ? { delegation: String(claims['custom:delegation']) } : {}),
    expiresAt: Number(claims.exp ?? 0),
  };
}

export function currentSession(): Session | undefined {
  const stored = sessionStorage.getItem(SESSION_KEY);
  if (!stored) return undefined;
  const session = JSON.parse(stored) as Session;
  if (session.expiresAt * 1000 < Date.now()) {
    sessionStorage.removeItem(SESSION_KEY);
    return undefined;
  }
  return session;
}

function keep(session: Session): Session {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

/** Sign-out message shown once on the sign-in view. */
export function takeSignOutMessage(): string | undefined {
  const message = sessionStorage.getItem(MESSAGE_KEY) ?? undefined;
  sessionStorage.removeItem(MESSAGE_KEY);
  return message;
}

/**
 * A view of this page (`#/arende/…`): nothing else is kept as a place to return to, so a stored
 * value can never lead the browser off the page or run anything.
 */
const PAGE_ADDRESS = /^#\/(?!logga-in$)\w[\w\-./~%]{0,199}$/;

/** The view asked for while signed out, kept across the sign-in (and Cognito's redirect). */
export function rememberReturnTarget(hash: string): void {
  if (PAGE_ADDRESS.test(hash)) sessionStorage.setItem(RETURN_KEY, hash);
}

/** The view to land on after signing in, once; undefined for the start page. */
export function takeReturnTarget(): string | undefined {
  const target = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  return target !== null && PAGE_ADDRESS.test(target) ? target : undefined;
}

export function signOut(message?: string): void {
  sessionStorage.removeItem(SESSION_KEY);
  if (message) {
    sessionStorage.setItem(MESSAGE_KEY, message);
    // An expired sign-in: after signing in again, back to where the person was.
    rememberReturnTarget(location.hash);
  }
  if (config?.auth === 'cognito' && !message) {
    const url = new URL(`${config.domain}/logout`);
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('logout_uri', config.redirectUri);
    location.assign(url.toString());
    return;
  }
  // Replacing the address fires no hashchange: a render before the reload would use up the message.
  history.replaceState(null, '', `${location.pathname}${location.search}#/logga-in`);
  location.reload();
}

/** Local development: the local server signs a token for the chosen user. */
export async function signInLocally(user: DevUser): Promise<Session> {
  const response = await fetch('/local/dev-token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(user),
  });
  if (!response.ok) throw new Error(`Kunde inte logga in lokalt (${response.status}).`);
  const { token } = (await response.json()) as { token: string };
  return keep(sessionFromToken(token));
}

const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** AWS: to Cognito's hosted sign-in, with a fresh PKCE verifier and state kept for the return. */
export async function startCognitoSignIn(): Promise<void> {
  if (config?.auth !== 'cognito') throw new Error('Inte konfigurerad för Cognito');
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(`${config.domain}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** AWS: back from the hosted sign-in with ?code=…&state=…: exchange the code for tokens. */
export async function completeCognitoSignIn(): Promise<Session | undefined> {
  if (config?.auth !== 'cognito') return undefined;
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', location.pathname + location.hash);
  if (!pending || params.get('state') !== pending.state) throw new Error('Inloggningen kunde inte slutföras (okänt tillstånd). Försök igen.');
  const response = await fetch(`${config.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: config.redirectUri, code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error(`Inloggningen kunde inte slutföras (${response.status}).`);
  const token = ((await response.json()) as Partial<Record<string, string>>)[API_TOKEN];
  if (!token) throw new Error('Inloggningen kunde inte slutföras (inloggningstjänsten skickade ingen token).');
  return keep(sessionFromToken(token));
}
