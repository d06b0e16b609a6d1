/**
 * The HTTP contract every handler shares, as small middy middlewares: correlation id and one log
 * line per request, security headers, problem+json for every error, authentication and role check
 * (deny by default), and the JSON body (content type, size, syntax).
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { type Logger, logger } from './logger';
import { type Principal, principalOf } from './principal';
import { ValidationError } from '../domain/errors';
import { issuesFromZod } from '../domain/validation';
import { composedText } from '../domain/text';
import { HttpProblem, forbidden, problem, toProblem, unauthorized } from './problems';
import type { RouteDefinition } from './routes';

export interface HttpState {
  correlationId: string;
  logger: Logger;
  started: number;
  principal?: Principal;
  body?: unknown;
  idempotencyKey?: string;
}

export type HttpContext = Context & { http: HttpState };
type HttpRequestObject = Request<APIGatewayProxyEvent, APIGatewayProxyResult, Error, HttpContext>;
type Middleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, HttpContext>;

/** Request bodies above this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;
/**
 * No request schema nests deeper than a handful of levels. A body nested deeper is refused right
 * after parsing: under 64 kB, `[[[[…]]]]` reaches thousands of levels, and code that walks a body
 * recursively (canonical JSON for hashing) would overflow the stack and answer 500.
 */
export const MAX_JSON_DEPTH = 32;
/** The shape of every id the service issues for a case, decision or referral (and of API Gateway's request ids). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A follow-up point's number within its decision: `01`, `02`, … */
const MILESTONE_ID = /^\d{2}$/;
/** What a log line says instead of a path parameter that is not shaped like an id the service issues. */
export const NOT_AN_ID = '(ogiltigt id)';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._~:-]{1,128}$/;

export function header(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value ?? undefined;
  return undefined;
}

/** Whether a parsed JSON value nests objects or arrays deeper than `max` (iterative: no recursion). */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > max) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The path parameters a log line may name, under the name of what they are. A path is typed by
 * whoever calls, so it can hold anything, a person's name too: a value is logged only if it has
 * the shape of an id the service issues, and otherwise as NOT_AN_ID. Rule-set ids are left out:
 * they are words, and a word in a path cannot be told from a name.
 */
export function pathParametersForLog(route: RouteDefinition, params: Record<string, string | undefined> | null): Record<string, string> {
  const logged: Record<string, string> = {};
  const idName = route.path.startsWith('/v1/decisions/') ? 'decisionId' : route.path.startsWith('/v1/referrals/') ? 'referralId' : undefined;
  if (idName && params?.id !== undefined) logged[idName] = UUID.test(params.id) ? params.id : NOT_AN_ID;
  if (params?.milestone !== undefined) logged.milestoneId = MILESTONE_ID.test(params.milestone) ? params.milestone : NOT_AN_ID;
  return logged;
}

export function correlationAndLogging(route: RouteDefinition): Middleware {
  const finish = (request: HttpRequestObject) => {
    const state = request.context.http;
    const status = request.response?.statusCode ?? 500;
    request.response = { ...(request.response as APIGatewayProxyResult), headers: { ...request.response?.headers, 'X-Correlation-Id': state.correlationId } };
    // Ids, role and timing only: never a name, number, address or free text.
    state.logger.info('request', {
      status,
      durationMs: Date.now() - state.started,
      actorRole: state.principal?.actor.role ?? null,
      actorId: state.principal?.actor.id ?? null,
      ...pathParametersForLog(route, request.event.pathParameters),
    });
  };
  return {
    before: (request) => {
      // A caller's correlation id is logged and echoed, so it is taken only if it is a UUID: any
      // other text (a name, a personnummer in another form) gets a fresh id instead.
      const supplied = header(request.event, 'x-correlation-id');
      const requestId = request.event.requestContext?.requestId;
      const correlationId = supplied && UUID.test(supplied) ? supplied : requestId && UUID.test(requestId) ? requestId : randomUUID();
      request.context.http = {
        correlationId,
        started: Date.now(),
        // A child per request: requests run concurrently in the local server, and each line must
        // name its own request.
        logger: logger.createChild({ persistentKeys: { correlationId, route: route.id, method: route.method, path: route.path } }),
      };
    },
    after: finish,
    onError: (request) => {
      if (request.response) finish(request);
    },
  };
}

export function securityHeaders(): Middleware {
  const add = (request: HttpRequestObject) => {
    if (request.response) request.response = { ...request.response, headers: { ...SECURITY_HEADERS, ...request.response.headers } };
  };
  return { after: add, onError: add };
}

export function problemJson(): Middleware {
  return {
    onError: (request) => {
      const state = request.context.http;
      const { problem: doc, headers } = toProblem(request.error, state?.correlationId ?? 'okänd');
      if (doc.status === 503) {
        // Expected under load: the SDK retried and the client is told when to try again.
        state?.logger.warn('dependency unavailable', { errorCode: (request.error as { details?: { cause?: string } })?.details?.cause ?? null });
      } else if (doc.status >= 500) {
        const error = request.error as Error & { code?: string };
        state?.logger.error('unhandled error', { errorName: error?.name, errorCode: error?.code ?? null, stack: error?.stack?.split('\n').slice(0, 6).join('\n') });
      }
      request.response = { statusCode: doc.status, headers: { 'Content-Type': 'application/problem+json', ...headers }, body: JSON.stringify(doc) };
    },
  };
}

/** The role check the handler makes itself, even behind API Gateway's authorizer. */
export function authorize(route: RouteDefinition): Middleware {
  return {
    before: (request) => {
      if (route.access === 'public') return;
      const principal = principalOf(request.event);
      if (!principal) throw unauthorized();
      request.context.http.principal = principal;
      if (!route.access.includes(principal.actor.role)) throw forbidden();
    },
  };
}

export function jsonBody(route: RouteDefinition): Middleware {
  return {
    before: (request) => {
      const { event } = request;
      const state = request.context.http;
      if (route.idempotent) {
        const key = header(event, 'idempotency-key');
        if (key !== undefined) {
          if (!IDEMPOTENCY_KEY.test(key)) {
            throw new HttpProblem(problem(400, 'validation', 'Ogiltig idempotensnyckel', 'Idempotency-Key får vara 1–128 tecken: bokstäver a–z, siffror och . _ ~ : -', {
              errors: [{ path: 'Idempotency-Key', pointer: '', message: 'Använd 1–128 tecken: a–z, A–Z, 0–9 och . _ ~ : -' }],
            }));
          }
          state.idempotencyKey = key;
        }
      }
      if (!route.body) return;
      const raw = event.body ?? '';
      const bytes = event.isBase64Encoded ? Buffer.byteLength(raw, 'base64') : Buffer.byteLength(raw, 'utf8');
      if (bytes > MAX_BODY_BYTES) {
        throw new HttpProblem(problem(413, 'too-large', 'För stor begäran', `Begäran får vara högst ${MAX_BODY_BYTES / 1024} kB.`));
      }
      const contentType = (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (contentType !== 'application/json') {
        throw new HttpProblem(problem(415, 'unsupported-media-type', 'Fel innehållstyp', 'Skicka uppgifterna som JSON med Content-Type: application/json.'));
      }
      const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      if (text.trim() === '') throw new HttpProblem(problem(400, 'validation', 'Tom begäran', 'Begäran saknar innehåll. Skicka uppgifterna som JSON.', { errors: [] }));
      try {
        state.body = JSON.parse(text);
      } catch {
        throw new HttpProblem(problem(400, 'invalid-json', 'Ogiltig JSON', 'Innehållet är inte giltig JSON. Kontrollera citattecken, kommatecken och klamrar.', { errors: [] }));
      }
      if (nestedDeeperThan(state.body, MAX_JSON_DEPTH)) {
        throw new HttpProblem(problem(400, 'validation', 'För djupt nästlad JSON', `Innehållet får vara nästlat i högst ${MAX_JSON_DEPTH} nivåer.`, {
          errors: [{ path: '', pointer: '', message: `Nästla objekt och listor i högst ${MAX_JSON_DEPTH} nivåer.` }],
        }));
      }
      // Text in composed form (a + ¨ is ä), then parsed against the route's schema here, at the
      // edge, before anything is hashed or read: the handler gets the parsed request or the caller
      // a 400 naming each field.
      state.body = composedText(state.body);
      const parsed = route.body.safeParse(state.body);
      if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
      state.body = parsed.data;
    },
  };
}
