import { randomBytes } from "node:crypto";
import { redirect } from "react-router";
import { getDb } from "../db.server";
import { appSecretsOf, type Env, readEnv } from "../env.server";
import { notFound } from "../http-errors";
import {
  clientAddressContext,
  cspNonceContext,
  sessionContext,
  signInNoticeShownContext,
  viewerContext,
} from "../request-context";
import { loadViewer, type SignInNotice } from "./accounts.server";
import { crossSiteRefusal } from "./cross-site";
import { demoHostRefusal, demoRefusalStatus } from "./demo-host";
import { isKnownDevice, rememberDevice } from "./known-device.server";
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

// ---------------------------------------------------------------- the failed sign-ins notice

/**
 * At a complete sign-in the account's failed attempts since the last one travel to the page the user lands on in a
 * short-lived cookie (the database count has already started again): the user it is for, how many, since when.
 * The first page shown to that user reads it, and that response clears it.
 */
function signInNoticeCookieName() {
  return env().demo ? "throughline_sign_in_notice" : "__Host-throughline_sign_in_notice";
}

/** The cookie carrying `notice` to the next page, or (`null`) clearing it. */
export function signInNoticeCookie(notice: SignInNotice | null) {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", ...(env().demo ? [] : ["Secure"])];
  const value = notice ? `${notice.userId}.${notice.failedSignIns}.${new Date(notice.since).getTime()}` : "";
  return [`${signInNoticeCookieName()}=${value}`, `Max-Age=${notice ? 600 : 0}`, ...attributes].join("; ");
}

function knownDeviceCookieName() {
  return env().demo ? "throughline_device" : "__Host-throughline_device";
}

/** The browser's known-device tokens (app/auth/known-device.server.ts), kept for 180 days. */
function knownDeviceCookie(value: string) {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Lax", ...(env().demo ? [] : ["Secure"])];
  return [`${knownDeviceCookieName()}=${value}`, `Max-Age=${180 * 86_400}`, ...attributes].join("; ");
}

/** Whether the request comes from a browser that has signed in to the account `email` names before. */
export const fromKnownDevice = (request: Request, email: string) =>
  isKnownDevice(readCookie(request, knownDeviceCookieName()), email, appSecret());

/**
 * What a complete sign-in sets: the new session, this browser's known-device token for the account, and the
 * failed-attempts notice for the page the user lands on.
 */
export function signedInHeaders({
  request,
  email,
  token,
  notice,
}: {
  request: Request;
  email: string;
  token: string;
  notice?: SignInNotice | null;
}) {
  const headers = new Headers({ "Set-Cookie": sessionCookie(token) });
  const devices = rememberDevice(readCookie(request, knownDeviceCookieName()), email, appSecret());
  headers.append("Set-Cookie", knownDeviceCookie(devices));
  if (notice) headers.append("Set-Cookie", signInNoticeCookie(notice));
  return headers;
}

function readCookie(request: Request, wanted: string): string | undefined {
  const cookies = request.headers.get("Cookie") ?? "";
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === wanted) return value.join("=") || undefined;
  }
  return undefined;
}

/**
 * The notice for the signed-in viewer, if the request carries one for them (anything else in the cookie is
 * ignored), for the root loader: the response that shows it clears the cookie.
 */
export function takeSignInNotice({
  request,
  context,
}: Pick<MiddlewareArgs, "request" | "context">): SignInNotice | null {
  const viewer = context.get(viewerContext);
  const cookie = readCookie(request, signInNoticeCookieName());
  const match = /^([0-9a-f-]{36})\.(\d{1,9})\.(\d{1,15})$/.exec(cookie ?? "");
  if (!viewer || !match || match[1] !== viewer.id) return null;
  const since = new Date(Number(match[3]));
  const failedSignIns = Number(match[2]);
  if (failedSignIns === 0 || Number.isNaN(since.getTime())) return null;
  context.set(signInNoticeShownContext, true);
  return { userId: viewer.id, failedSignIns, since: since.toISOString() };
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
 * Runs for every request (document, data and resource routes): refuses requests to a loopback-only demo that are
 * not addressed to localhost and cross-site writes (the production server already did, before React Router's own
 * checks; this covers the dev server), loads the session and the viewer once, and adds the security headers to the
 * response.
 */
export async function protect(
  { request, context }: MiddlewareArgs,
  next: () => Promise<Response>,
): Promise<Response> {
  const demoRefusal = env().demoLoopbackOnly ? demoHostRefusal(request.headers) : null;
  if (demoRefusal) {
    return new Response(demoRefusal, {
      status: demoRefusalStatus,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const refusal = crossSiteRefusal(request);
  if (refusal) {
    return new Response(`Cross-site request refused: ${refusal}.`, {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }

  const nonce = randomBytes(16).toString("base64");
  context.set(cspNonceContext, nonce);

  const token = readCookie(request, sessionCookieName());
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

  const response = withSecurityHeaders(await next(), nonce, Boolean(token), clearCookie);
  // The failed sign-ins notice is on this page (the root loader took it): once is enough.
  if (viewer && context.get(signInNoticeShownContext) && response.status < 300) {
    response.headers.append("Set-Cookie", signInNoticeCookie(null));
  }
  return response;
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
  if (!can(viewer, permission)) notFound();
  return viewer;
}

export function clientAddress({ context }: RequestArgs) {
  return context.get(clientAddressContext);
}

export const isDemo = () => env().demo;
/** The application secret (required outside demo mode) and, during a rotation, the previous one; read once. */
export const appSecret = () => appSecretsOf(env());
