import { createHash } from "node:crypto";
import { and, count, eq, gte, lt, min } from "drizzle-orm";
import type { Db } from "../../db/client";
import { signInFailures } from "../../db/schema";

/**
 * Sign-in throttling. Failures are counted over a sliding 15-minute window per (account, address) and per address.
 * Counting per (account, address) rather than per account means an attacker elsewhere cannot lock a user out; the
 * per-address limit slows guessing across many accounts. At worst a block lasts one window.
 */
export const throttleRules = { windowMinutes: 15, perAccountAndAddress: 5, perAddress: 20 } as const;

/**
 * What was typed as the email, kept only as a hash: enough to count attempts against one account, without storing
 * what someone may have typed in the wrong field (a password).
 */
export function typedEmailKey(email: string) {
  return createHash("sha256").update(`throughline:email:${email}`).digest("hex").slice(0, 32);
}

/** A sign-in attempt: what was typed as the email, from which address, when. */
type Attempt = { db: Db; email: string; ipAddress: string; now: Date };

/** Seconds to wait before another attempt may be made, or 0 when one may be made now. */
export async function signInRetryAfter({ db, email, ipAddress, now }: Attempt) {
  const since = new Date(now.getTime() - throttleRules.windowMinutes * 60_000);
  const window = (where: ReturnType<typeof and>) =>
    db
      .select({ n: count(), oldest: min(signInFailures.at) })
      .from(signInFailures)
      .where(and(gte(signInFailures.at, since), where));
  const [pair] = await window(
    and(eq(signInFailures.email, typedEmailKey(email)), eq(signInFailures.ipAddress, ipAddress)),
  );
  const [address] = await window(eq(signInFailures.ipAddress, ipAddress));
  const blocking = [
    pair && pair.n >= throttleRules.perAccountAndAddress ? pair.oldest : null,
    address && address.n >= throttleRules.perAddress ? address.oldest : null,
  ].filter((oldest): oldest is Date => oldest instanceof Date || typeof oldest === "string");
  if (blocking.length === 0) return 0;
  const until = Math.max(
    ...blocking.map((oldest) => new Date(oldest).getTime() + throttleRules.windowMinutes * 60_000),
  );
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

export async function recordSignInFailure({ db, email, ipAddress, now }: Attempt) {
  await db.insert(signInFailures).values({ email: typedEmailKey(email), ipAddress, at: now });
  // Keep the table small: failures older than a day no longer count for anything.
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 86_400_000)));
}

/** A correct password clears that account's failures from that address. */
export async function clearSignInFailures({
  db,
  email,
  ipAddress,
}: {
  db: Db;
  email: string;
  ipAddress: string;
}) {
  await db
    .delete(signInFailures)
    .where(and(eq(signInFailures.email, email), eq(signInFailures.ipAddress, ipAddress)));
}
