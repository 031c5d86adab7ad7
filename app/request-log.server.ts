import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorRequestHandler, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { Logger } from "pino";
import { pinoHttp, startTime } from "pino-http";
import { isRouteErrorResponse, type MiddlewareFunction, type RouterContext } from "react-router";
import { logger as appLogger, safeError } from "./logger.server";
import { type RequestLog, requestLogContext, viewerContext } from "./request-context";

type ContextReader = { get<T>(key: RouterContext<T>): T };

/** The path without its query string (query values are never logged: they can hold anything). */
const pathOf = (request: IncomingMessage & { originalUrl?: string }) =>
  (request.originalUrl ?? request.url ?? "").split("?")[0] ?? "";

/** Successful requests for static files and health checks are only worth a line at `debug`. */
const routine = (path: string) => path.startsWith("/assets/") || path === "/healthz";

/**
 * One line per request (pino-http): method, route pattern (the path when no route matched), status, duration in
 * milliseconds, request id, user id when signed in. Nothing else of the request: no query values, no headers, no
 * cookies, no body, no e-mail. Each request gets a random id, sent back as `X-Request-Id` and put in the load context
 * (`requestLogContext`, via `res.locals.requestLog`) so that the app can fill in the route and user and show the id.
 */
export function requestLogger(logger: Logger = appLogger) {
  const entryOf = (response: ServerResponse): RequestLog | undefined =>
    (response as ExpressResponse).locals?.requestLog;
  const details = (request: IncomingMessage, response: ServerResponse) => {
    const entry = entryOf(response);
    return {
      route: entry?.route ?? pathOf(request),
      ...(entry?.userId ? { userId: entry.userId } : {}),
    };
  };
  const line = (request: IncomingMessage, response: ServerResponse, milliseconds: number) =>
    `${request.method} ${details(request, response).route} ${response.statusCode} ${milliseconds} ms`;
  return pinoHttp<ExpressRequest, ExpressResponse>({
    logger,
    quietReqLogger: true,
    wrapSerializers: false,
    serializers: {
      req: (request: IncomingMessage) => ({ method: request.method, path: pathOf(request) }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      err: safeError,
    },
    genReqId(_request, response) {
      const id = randomUUID();
      response.setHeader("X-Request-Id", id);
      response.locals.requestLog = { id } satisfies RequestLog;
      return id;
    },
    customLogLevel(request, response, error) {
      if (error || response.statusCode >= 500) return "error";
      if (response.statusCode < 400 && routine(pathOf(request))) return "debug";
      return "info";
    },
    customSuccessObject: (request, response, value) => ({ ...value, ...details(request, response) }),
    customErrorObject: (request, response, _error, value) => ({ ...value, ...details(request, response) }),
    customSuccessMessage: line,
    customErrorMessage: (request, response) =>
      line(
        request,
        response,
        Date.now() - ((response as unknown as Record<symbol, number>)[startTime] ?? Date.now()),
      ),
  });
}

/**
 * The Express server's last error handler. Express's own would print the raw error (SQL parameters included) to
 * stderr; here the request's log line reports it, sanitised, and the client gets a plain 500.
 */
export const answerUnhandledError: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  response.err = error instanceof Error ? error : new Error("A value that is not an Error was thrown");
  if (response.headersSent) response.end();
  else response.status(500).type("text/plain").set("Cache-Control", "no-store").send("Internal Server Error");
};

/**
 * Root middleware: records the matched route pattern and, once the session is read, the signed-in user's id in the
 * request's log entry. Under the dev server (no Express, no pino-http) it creates the entry and the header itself.
 */
export const recordRequest: MiddlewareFunction<Response> = async ({ context, pattern }, next) => {
  let entry = context.get(requestLogContext);
  const own = !entry;
  if (!entry) {
    entry = { id: randomUUID() };
    context.set(requestLogContext, entry);
  }
  entry.route = pattern.startsWith("/") ? pattern : `/${pattern}`;
  try {
    const response = await next();
    if (own && !response.headers.has("X-Request-Id")) response.headers.set("X-Request-Id", entry.id);
    return response;
  } finally {
    const viewer = context.get(viewerContext);
    if (viewer) entry.userId = viewer.id;
  }
};

/** The request's id, for an error page to show (null outside a request). */
export function requestIdOf(context: ContextReader | undefined): string | null {
  try {
    return context?.get(requestLogContext)?.id ?? null;
  } catch {
    return null;
  }
}

/**
 * React Router's error report (`handleError` in app/entry.server.tsx): the error, sanitised by the logger, with the
 * request's id, method and route. Responses thrown on purpose below 500 (404s) are not errors: the request's own
 * line records them. Aborted requests (the browser went away) are not reported.
 */
export function reportRequestError(
  error: unknown,
  { request, context }: { request: Request; context?: ContextReader },
  logger: Logger = appLogger,
) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  let entry: RequestLog | null = null;
  try {
    entry = context?.get(requestLogContext) ?? null;
  } catch {
    entry = null;
  }
  const route = entry?.route ?? new URL(request.url).pathname;
  const err = isRouteErrorResponse(error)
    ? ((error as { error?: unknown }).error ?? new Error(`${error.status} ${error.statusText}`))
    : error;
  logger.error(
    { reqId: entry?.id, route, ...(entry?.userId ? { userId: entry.userId } : {}), err: safeError(err) },
    `${request.method} ${route} failed`,
  );
}
