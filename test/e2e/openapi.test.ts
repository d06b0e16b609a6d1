/**
 * The OpenAPI document as a client gets it (GET /v1/openapi.json, no token), linted with Spectral's
 * OpenAPI ruleset (`spectral:oas`): no errors. Warnings are printed for a reader to weigh.
 */
import { Document, type ISpectralDiagnostic, type RulesetDefinition, Spectral } from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/http/routes';
import { useE2eServer } from '../support/e2e';

const api = useE2eServer();

// Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
const ERROR = 0;

async function lint(text: string): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  // The ruleset's literal type is narrower than the definition type Spectral takes.
  spectral.setRuleset({ extends: [oas as RulesetDefinition] });
  return spectral.run(new Document(text, Parsers.Json, 'openapi.json'));
}

const describeDiagnostic = (d: ISpectralDiagnostic) => `${d.code} at ${d.path.join('.') || '(root)'}: ${d.message}`;

describe('GET /v1/openapi.json', () => {
  it('serves an OpenAPI 3.1 document without a token, describing every route of the route table', async () => {
    const response = await api.get('/v1/openapi.json');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    for (const route of ROUTES) expect(document.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
  });

  it("passes Spectral's OpenAPI ruleset with no errors", async () => {
    const response = await api.get('/v1/openapi.json');

    const diagnostics = await lint(response.text);

    const warnings = diagnostics.filter((d) => d.severity !== ERROR);
    if (warnings.length > 0) console.info(`Spectral (oas), ${warnings.length} non-error finding(s):\n  ${warnings.map(describeDiagnostic).join('\n  ')}`);
    expect(diagnostics.filter((d) => d.severity === ERROR).map(describeDiagnostic)).toEqual([]);
  });

  it('is linted for real: the same ruleset reports errors in a broken copy of the document', async () => {
    const document = (await api.get('/v1/openapi.json')).json();
    delete document.info.title;
    const [first] = Object.values(document.paths) as Array<Record<string, { operationId: string }>>;
    const [second] = (Object.values(document.paths) as Array<Record<string, { operationId: string }>>).slice(1);
    (Object.values(second ?? {})[0] as { operationId: string }).operationId = (Object.values(first ?? {})[0] as { operationId: string }).operationId;

    const errors = (await lint(JSON.stringify(document))).filter((d) => d.severity === ERROR).map((d) => d.code);

    expect(errors).toEqual(expect.arrayContaining(['oas3-schema', 'operation-operationId-unique']));
  });
});
