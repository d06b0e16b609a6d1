/**
 * Cognito pre-token-generation trigger (event version 2): puts a staff member's name, title and
 * delegation, and the `jobbtorg/staff` scope, into their *access* token.
 *
 * Why: API Gateway's Cognito authorizer accepts an ID token only on methods without OAuth scopes,
 * and only an access token with a listed scope on methods with scopes. A route that both staff and
 * outreach tools may call (e.g. reading a referral's status) must therefore list scopes, and staff
 * reach it with their access token. functions/http/principal.ts reads the same claims from either
 * token, so with these claims the staff member is the same principal on every route.
 *
 * Outreach tools use client credentials, for which version 2 triggers do not run.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

export const STAFF_GROUPS = ['handlaggare', 'beslutsfattare', 'jurist'];
export const STAFF_SCOPE = 'jobbtorg/staff';

export async function handler(event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> {
  const groups = event.request.groupConfiguration.groupsToOverride ?? [];
  if (!groups.some((g) => STAFF_GROUPS.includes(g))) return event;
  const attributes = event.request.userAttributes;
  const claims: Record<string, string> = {};
  if (attributes.name) claims.name = attributes.name;
  if (attributes['custom:title']) claims['custom:title'] = attributes['custom:title'];
  if (attributes['custom:delegation']) claims['custom:delegation'] = attributes['custom:delegation'];
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: { claimsToAddOrOverride: claims, scopesToAdd: [STAFF_SCOPE] },
    },
  };
  return event;
}
