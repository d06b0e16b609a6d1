/**
 * Cognito pre-token-generation trigger (event version 2): puts a staff member's name, title,
 * delegation, phone and e-mail (their staff record), and the `jobbtorg/staff` scope, into their
 * *access* token.
 *
 * Why: staff call the API with their access token, as outreach tools do (API Gateway's Cognito
 * authorizer takes only access tokens on methods with OAuth scopes, and every route lists its
 * scopes: route-authorization.ts). functions/http/principal.ts reads these claims, so with them
 * the staff member is the same principal on every route; Cognito puts `cognito:groups` (the
 * role) into the access token itself.
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
  // The staff record's phone and e-mail: the letter names the case worker as contact person.
  if (attributes.phone_number) claims.phone_number = attributes.phone_number;
  if (attributes.email) claims.email = attributes.email;
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: { claimsToAddOrOverride: claims, scopesToAdd: [STAFF_SCOPE] },
    },
  };
  return event;
}
