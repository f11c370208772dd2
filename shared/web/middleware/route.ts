import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { KnownProblem } from '../http-errors.ts';
import type { SignedInVisitor } from '../signed-in.ts';

/*
 * A route declares what it needs (who may call it, what body it takes, how CSRF applies); the
 * middlewares in `functions/api.ts` provide it, each once, before the route's handler runs. A handler
 * only reads its input, calls one use case and renders.
 */

export type Event = APIGatewayProxyEventV2;
export type Result = APIGatewayProxyStructuredResultV2;
export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** anyone; a signed-in visitor; a signed-in visitor with the admin role. */
export type Access = 'anyone' | 'visitor' | 'admin';

/**
 * For unsafe methods: `session` (the default) checks the session's token (form field `csrf` or the
 * `X-CSRF-Token` header) whenever there is a session; `pre-session` checks the sign-in forms' cookie
 * echoed in the form; an exemption names why the route needs none.
 */
export type CsrfRule = 'session' | 'pre-session' | { readonly exempt: string };

/** What a request body may be: an HTML form, JSON, either (one route for the page and the API), or none. */
export type BodyKind = 'none' | 'form' | 'json' | 'form-or-json';

/** The parsed body: form fields (repeated names kept), a JSON value, or nothing sent. */
export type RequestBody =
  | { readonly kind: 'form'; readonly form: URLSearchParams }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'none' }
  /** A media type the route does not take: refused when the route is called, after the CSRF check. */
  | { readonly kind: 'unsupported'; readonly problem: Error };

export interface RouteRequest {
  readonly event: Event;
  /** Null on `anyone` routes without a (valid) session. */
  readonly visitor: SignedInVisitor | null;
  readonly body: RequestBody;
  /** True for `/api/*` paths and for requests whose Accept prefers JSON over HTML. */
  readonly wantsJson: boolean;
  /** A path parameter, '' when absent. */
  param(name: string): string;
  /** A query string parameter. */
  query(name: string): string | undefined;
}

export interface SignedInRequest extends RouteRequest {
  readonly visitor: SignedInVisitor;
}

type RequestFor<A extends Access> = A extends 'anyone' ? RouteRequest : SignedInRequest;

export interface RouteSpec<A extends Access = Access> {
  readonly method: Method;
  readonly path: string;
  readonly access: A;
  readonly body?: BodyKind;
  readonly csrf?: CsrfRule;
  readonly handler: (request: RequestFor<A>) => Promise<Result>;
  /**
   * For an HTML request that failed with an expected error: the page that shows the problem in
   * place (the form again, with its messages), or null for the generic error page. JSON answers are
   * always the problem itself.
   */
  readonly problemPage?: (
    request: RequestFor<A>,
    known: KnownProblem,
    error: unknown,
  ) => Promise<Result | null> | Result | null;
}

/** A route as the middlewares see it (the access type erased). */
export interface Route {
  readonly method: Method;
  readonly path: string;
  readonly access: Access;
  readonly body: BodyKind;
  readonly csrf: CsrfRule;
  readonly handler: (request: RouteRequest) => Promise<Result>;
  readonly problemPage?: (
    request: RouteRequest,
    known: KnownProblem,
    error: unknown,
  ) => Promise<Result | null> | Result | null;
}

/** One route; with `alsoAt`, the same route served at more URLs (the JSON API's path for the page's action). */
export function route<A extends Access>(
  spec: RouteSpec<A>,
  alsoAt: readonly { readonly method: Method; readonly path: string }[] = [],
): Route[] {
  const one: Route = {
    method: spec.method,
    path: spec.path,
    access: spec.access,
    body: spec.body ?? 'none',
    csrf: spec.csrf ?? 'session',
    handler: spec.handler as Route['handler'],
    ...(spec.problemPage ? { problemPage: spec.problemPage as Route['problemPage'] } : {}),
  };
  return [one, ...alsoAt.map((at) => ({ ...one, ...at }))];
}

export const isUnsafeMethod = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

/** What the middlewares learn about a request, on the Lambda context. */
export interface WebContext extends Context {
  route?: Route;
  visitor?: SignedInVisitor | null;
  body?: RequestBody;
  wantsJson?: boolean;
  /** Set by @middy/http-content-negotiation. */
  preferredMediaType?: string;
}

/** The request as a route handler reads it. */
export function routeRequestOf(event: Event, context: WebContext): RouteRequest {
  const body = context.body ?? { kind: 'none' };
  return {
    event,
    visitor: context.visitor ?? null,
    body,
    wantsJson: context.wantsJson ?? false,
    param: (name) => event.pathParameters?.[name] ?? '',
    query: (name) => event.queryStringParameters?.[name],
  };
}

/** The form's fields; an empty form when the body was JSON or absent. */
export const formOf = (request: RouteRequest): URLSearchParams =>
  request.body.kind === 'form' ? request.body.form : new URLSearchParams();

/** The JSON body; `{}` when none was sent. */
export const jsonOf = (request: RouteRequest): unknown =>
  request.body.kind === 'json' ? request.body.value : {};

/** Answer the same action as a page or as JSON, as the request asked. */
export function respond(
  request: RouteRequest,
  answers: { readonly html: () => Result | Promise<Result>; readonly json: () => Result | Promise<Result> },
): Promise<Result> {
  return Promise.resolve(request.wantsJson ? answers.json() : answers.html());
}
