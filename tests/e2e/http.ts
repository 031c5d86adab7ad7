import { demoPassword } from "../../app/auth/demo.server";
import { stepSeconds } from "../../app/auth/totp";

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
 * Signs a demo account in over HTTP and returns its Cookie header. For the admin it answers the second factor with
 * the current code, which demo mode shows on the second-factor page (the key is random per installation); a code is
 * accepted once, so if another sign-in just used it, it waits for the next one.
 */
export async function signInOverHttp(baseUrl: string, email: string): Promise<string> {
  const body = new URLSearchParams({ email, password: demoPassword }).toString();
  const first = await post(baseUrl, "/login", body);
  const cookie = sessionCookieFrom(first);
  if (!first.headers.get("Location")?.startsWith("/login/second-factor")) return cookie;
  for (let attempt = 0; attempt < 3; attempt++) {
    const page = await (await get(baseUrl, "/login/second-factor", cookie)).text();
    const code = /class="[^"]*demo-notice[^"]*"[\s\S]*?(\d{6})/.exec(page)?.[1] ?? "";
    const second = await post(baseUrl, "/login/second-factor", `code=${code}`, { Cookie: cookie });
    if (second.status === 302) return sessionCookieFrom(second);
    const wait = stepSeconds * 1000 - (Date.now() % (stepSeconds * 1000)) + 200;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  throw new Error(`could not finish the second factor for ${email}`);
}

export const demoEmails = {
  admin: "admin@example.org",
  me_officer: "meo@example.org",
  staff: "staff@example.org",
  board: "board@example.org",
  funder: "funder@example.org",
  consultant: "consultant@example.org",
} as const;
