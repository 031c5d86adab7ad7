import { demoPassword } from "../../app/auth/demo.server";

/** A same-origin form POST, as the app's own pages send it. */
export function post(baseUrl: string, path: string, body = "", headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, ...headers },
    body,
  });
}

export function get(baseUrl: string, path: string, cookie?: string) {
  return fetch(`${baseUrl}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

function sessionCookieFrom(response: Response) {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith("throughline_session="));
  if (!header) throw new Error(`no session cookie (status ${response.status})`);
  return header.split(";")[0] as string;
}

/**
 * The session of each account with a second factor (the demo admin and M&E officer) this test file signed in, by
 * base URL and email, as a Cookie header; shared by the browser and HTTP helpers. A TOTP code works once and demo mode
 * shows at most two unused ones per 30-second step, so a file signs such an account in once and reuses its session
 * (another tab of the same person), instead of waiting for the next step. Each file has its own app and database
 * (tests/e2e/app.ts), so its first sign-in always finds the current step's code unused.
 */
const secondFactorSessions = new Map<string, string>();

/** The remembered session of `email`, if it still opens a page (a test may have ended it). */
export async function rememberedSession(baseUrl: string, email: string): Promise<string | undefined> {
  const cookie = secondFactorSessions.get(`${baseUrl} ${email}`);
  if (!cookie) return undefined;
  const response = await get(baseUrl, "/account", cookie);
  if (response.status === 200) return cookie;
  secondFactorSessions.delete(`${baseUrl} ${email}`);
  return undefined;
}

export function rememberSession(baseUrl: string, email: string, cookie: string) {
  secondFactorSessions.set(`${baseUrl} ${email}`, cookie);
}

/** What to do when demo mode shows no unused code: a test signed the account in too often; never wait for one. */
export function noUnusedCode(email: string): Error {
  return new Error(
    `demo mode shows no unused second-factor code for ${email}: this file signed it in twice within one 30-second ` +
      "step already; reuse its session (signIn and signInOverHttp do, unless asked for a fresh one)",
  );
}

/** The code demo mode shows on the second-factor page, if any. */
export function demoCodeIn(html: string): string | undefined {
  return /class="[^"]*demo-notice[^"]*"[\s\S]*?(\d{6})/.exec(html)?.[1];
}

/**
 * Signs a demo account in over HTTP and returns its Cookie header. For an account with a second factor it answers
 * with the code demo mode shows on the second-factor page (the key is random per installation), and reuses the
 * file's session of that account unless `fresh` (a test that ends the session it gets).
 */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<string> {
  const reused = fresh ? undefined : await rememberedSession(baseUrl, email);
  if (reused) return reused;
  const body = new URLSearchParams({ email, password: demoPassword }).toString();
  const first = await post(baseUrl, "/login", body);
  const cookie = sessionCookieFrom(first);
  if (!first.headers.get("Location")?.startsWith("/login/second-factor")) return cookie;
  const code = demoCodeIn(await (await get(baseUrl, "/login/second-factor", cookie)).text());
  if (!code) throw noUnusedCode(email);
  const second = await post(baseUrl, "/login/second-factor", `code=${code}`, { Cookie: cookie });
  if (second.status !== 302) throw new Error(`the second factor of ${email} was refused (${second.status})`);
  const session = sessionCookieFrom(second);
  if (!fresh) rememberSession(baseUrl, email, session);
  return session;
}

export const demoEmails = {
  admin: "admin@example.org",
  me_officer: "meo@example.org",
  staff: "staff@example.org",
  board: "board@example.org",
  funder: "funder@example.org",
  consultant: "consultant@example.org",
} as const;
