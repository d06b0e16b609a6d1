/**
 * Who is calling, from the claims API Gateway's Cognito authorizer put on the event (or that the
 * local server put there after verifying a development token). Staff are users in a group per
 * role; an outreach tool is an app client with client-credentials scopes.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Actor, Role } from '../domain/records-schema';

const STAFF_ROLES_WIDEST_FIRST: Role[] = ['beslutsfattare', 'handlaggare', 'jurist'];

export const OUTREACH_SCOPE = 'jobbtorg/outreach';

export interface Principal {
  actor: Actor;
}

/**
 * The caller's groups, as a list only. A string is one group name, whole: it is never split,
 * because a group may be named `jurist,beslutsfattare` and must not act as beslutsfattare. API
 * Gateway passes a person in several groups as one such string, which names no role (README:
 * one staff group per person).
 */
function groupsOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === 'string');
  return typeof raw === 'string' ? [raw] : [];
}

/** The caller's principal, or undefined when the event carries no usable identity. */
export function principalOf(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Principal | undefined {
  const claims = (event.requestContext?.authorizer?.claims ?? undefined) as Record<string, unknown> | undefined;
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') return undefined;
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  if (claims.token_use === 'access' && scopes.includes(OUTREACH_SCOPE)) {
    const clientId = typeof claims.client_id === 'string' ? claims.client_id : claims.sub;
    return { actor: { id: clientId, name: `Uppsökande verktyg ${clientId}`, role: 'uppsok' } };
  }
  const groups = groupsOf(claims['cognito:groups']);
  // Someone whose token lists several staff groups acts with the widest of them; staff never act as outreach tools.
  const role = STAFF_ROLES_WIDEST_FIRST.find((r) => groups.includes(r));
  if (!role || typeof claims.name !== 'string' || claims.name.trim() === '') return undefined;
  return {
    actor: {
      id: claims.sub,
      name: claims.name,
      role,
      ...(typeof claims['custom:title'] === 'string' ? { title: claims['custom:title'] } : {}),
      ...(typeof claims['custom:delegation'] === 'string' && claims['custom:delegation'] !== '' ? { delegationReference: claims['custom:delegation'] } : {}),
      ...(typeof claims.phone_number === 'string' && claims.phone_number !== '' ? { phone: claims.phone_number } : {}),
      ...(typeof claims.email === 'string' && claims.email !== '' ? { email: claims.email } : {}),
    },
  };
}
