/**
 * Which token API Gateway demands on a route, from the route table's access list, and what its
 * Cognito authorizer then lets through.
 *
 * API Gateway's Cognito user-pool authorizer (REST API) works in one of two ways per method:
 * - no OAuth scopes on the method: the caller must send an **ID token** of the pool;
 * - OAuth scopes on the method: the caller must send an **access token** with one of the scopes;
 *   an ID token is refused (401).
 *
 * Outreach tools only ever have access tokens (client credentials, scope `jobbtorg/outreach`).
 * So that one token works on every route a person may call, staff call the API with their access
 * token too: the pre-token-generation trigger (triggers/staff-access-token.ts) puts the staff
 * scope `jobbtorg/staff` and the name, title and delegation claims into it. Every route that is
 * not public therefore lists scopes: `jobbtorg/staff` where staff may call it, `jobbtorg/outreach`
 * where outreach tools may, both where both may. The staff page sends the access token
 * (functions/web/auth.ts, API_TOKEN); test/infra/page-routes.test.ts checks, route by route the
 * page calls, that the authorizer accepts it. The handlers check the role again (deny by default).
 */
import { OUTREACH_SCOPE } from '../../functions/http/principal';
import type { RouteDefinition } from '../../functions/http/routes';
import { STAFF_SCOPE } from './triggers/staff-access-token';

export type RouteAuthorization = { kind: 'public' } | { kind: 'access-token'; scopes: string[] };

export function routeAuthorization(route: Pick<RouteDefinition, 'access'>): RouteAuthorization {
  if (route.access === 'public') return { kind: 'public' };
  if (route.access.length === 0) throw new Error('A route with no roles can never be called; remove it or list its roles');
  const outreach = route.access.includes('uppsok');
  const staff = route.access.some((role) => role !== 'uppsok');
  return { kind: 'access-token', scopes: [...(outreach ? [OUTREACH_SCOPE] : []), ...(staff ? [STAFF_SCOPE] : [])] };
}

/**
 * Whether API Gateway's Cognito authorizer lets a (validly signed, unexpired) token through to a
 * method with these OAuth scopes: the rule above. The local server applies it as API Gateway
 * would, and the infra tests apply it to the synthesized methods.
 */
export function cognitoAuthorizerAccepts(methodScopes: readonly string[] | undefined, claims: Record<string, unknown>): boolean {
  if (!methodScopes || methodScopes.length === 0) return claims.token_use === 'id';
  const granted = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  return claims.token_use === 'access' && methodScopes.some((scope) => granted.includes(scope));
}
