/**
 * Issue #14.8: the staff page and API Gateway's authorizer agree on every route the page calls.
 * The routes are read from the page's own code (every call through functions/web/api.ts, and the
 * links it follows from the API's resources), the token from what the page keeps after sign-in
 * (auth.ts, API_TOKEN) as Cognito and the staff trigger issue it, and the authorizer's demands
 * from the synthesized template. A route the page calls that would answer 401 fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../functions/http/principal';
import { type RouteDefinition, matchRoute } from '../../functions/http/routes';
import { API_TOKEN } from '../../functions/web/auth';
import { cognitoAuthorizerAccepts } from '../../infra/constructs/route-authorization';
import { handler as staffAccessToken } from '../../infra/constructs/triggers/staff-access-token';
import { evidenceCounter } from '../evidence/record';
import { type Synthesized, resourcesOf, synthesize } from './synth';

const WEB = 'functions/web';
const CALLS: Record<string, 'GET' | 'POST' | 'FIRST_ARGUMENT'> = { getJson: 'GET', postJson: 'POST', request: 'FIRST_ARGUMENT' };

function sourceFiles(dir: string): ts.SourceFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ts.createSourceFile(join(dir, f), readFileSync(join(dir, f), 'utf8'), ts.ScriptTarget.Latest, true));
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** A path as written, `${…}` parts as `x` and the query left off: enough to match the route table. */
function pathOf(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text.split('?')[0];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => `x${s.literal.text}`)].join('').split('?')[0];
  return undefined;
}

/** The links the API's decision resource offers, by name, as path templates (functions/http/representation.ts). */
function decisionLinks(): Map<string, string> {
  const links = new Map<string, string>();
  for (const file of sourceFiles('functions/http').filter((f) => f.fileName.endsWith('representation.ts'))) {
    walk(file, (node) => {
      if (!ts.isPropertyAssignment(node) || node.name.getText() !== 'links' || !ts.isObjectLiteralExpression(node.initializer)) return;
      for (const link of node.initializer.properties) {
        if (!ts.isPropertyAssignment(link)) continue;
        walk(link.initializer, (n) => {
          const path = pathOf(n);
          if (path?.startsWith('/v1/')) links.set(link.name.getText(), path);
        });
      }
    });
  }
  return links;
}

interface PageCall {
  where: string;
  method: string;
  path: string;
}

/** Every API call in the page's code, and every /v1 path written anywhere else in it. */
function pageCalls(): { calls: PageCall[]; elsewhere: string[] } {
  const links = decisionLinks();
  const calls: PageCall[] = [];
  const inCalls = new Set<ts.Node>();
  const literals: Array<[ts.Node, string]> = [];
  for (const file of sourceFiles(WEB)) {
    walk(file, (node) => {
      const path = pathOf(node);
      if (path?.startsWith('/v1')) literals.push([node, `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`]);
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || !(node.expression.text in CALLS)) return;
      if (file.fileName.endsWith('api.ts')) return; // their definitions, which call each other
      const kind = CALLS[node.expression.text] as string;
      const [first, second] = node.arguments;
      const method = kind === 'FIRST_ARGUMENT' ? (first && ts.isStringLiteral(first) ? first.text : '?') : kind;
      const target = kind === 'FIRST_ARGUMENT' ? second : first;
      const where = `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (!target) return;
      inCalls.add(target);
      // A link the page follows from a resource (d.links.letter) is the path the API wrote there.
      const followed = ts.isAsExpression(target) ? target.expression : target;
      const link = ts.isPropertyAccessExpression(followed) && followed.expression.getText().endsWith('.links') ? links.get(followed.name.text) : undefined;
      calls.push({ where, method, path: pathOf(target) ?? link ?? `unreadable: ${target.getText()}` });
    });
  }
  return { calls, elsewhere: literals.filter(([node]) => !inCalls.has(node)).map(([, where]) => where) };
}

/** The access token Cognito gives a staff member who signs in to the page: its client's scopes plus the trigger's. */
async function accessTokenClaims(s: Synthesized, group: string): Promise<Record<string, unknown>> {
  const staffClient = resourcesOf(s, 'AWS::Cognito::UserPoolClient').find(([, r]) => r.Properties?.ClientName === 'staff')?.[1];
  const event = {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    request: { userAttributes: { sub: 'u-1', name: 'Anna Lindqvist', 'custom:title': 'Handläggare' }, groupConfiguration: { groupsToOverride: [group], iamRolesToOverride: [] }, scopes: [] },
    response: { claimsAndScopeOverrideDetails: null },
  } as unknown as PreTokenGenerationV2TriggerEvent;
  const added = (await staffAccessToken(event)).response.claimsAndScopeOverrideDetails?.accessTokenGeneration;
  const scopes = [...(staffClient?.Properties?.AllowedOAuthScopes as string[]), ...(added?.scopesToAdd ?? [])];
  return { sub: 'u-1', token_use: 'access', scope: scopes.join(' '), 'cognito:groups': group, ...added?.claimsToAddOrOverride };
}

/** The ID token of the same sign-in: the user's attributes and groups, and no scopes. */
function idTokenClaims(group: string): Record<string, unknown> {
  return { sub: 'u-1', token_use: 'id', name: 'Anna Lindqvist', 'custom:title': 'Handläggare', 'cognito:groups': group };
}

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
});

const evidence = evidenceCounter('#14.8 page and authorizer agree on every route the page calls');
afterAll(() => evidence.record());

describe('the staff page and the API authorizer', () => {
  it('calls the API only through api.ts, on paths the route table knows', () => {
    evidence.case();
    const { calls, elsewhere } = pageCalls();

    expect(elsewhere, 'a /v1 path outside a call through api.ts').toEqual([]);
    for (const call of calls) expect(matchRoute(call.method, call.path), `${call.where}: ${call.method} ${call.path}`).toHaveProperty('route');
    // The call of the finding is among them: the page reads a referral.
    expect(calls.map((c) => (matchRoute(c.method, c.path) as { route: RouteDefinition }).route.id)).toContain('get-referral');
    evidence.passed();
  });

  it('sends, on every route it calls, a token the authorizer of that route accepts, for every staff role', async () => {
    evidence.case();
    const routes = new Map(pageCalls().calls.map((c) => {
      const { route } = matchRoute(c.method, c.path) as { route: RouteDefinition };
      return [route.id, route] as const;
    }));
    const refused: string[] = [];

    for (const group of ['handlaggare', 'beslutsfattare', 'jurist']) {
      const claims = API_TOKEN === 'access_token' ? await accessTokenClaims(s, group) : idTokenClaims(group);
      // The handlers get the claims flattened by API Gateway; they name a staff member in the group.
      const flat = Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, String(v)]));
      expect(principalOf({ requestContext: { authorizer: { claims: flat } } } as never)?.actor).toMatchObject({ role: group, name: 'Anna Lindqvist' });
      for (const route of routes.values()) {
        const method = s.json.Resources[s.stack.getLogicalId(s.stack.api.methods.get(route.id)!.node.defaultChild as never)]!.Properties!;
        if (method.AuthorizationType === 'NONE') continue;
        expect(method.AuthorizationType).toBe('COGNITO_USER_POOLS');
        if (!cognitoAuthorizerAccepts(method.AuthorizationScopes, claims)) refused.push(`${group} ${route.method} ${route.path} (${API_TOKEN}; demands ${JSON.stringify(method.AuthorizationScopes ?? 'an ID token')})`);
      }
    }

    expect(routes.size).toBeGreaterThan(10);
    expect(refused).toEqual([]);
    evidence.figure('routes the page calls', routes.size);
    evidence.passed();
  });
});
