/**
 * Builds a Lambda handler for a route: the shared middlewares around a small function that gets a
 * typed request and returns a result.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Actor } from '../domain/records-schema';
import type { Logger } from './logger';
import { type HttpContext, authorize, correlationAndLogging, jsonBody, problemJson, securityHeaders } from './middleware';
import { observability } from './observability';
import { HttpProblem, problem } from './problems';
import { type RouteDefinition, routeById } from './routes';

export interface HttpRequest {
  route: RouteDefinition;
  /** The caller; present on every route that is not public. */
  actor: Actor;
  body: unknown;
  params: Record<string, string>;
  query: Record<string, string>;
  idempotencyKey?: string;
  correlationId: string;
  logger: Logger;
}

export type HttpResult =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string; headers?: Record<string, string> }
  | { status: number; pdf: Uint8Array; filename: string; headers?: Record<string, string> };

const ANONYMOUS: Actor = { id: 'anonymous', name: 'anonym', role: 'uppsok' };

/**
 * No id the service issues (UUIDs, rule-set ids, milestone numbers) comes near this length. A
 * longer one names nothing, and DynamoDB refuses keys over 2 kB with an error that would
 * otherwise surface as a 500.
 */
const MAX_PATH_PARAMETER_LENGTH = 256;

function pathParameters(event: APIGatewayProxyEvent): Record<string, string> {
  const params = Object.fromEntries(Object.entries(event.pathParameters ?? {}).map(([k, v]) => [k, v ?? '']));
  for (const value of Object.values(params)) {
    if (value.length > MAX_PATH_PARAMETER_LENGTH) throw new HttpProblem(problem(404, 'not-found', 'Finns inte', 'Det finns inget med ett så långt id.'));
  }
  return params;
}

export function httpHandler(routeId: string, run: (request: HttpRequest) => Promise<HttpResult>) {
  const route = routeById(routeId);
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, HttpContext>()
    // Outermost, so that they see the whole invocation.
    .use(observability())
    .use(correlationAndLogging(route))
    .use(securityHeaders())
    .use(problemJson())
    .use(authorize(route))
    .use(jsonBody(route))
    .handler(async (event, context) => {
      const state = context.http;
      const result = await run({
        route,
        actor: state.principal?.actor ?? ANONYMOUS,
        body: state.body,
        params: pathParameters(event),
        query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).map(([k, v]) => [k, v ?? ''])),
        ...(state.idempotencyKey ? { idempotencyKey: state.idempotencyKey } : {}),
        correlationId: state.correlationId,
        logger: state.logger,
      });
      if ('pdf' in result) {
        return {
          statusCode: result.status,
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${result.filename}"`, ...result.headers },
          body: Buffer.from(result.pdf).toString('base64'),
          isBase64Encoded: true,
        };
      }
      if ('text' in result) return { statusCode: result.status, headers: { 'Content-Type': result.contentType, ...result.headers }, body: result.text };
      return { statusCode: result.status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...result.headers }, body: JSON.stringify(result.json) };
    });
}
