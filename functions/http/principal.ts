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

function groupsOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  // API Gateway flattens list claims to strings such as "[a b]" or "a,b".
  return raw.replace(/^\[|\]$/g, '').split(/[,\s]+/).filter(Boolean);
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
  // Someone in several staff groups acts with the widest of them; staff never act as outreach tools.
  const role = STAFF_ROLES_WIDEST_FIRST.find((r) => groups.includes(r));
  if (!role || typeof claims.name !== 'string' || claims.name.trim() === '') return undefined;
  return {
    actor: {
      id: claims.sub,
      name: claims.name,
      role,
      ...(typeof claims['custom:title'] === 'string' ? { title: claims['custom:title'] } : {}),
      ...(typeof claims['custom:delegation'] === 'string' && claims['custom:delegation'] !== '' ? { delegationReference: claims['custom:delegation'] } : {}),
    },
  };
}
