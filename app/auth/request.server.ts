import { randomBytes } from "node:crypto";
import { redirect } from "react-router";
import { getDb } from "../db.server";
import { appSecretOf, type Env, readEnv } from "../env.server";
import { clientAddressContext, cspNonceContext, sessionContext, viewerContext } from "../request-context";
import { loadViewer } from "./accounts.server";
import { crossSiteRefusal } from "./cross-site";
import type { PendingStep } from "./policy";
import { can, type Permission, type Viewer } from "./policy";
import { findSession, type SessionLimits } from "./sessions.server";

type RequestArgs = { request: Request; context: { get<T>(key: import("react-router").RouterContext<T>): T } };

let cachedEnv: Env | undefined;
const env = () => {
  cachedEnv ??= readEnv();
  return cachedEnv;
};

export const sessionLimits = (): SessionLimits => ({
  idleMinutes: env().SESSION_IDLE_MINUTES,
  absoluteHours: env().SESSION_ABSOLUTE_HOURS,
});

// ---------------------------------------------------------------- the session cookie

/**
 * Outside demo mode the cookie is `__Host-` prefixed and Secure (HTTPS only, this host only); in demo mode it is
 * plain so that http://localhost works.
 */
function sessionCookieName() {
  return env().demo ? "throughline_session" : "__Host-throughline_session";
}

/**
 * A browser-session cookie: no `Max-Age` or `Expires`, so the browser forgets it when it closes; the idle and
 * absolute limits are enforced on the server (findSession). Clearing it sets `Max-Age=0`.
 */
export function sessionCookie(token: string | null) {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", ...(env().demo ? [] : ["Secure"])];
  return [`${sessionCookieName()}=${token ?? ""}`, ...(token ? [] : ["Max-Age=0"]), ...attributes].join("; ");
}

function readSessionToken(request: Request): string | undefined {
  const cookies = request.headers.get("Cookie") ?? "";
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === sessionCookieName()) return value.join("=") || undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------- the root middleware

function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

type MiddlewareArgs = {
  request: Request;
  context: {
    get<T>(key: import("react-router").RouterContext<T>): T;
    set<T>(key: import("react-router").RouterContext<T>, value: T): void;
  };
};

/**
 * Runs for every request (document, data and resource routes): refuses cross-site writes (the production server
 * already did, before React Router's own checks; this covers the dev server), loads the session and the viewer
 * once, and adds the security headers to the response.
 */
export async function protect(
  { request, context }: MiddlewareArgs,
  next: () => Promise<Response>,
): Promise<Response> {
  const refusal = crossSiteRefusal(request);
  if (refusal) {
    return new Response(`Cross-site request refused: ${refusal}.`, {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }

  const nonce = randomBytes(16).toString("base64");
  context.set(cspNonceContext, nonce);

  const token = readSessionToken(request);
  let viewer: Viewer | null = null;
  let clearCookie = false;
  if (token) {
    const db = await getDb();
    const now = new Date();
    const session = await findSession({ db, token, now, limits: sessionLimits() });
    if (!session) clearCookie = true;
    else {
      context.set(sessionContext, session);
      if (session.stage === "active") viewer = await loadViewer({ db, userId: session.userId, now });
    }
  }
  context.set(viewerContext, viewer);
  if (viewer?.pendingStep) enforcePendingStep(request, viewer.pendingStep);

  return withSecurityHeaders(await next(), nonce, Boolean(token), clearCookie);
}

/** Where a user with a pending step may go: their account page (to take the step), signing out, the language. */
const openWhilePending = new Set(["/account", "/logout", "/language"]);

/**
 * A user who must change their password or enrol a second factor is sent to /account from every other address,
 * documents and data requests alike (`/x.data` is the data request for `/x`), until the step is done.
 */
function enforcePendingStep(request: Request, step: PendingStep) {
  const path = new URL(request.url).pathname.replace(/\.data$/, "").replace(/(.)\/$/, "$1");
  if (openWhilePending.has(path)) return;
  throw redirect(`/account?required=${step === "change_password" ? "password" : "second-factor"}`, {
    headers: { "Cache-Control": "no-store" },
  });
}

function withSecurityHeaders(response: Response, nonce: string, hasToken: boolean, clearCookie = false) {
  const headers = response.headers;
  if (env().NODE_ENV === "production") {
    // A response with its own policy (an evidence download's sandbox) keeps it.
    if (!headers.has("Content-Security-Policy"))
      headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  } else {
    // The production server (app/http-server.ts) sets these on every response; the dev server needs them here.
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "same-origin");
    headers.set("X-Frame-Options", "DENY");
  }
  if (!env().demo) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (hasToken) headers.set("Cache-Control", "no-store");
  if (clearCookie && !headers.has("Set-Cookie")) headers.append("Set-Cookie", sessionCookie(null));
  return response;
}

// ---------------------------------------------------------------- require* helpers for loaders and actions

/** The signed-in viewer, or a redirect to the sign-in page that comes back here afterwards. */
export function requireViewer({ request, context }: RequestArgs): Viewer {
  const viewer = context.get(viewerContext);
  if (viewer) return viewer;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * The viewer, if the policy allows the permission; otherwise 404, so that someone without access cannot tell
 * whether the thing exists.
 */
export function requirePermission(args: RequestArgs, permission: Permission): Viewer {
  const viewer = requireViewer(args);
  if (!can(viewer, permission)) throw new Response("Not Found", { status: 404 });
  return viewer;
}

export function clientAddress({ context }: RequestArgs) {
  return context.get(clientAddressContext);
}

export const isDemo = () => env().demo;
/** The application secret (required outside demo mode), from the environment read once. */
export const appSecret = () => appSecretOf(env());
