/**
 * The local server: the same Lambda handlers behind a small HTTP server that does what API
 * Gateway does in AWS: routes by the route table, verifies the token (here a development token)
 * and whether its kind and scopes are what the route's authorizer accepts, and builds the same
 * REST API proxy event with the token's claims.
 */
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { jwtVerify } from 'jose';
import { MAX_BODY_BYTES, SECURITY_HEADERS } from '../../functions/http/middleware';
import { problem } from '../../functions/http/problems';
import { observabilityEnvironment } from '../../functions/http/powertools-env';
import { matchRoute } from '../../functions/http/routes';
import { loadDelegationOrder } from '../../functions/rule-sets/load-files';
import { buildWebAssets, delegationTitlesForPage, type WebAsset } from '../../functions/web/build';
import { cognitoAuthorizerAccepts, routeAuthorization } from '../constructs/route-authorization';
import { type DevKeys, LOCAL_AUDIENCE, LOCAL_ISSUER, signDevToken } from './dev-keys';

type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const handlers = new Map<string, Promise<LambdaHandler>>();
function handlerFor(id: string): Promise<LambdaHandler> {
  let loaded = handlers.get(id);
  if (!loaded) {
    loaded = import(`../../functions/handlers/${id}.ts`).then((m: { handler: LambdaHandler }) => m.handler);
    handlers.set(id, loaded);
  }
  return loaded;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  res.end(body);
}

function sendProblem(res: ServerResponse, status: number, type: string, title: string, detail: string, headers: Record<string, string> = {}) {
  send(res, status, { 'Content-Type': 'application/problem+json', ...headers }, JSON.stringify(problem(status, type, title, detail)));
}

/**
 * The body, or why there is none: too large, or the connection went away before it was complete
 * (the request timeout closes a client that sends too slowly; nobody is left to answer).
 */
async function readBody(req: IncomingMessage): Promise<Buffer | 'TOO_LARGE' | 'ABORTED'> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return 'TOO_LARGE';
      chunks.push(chunk as Buffer);
    }
  } catch {
    return 'ABORTED';
  }
  return Buffer.concat(chunks);
}

/** Claims as API Gateway's Cognito authorizer passes them: strings, lists flattened. */
function flattenClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
}

/**
 * How long the server waits for a client, and how many it serves at once. A client that sends its
 * headers or body a byte at a time would otherwise hold a connection for minutes (Node's own
 * request timeout is five minutes); a flood of such clients would hold them all.
 */
export interface ServerLimits {
  /** The whole header block must arrive within this (ms). */
  headersTimeoutMs: number;
  /** The whole request, headers and body, must arrive within this (ms). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this (ms). */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above (ms); it bounds how late a slow client is closed. */
  timeoutCheckIntervalMs: number;
  /** Connections beyond this are closed as they arrive. */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckIntervalMs: 1_000,
  maxConnections: 200,
};

export interface LocalServerOptions {
  port: number;
  host?: string;
  /** The key that verifies tokens; the private key is needed only to hand out development tokens. */
  keys: Pick<DevKeys, 'publicKey'> & Partial<Pick<DevKeys, 'privateKey'>>;
  /**
   * Serve POST /local/dev-token, which mints a token for any staff role. Off unless asked for:
   * `npm start` turns it on, and so does a test that signs in through the page.
   */
  devTokens?: boolean;
  /** Serve the staff page at `/` (default true). */
  web?: boolean;
  /** Timeouts and the connection cap (tests make them short). */
  limits?: Partial<ServerLimits>;
}

// --- The staff page (functions/web), served from memory for every path outside /v1 ------------

/** The page runs only its own script and style and talks only to this origin. */
const PAGE_HEADERS: Record<string, string> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
};

/** Who the page offers to sign in as locally: one realistic person per staff role. */
export const DEV_USERS = [
  { role: 'handlaggare', name: 'Anna Lindqvist', title: 'Handläggare', phone: '08-508 12 345', email: 'anna.lindqvist@stockholm.se' },
  { role: 'beslutsfattare', name: 'Göran Ödmark', title: 'Enhetschef', delegation: '3.1.4', phone: '08-508 12 300', email: 'goran.odmark@stockholm.se' },
  // A second delegate: four eyes need another one to decide what a delegate proposed (omprövning).
  { role: 'beslutsfattare', name: 'Maria Åkesson', title: 'Sektionschef', delegation: '3.1.4', phone: '08-508 12 310', email: 'maria.akesson@stockholm.se' },
  { role: 'jurist', name: 'Karin Sjöberg', title: 'Förvaltningsjurist' },
] as const;
/** The roles the page may get a development token for; outreach tools (uppsok) never sign in here. */
export const DEV_TOKEN_ROLES = ['handlaggare', 'beslutsfattare', 'jurist'] as const;

function sendPage(res: ServerResponse, method: string, asset: WebAsset) {
  res.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': asset.contentType, 'Content-Length': String(asset.body.length) });
  res.end(method === 'HEAD' ? undefined : asset.body);
}

const optionalText = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim().length > 0 && value.length <= 100);

/** The names this server answers to on its own port: only the loopback interface, never a rebound DNS name. */
function localOrigins(port: number): { hosts: Set<string>; origins: Set<string> } {
  const hosts = ['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${port}`);
  return { hosts: new Set(hosts), origins: new Set(hosts.map((h) => `http://${h}`)) };
}

/**
 * POST /local/dev-token: a development token for one of the staff roles, so the page can sign in
 * without Cognito. Only this local server has it (it holds the development key); no Lambda does.
 *
 * It mints a token for whoever asks, so it answers only a request that is plainly the staff page
 * on this machine: addressed to the loopback name and this port (a web page whose DNS name was
 * rebound to 127.0.0.1 still sends its own name), from this origin if the browser names one, and
 * with a JSON body (which a cross-site form cannot send, and a cross-site script cannot send
 * without a CORS preflight this server never grants).
 */
async function devToken(req: IncomingMessage, res: ServerResponse, keys: DevKeys, port: number) {
  const local = localOrigins(port);
  const host = req.headers.host?.toLowerCase();
  if (!host || !local.hosts.has(host)) {
    return sendProblem(res, 421, 'misdirected-request', 'Fel adress', `Utvecklingstoken lämnas bara ut på http://127.0.0.1:${port}, http://localhost:${port} eller http://[::1]:${port}.`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !local.origins.has(origin.toLowerCase())) {
    return sendProblem(res, 403, 'forbidden', 'Behörighet saknas', 'Utvecklingstoken lämnas bara ut till sidan på den här datorn, inte till en annan webbplats.');
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    return sendProblem(res, 415, 'unsupported-media-type', 'Fel innehållstyp', 'Skicka {"role", "name"} som JSON med Content-Type: application/json.');
  }
  const body = await readBody(req);
  if (body === 'ABORTED') return;
  if (body === 'TOO_LARGE') return sendProblem(res, 413, 'too-large', 'För stor begäran', `Begäran får vara högst ${MAX_BODY_BYTES / 1024} kB.`);
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return sendProblem(res, 400, 'invalid-json', 'Ogiltig JSON', 'Skicka {"role", "name"} som JSON.');
  }
  const role = request?.role;
  if (typeof role !== 'string' || !(DEV_TOKEN_ROLES as readonly string[]).includes(role)) {
    return sendProblem(res, 400, 'unknown-role', 'Okänd roll', `Välj en av rollerna ${DEV_TOKEN_ROLES.join(', ')}.`);
  }
  if (typeof request.name !== 'string' || !optionalText(request.name) || !optionalText(request.title) || !optionalText(request.delegation) || !optionalText(request.phone) || !optionalText(request.email)) {
    return sendProblem(res, 400, 'invalid-user', 'Ogiltig användare', 'Ange namn (och titel och delegation om de finns), högst 100 tecken vardera.');
  }
  const token = await signDevToken(keys, {
    role: role as (typeof DEV_TOKEN_ROLES)[number],
    name: request.name,
    ...(typeof request.title === 'string' ? { title: request.title } : {}),
    ...(typeof request.delegation === 'string' ? { delegation: request.delegation } : {}),
    ...(typeof request.phone === 'string' ? { phone: request.phone } : {}),
    ...(typeof request.email === 'string' ? { email: request.email } : {}),
  });
  send(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify({ token }));
}

/**
 * A request Node refuses before it reaches the handler (too slow, malformed, headers too large)
 * still gets a problem+json answer in Swedish, and its connection is closed.
 */
function refuseClient(error: Error & { code?: string }, socket: Duplex) {
  if (!socket.writable) return void socket.destroy();
  const [status, reason, type, title, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'request-timeout', 'Begäran tog för lång tid', 'Hela begäran måste komma fram inom tidsgränsen. Skicka den igen.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'headers-too-large', 'För stora huvuden', 'Begärans huvuden är för stora.']
        : [400, 'Bad Request', 'bad-request', 'Felaktig begäran', 'Begäran följer inte HTTP.'];
  const body = JSON.stringify(problem(status, type, title, detail));
  const head = [`HTTP/1.1 ${status} ${reason}`, 'Content-Type: application/problem+json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}

/**
 * Powertools as in a Lambda without active tracing and without CloudWatch: no X-Ray daemon to send
 * to, and nobody to read metrics from standard output. Set before a handler is first loaded; a
 * value already in the environment wins (the observability test turns both on).
 */
function localPowertoolsEnvironment(): void {
  process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  for (const [key, value] of Object.entries(observabilityEnvironment())) process.env[key] ??= value;
}

export async function startLocalServer(options: LocalServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  localPowertoolsEnvironment();
  const web = options.web === false ? undefined : buildWebAssets();
  const pageConfig = web && Buffer.from(JSON.stringify({ auth: 'local', users: DEV_USERS, delegationsordning: delegationTitlesForPage(loadDelegationOrder()) }));
  const privateKey = options.devTokens ? options.keys.privateKey : undefined;
  if (options.devTokens && !privateKey) throw new Error('startLocalServer: devTokens needs keys.privateKey');
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  let port = options.port;
  const serverOptions: ServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    // Checked below instead, so that the answer is problem+json like every other.
    requireHostHeader: false,
  };
  const server = createServer(serverOptions, async (req, res) => {
    try {
      // HTTP/1.1 requires a Host header (RFC 9112 3.2); the development token needs it too.
      if (req.headers.host === undefined && req.httpVersion !== '1.0') return sendProblem(res, 400, 'bad-request', 'Felaktig begäran', 'Begäran saknar huvudet Host.');
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/local/dev-token' && privateKey) {
        if (req.method !== 'POST') return sendProblem(res, 405, 'method-not-allowed', 'Fel metod', 'Använd POST.', { Allow: 'POST' });
        return await devToken(req, res, { privateKey, publicKey: options.keys.publicKey }, port);
      }
      const page = web && (url.pathname === '/config.json' ? 'config' : web.get(url.pathname === '/' ? '/index.html' : url.pathname));
      if (page) {
        // Anything else outside /v1 falls through to the route table and its 404.
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendProblem(res, 405, 'method-not-allowed', 'Fel metod', `${req.method} går inte här. Tillåtet: GET, HEAD.`, { Allow: 'GET, HEAD' });
        if (page === 'config') return sendPage(res, req.method, { body: pageConfig as Buffer, contentType: 'application/json' });
        return sendPage(res, req.method, page);
      }
      let matched: ReturnType<typeof matchRoute>;
      try {
        matched = matchRoute(req.method ?? 'GET', url.pathname);
      } catch (error) {
        // A path parameter with a broken %-escape (`/v1/decisions/%E0%A4%A`) cannot be decoded:
        // the client's mistake (400), not an internal error.
        if (!(error instanceof URIError)) throw error;
        return sendProblem(res, 400, 'invalid-path', 'Ogiltig adress', 'Adressen innehåller en ogiltig %-kodning.');
      }
      if (!matched) return sendProblem(res, 404, 'not-found', 'Finns inte', `Det finns ingen adress ${url.pathname}.`);
      if ('allowed' in matched) {
        return sendProblem(res, 405, 'method-not-allowed', 'Fel metod', `${req.method} går inte här. Tillåtet: ${matched.allowed.join(', ')}.`, { Allow: matched.allowed.join(', ') });
      }
      const { route, params } = matched;
      let claims: Record<string, string> | null = null;
      const authorization = req.headers.authorization;
      if (route.access !== 'public') {
        const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
        if (!token) return sendProblem(res, 401, 'unauthorized', 'Inloggning krävs', 'Begäran saknar token. Hämta en med npm run -s token.', { 'WWW-Authenticate': 'Bearer realm="jobbtorg"' });
        try {
          // As API Gateway's authorizer: signature, algorithm, issuer, audience, expiry, not-before.
          // A token must say when it expires (every Cognito token does); jose would accept one that never does.
          const { payload } = await jwtVerify(token, options.keys.publicKey, {
            issuer: LOCAL_ISSUER,
            audience: LOCAL_AUDIENCE,
            algorithms: ['ES256'],
            clockTolerance: 5,
            requiredClaims: ['exp', 'sub'],
          });
          claims = flattenClaims(payload as Record<string, unknown>);
        } catch {
          return sendProblem(res, 401, 'unauthorized', 'Ogiltig inloggning', 'Token är ogiltig eller har gått ut. Hämta en ny med npm run -s token.', { 'WWW-Authenticate': 'Bearer realm="jobbtorg", error="invalid_token"' });
        }
        // As API Gateway's Cognito authorizer: the kind of token and its scopes must fit the route.
        const demanded = routeAuthorization(route);
        if (demanded.kind !== 'public' && !cognitoAuthorizerAccepts(demanded.scopes, claims)) {
          return sendProblem(res, 401, 'unauthorized', 'Ogiltig inloggning', 'Token gäller inte här: adressen tar emot en access-token med rätt behörighet (scope). Hämta en ny med npm run -s token.', {
            'WWW-Authenticate': 'Bearer realm="jobbtorg", error="insufficient_scope"',
          });
        }
      }
      const body = await readBody(req);
      if (body === 'ABORTED') return;
      if (body === 'TOO_LARGE') return sendProblem(res, 413, 'too-large', 'För stor begäran', `Begäran får vara högst ${MAX_BODY_BYTES / 1024} kB.`);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
      const requestId = randomUUID();
      const event = {
        resource: route.path,
        path: url.pathname,
        httpMethod: route.method,
        headers,
        multiValueHeaders: {},
        queryStringParameters: url.searchParams.size > 0 ? Object.fromEntries(url.searchParams) : null,
        multiValueQueryStringParameters: null,
        pathParameters: Object.keys(params).length > 0 ? params : null,
        stageVariables: null,
        body: body.length > 0 ? body.toString('base64') : null,
        isBase64Encoded: body.length > 0,
        requestContext: { requestId, stage: 'local', httpMethod: route.method, path: url.pathname, resourcePath: route.path, authorizer: claims ? { claims } : null },
      } as unknown as APIGatewayProxyEvent;
      const context = { awsRequestId: requestId, functionName: route.id, getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
      const result = await (await handlerFor(route.id))(event, context);
      const out = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
      send(res, result.statusCode, Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])), out);
    } catch (error) {
      process.stderr.write(`local server: ${(error as Error).name}\n`);
      if (!res.headersSent) sendProblem(res, 500, 'internal', 'Internt fel', 'Något gick fel i den lokala servern.');
    }
  });
  server.maxConnections = limits.maxConnections;
  server.on('clientError', refuseClient);
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
