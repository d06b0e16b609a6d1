/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas that validate the
 * requests, so the description cannot drift from what the API accepts.
 */
import * as z from 'zod/mini';
import { ROUTES, type RouteDefinition } from './routes';
import { MAX_BODY_BYTES } from './middleware';

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details, på svenska.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'Stabil feltyp, t.ex. /problems/validation' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    correlationId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'pointer', 'message'],
        properties: { path: { type: 'string' }, pointer: { type: 'string', description: 'JSON Pointer (RFC 6901)' }, message: { type: 'string' } },
      },
    },
  },
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Skapad',
  400: 'Ogiltiga uppgifter',
  401: 'Inloggning saknas eller är ogiltig',
  403: 'Rollen har inte behörighet',
  404: 'Finns inte',
  409: 'Krockar med ärendets läge (redan beslutat, versionskrock)',
  413: `Begäran är större än ${MAX_BODY_BYTES / 1024} kB`,
  415: 'Fel innehållstyp (skicka application/json)',
  422: 'Kan inte utföras (t.ex. inget regelverk för datumet)',
  503: 'Tillfälligt otillgänglig; försök igen efter Retry-After sekunder',
};

function jsonSchemaOf(schema: z.ZodMiniType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return rest;
}

function operation(route: RouteDefinition) {
  const tag = route.path.split('/')[2] ?? 'misc';
  const parameters: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: name === 'id' ? 'Beslutets eller regelverkets id' : 'Uppföljningspunktens nummer, t.ex. 01',
    schema: { type: 'string' },
  }));
  for (const [name, q] of Object.entries(route.query ?? {})) {
    parameters.push({ name, in: 'query', required: q.required, description: q.description, schema: { type: 'string', example: q.example } });
  }
  if (route.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Samma nyckel och samma innehåll ger samma svar utan att något nytt sparas.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._~:-]{1,128}$' },
    });
  }
  const ok = route.creates ? 201 : 200;
  const success = route.pdf
    ? { description: 'Beslutsbrevet', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }
    : {
        description: STATUS_TEXT[ok],
        ...(route.creates ? { headers: { Location: { description: 'Det nya beslutets adress', schema: { type: 'string' } } } } : {}),
        content: { 'application/json': { schema: { type: 'object' } } },
      };
  const errors = [400, ...(route.access === 'public' ? [] : [401, 403]), ...(route.path.includes('{') ? [404] : []), ...(route.method === 'POST' ? [409, 413, 415, 422] : []), 503];
  const problemResponse = (status: number) => ({ description: STATUS_TEXT[status], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  return {
    operationId: route.id.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()),
    summary: route.summary,
    description: `${route.description ?? route.summary}. Roller: ${route.access === 'public' ? 'alla (ingen inloggning)' : route.access.join(', ')}.`,
    tags: [tag],
    ...(route.access === 'public' ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(route.body) } } } } : {}),
    responses: { [ok]: success, ...Object.fromEntries(errors.map((s) => [s, problemResponse(s)])) },
  };
}

export function openApiDocument(serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Jobbtorg beslutsstöd',
      version: '1.0.0',
      description: 'Förslag och beslut om särskild individanpassad stödinsats (bistånd enligt socialtjänstlagen; lagrummet anges av regelverket som gäller på beslutsdatumet) för Arbetsmarknadsnämnden, Stockholms stad.',
      contact: { name: 'Jobbtorg Stockholm', email: 'jobbtorg@stockholm.se' },
      license: { name: 'Proprietär, Stockholms stad', identifier: 'LicenseRef-Stockholms-stad' },
    },
    servers: [{ url: serverUrl, description: 'Den här tjänsten' }],
    tags: [
      { name: 'decisions', description: 'Förslag, beslut, brev och uppföljning' },
      { name: 'follow-ups', description: 'Uppföljningspunkter att bevaka' },
      { name: 'rule-sets', description: 'Regelverk med lagrum och parametrar' },
      { name: 'screenings', description: 'Anonym förhandsbedömning för uppsökande verktyg' },
      { name: 'referrals', description: 'Anmälningar från uppsökande verktyg' },
      { name: 'statistics', description: 'Anonymiserad statistik, små antal visas aldrig' },
      { name: 'openapi.json', description: 'API-beskrivningen' },
      { name: 'health', description: 'Driftstatus' },
    ],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito-token (lokalt: npm run -s token)' } },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}
