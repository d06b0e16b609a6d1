/**
 * Which token API Gateway demands on a route, from the route table's access list.
 *
 * API Gateway's Cognito user-pool authorizer (REST API) works in one of two ways per method:
 * - no OAuth scopes on the method: the caller must send an **ID token** of the pool. Staff get
 *   one at sign-in; it carries `cognito:groups`, `name`, `custom:title` and `custom:delegation`,
 *   which is what functions/http/principal.ts needs to name the decision-maker.
 * - OAuth scopes on the method: the caller must send an **access token** with one of the scopes;
 *   an ID token is refused. Outreach tools only ever have access tokens (client credentials,
 *   scope `jobbtorg/outreach`), so every route they may call lists that scope.
 *
 * A route open to both staff and outreach tools therefore lists both `jobbtorg/outreach` and
 * `jobbtorg/staff`, and staff call it with their access token, into which the pre-token-generation
 * trigger (triggers/staff-access-token.ts) puts the staff scope and the same name, title and
 * delegation claims. The handlers check the role again either way (deny by default).
 */
import { OUTREACH_SCOPE } from '../../functions/http/principal';
import type { RouteDefinition } from '../../functions/http/routes';
import { STAFF_SCOPE } from './triggers/staff-access-token';

export type RouteAuthorization =
  | { kind: 'public' }
  | { kind: 'id-token' }
  | { kind: 'access-token'; scopes: string[] };

export function routeAuthorization(route: Pick<RouteDefinition, 'access'>): RouteAuthorization {
  if (route.access === 'public') return { kind: 'public' };
  if (route.access.length === 0) throw new Error('A route with no roles can never be called; remove it or list its roles');
  const outreach = route.access.includes('uppsok');
  const staff = route.access.some((role) => role !== 'uppsok');
  if (!outreach) return { kind: 'id-token' };
  return { kind: 'access-token', scopes: staff ? [OUTREACH_SCOPE, STAFF_SCOPE] : [OUTREACH_SCOPE] };
}
