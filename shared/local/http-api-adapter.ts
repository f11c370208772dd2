import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import type { Logger } from '../log/logger.ts';
import { type LambdaHandler, localLambdaContext } from './lambda-context.ts';
import { closeServer, listen } from './listen.ts';

export type HttpApiHandler = LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;

export interface HttpApiRoute {
  /** Requests whose path starts with this go to the handler; the first match wins. */
  readonly pathPrefix: string;
  readonly functionName: string;
  readonly handler: HttpApiHandler;
}

const maxBodyBytes = 1024 * 1024;
const textTypes =
  /^(text\/|application\/(json|x-www-form-urlencoded|xml|problem\+json|calendar)|[^;]*\+(json|xml))/i;

/** An HTTP request as API Gateway's HTTP API (payload format 2.0) hands it to a Lambda. */
export function toHttpApiEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // As API Gateway adds them: the scheme and address the client used.
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-for'] = request.socket.remoteAddress ?? '127.0.0.1';
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const cookieHeader = request.headers.cookie;
  const cookies = cookieHeader ? cookieHeader.split(/;\s*/).filter(Boolean) : undefined;
  const contentType = request.headers['content-type'] ?? '';
  const isText = body.length === 0 || textTypes.test(contentType);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

/** Write a Lambda's HTTP API result the way API Gateway would (a bare value becomes a 200 JSON body). */
export function writeHttpApiResult(
  response: ServerResponse,
  result: APIGatewayProxyResultV2,
  method: string,
) {
  const structured: APIGatewayProxyStructuredResultV2 =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? result
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body
    ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  response.writeHead(structured.statusCode ?? 200, headers);
  response.end(method === 'HEAD' ? undefined : body);
}

export interface LocalHttpApi {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startLocalHttpApi(
  routes: readonly HttpApiRoute[],
  options: { host?: string; port?: number; logger: Logger },
): Promise<LocalHttpApi> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((request, response) => {
    void (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > maxBodyBytes) {
          response.writeHead(413, { 'content-type': 'text/plain' }).end('request body too large');
          return;
        }
        chunks.push(chunk as Buffer);
      }
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const route = routes.find((candidate) => path.startsWith(candidate.pathPrefix));
      if (!route) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      const event = toHttpApiEvent(request, Buffer.concat(chunks));
      const result = await route.handler(event, localLambdaContext(route.functionName, 30_000));
      writeHttpApiResult(response, result, request.method ?? 'GET');
    })().catch((error: unknown) => {
      // As API Gateway does when the integration fails: a bare 500, details only in the logs.
      options.logger.error('local HTTP API handler failed', { error });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"message":"Internal Server Error"}');
    });
  });
  const port = await listen(server, host, options.port ?? 0, 'HTTP API', 'TRELLIS_PORT');
  return { url: `http://${host === '::1' ? '[::1]' : host}:${port}`, stop: () => closeServer(server) };
}
