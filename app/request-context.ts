import { createContext } from "react-router";
import type { Viewer } from "./auth/policy";
import type { CurrentSession } from "./auth/sessions.server";
import type { VisiblePlan } from "./plan-graph/scope.server";

/** The client's IP address, set by the HTTP server (app/http-server.ts); "unknown" in the dev server. */
export const clientAddressContext = createContext<string>("unknown");

/** A per-request nonce for the Content-Security-Policy, set by the root middleware. */
export const cspNonceContext = createContext<string>("");

/** The signed-in user (or null), loaded once per request by the root middleware. */
export const viewerContext = createContext<Viewer | null>(null);

/** The session behind the cookie (active, or waiting for its second factor), when there is one. */
export const sessionContext = createContext<CurrentSession | null>(null);

/**
 * What the request's log line says about it (app/request-log.server.ts): the id (also the `X-Request-Id` response
 * header, for error pages to show), the matched route pattern and the signed-in user, filled in as they are known.
 */
export type RequestLog = { id: string; route?: string; userId?: string };
export const requestLogContext = createContext<RequestLog | null>(null);

/** Set when this response shows the failed sign-ins notice, so the root middleware clears its cookie. */
export const signInNoticeShownContext = createContext<boolean>(false);

/**
 * The plan of a `/plans/:slug/…` request as the signed-in viewer may see it (with their scope in it), or null when
 * they may see no such plan; set by the `plans/:slug` layout's middleware (app/plan-graph/plan-route.server.ts),
 * read through `requirePlan`. Unset outside plan routes, where reading it throws.
 */
export const planContext = createContext<VisiblePlan | null>();
