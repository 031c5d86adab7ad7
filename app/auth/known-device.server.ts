import { createHmac, timingSafeEqual } from "node:crypto";
import { normaliseEmail } from "./accounts.server";
import { type AppSecrets, signingKey } from "./secrets.server";
import { typedEmailKey } from "./throttle.server";

/**
 * Browsers an account has signed in from (docs/security.md, "Signing in"). After a complete sign-in the browser keeps
 * a token for the account: an HMAC of the account's key under a key derived from APP_SECRET, so it cannot be made
 * for another account nor read back into an email. A browser holding it is spared the per-account wait, so someone
 * guessing the account from elsewhere cannot keep its owner out; the per-address limits still apply to it.
 */

/** At most this many accounts per browser (a shared office computer), the most recent first. */
const maxAccounts = 5;

function deviceToken(email: string, secrets: AppSecrets) {
  return createHmac("sha256", signingKey(secrets, "known-device"))
    .update(typedEmailKey(normaliseEmail(email)))
    .digest("base64url")
    .slice(0, 22);
}

const tokensOf = (cookie: string | undefined) =>
  (cookie ?? "").split(".").filter((token) => token.length === 22);

/** Whether the browser's cookie holds the token of the account `email` names. */
export function isKnownDevice(cookie: string | undefined, email: string, secrets: AppSecrets): boolean {
  const expected = Buffer.from(deviceToken(email, secrets));
  return tokensOf(cookie).some((token) => timingSafeEqual(Buffer.from(token), expected));
}

/** The cookie's new value once the account `email` has signed in from this browser. */
export function rememberDevice(cookie: string | undefined, email: string, secrets: AppSecrets): string {
  const token = deviceToken(email, secrets);
  return [token, ...tokensOf(cookie).filter((other) => other !== token)].slice(0, maxAccounts).join(".");
}
