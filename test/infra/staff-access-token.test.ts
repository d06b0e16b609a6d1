import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { principalOf } from '../../functions/http/principal';
import { handler } from '../../infra/constructs/triggers/staff-access-token';

function event(groups: string[], attributes: Record<string, string>): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'eu-north-1',
    userPoolId: 'eu-north-1_test',
    userName: 'karin',
    callerContext: { awsSdkVersion: '3', clientId: 'staff' },
    request: { userAttributes: attributes, groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] }, scopes: ['aws.cognito.signin.user.admin'] },
    response: { claimsAndScopeOverrideDetails: null as never },
  } as PreTokenGenerationV2TriggerEvent;
}

describe('the staff access-token trigger', () => {
  it('gives a delegate the same name, title and delegation in the access token as in the ID token, and the staff scope', async () => {
    const out = await handler(event(['beslutsfattare'], { sub: 'u-1', name: 'Karin Åström', 'custom:title': 'Enhetschef', 'custom:delegation': 'AMN 2024:3 p. 4.2' }));
    const access = out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration;
    expect(access).toEqual({
      claimsToAddOrOverride: { name: 'Karin Åström', 'custom:title': 'Enhetschef', 'custom:delegation': 'AMN 2024:3 p. 4.2' },
      scopesToAdd: ['jobbtorg/staff'],
    });
    // What API Gateway would put on the event from that access token is a principal the handlers accept.
    const claims = { sub: 'u-1', token_use: 'access', scope: 'aws.cognito.signin.user.admin jobbtorg/staff', 'cognito:groups': 'beslutsfattare', ...access!.claimsToAddOrOverride };
    expect(principalOf({ requestContext: { authorizer: { claims } } } as never)?.actor).toMatchObject({ role: 'beslutsfattare', name: 'Karin Åström', delegationReference: 'AMN 2024:3 p. 4.2' });
  });

  it('leaves users outside the staff groups alone', async () => {
    const out = await handler(event([], { sub: 'u-2', name: 'Okänd' }));
    expect(out.response.claimsAndScopeOverrideDetails).toBeNull();
  });
});
