import { createHash } from "node:crypto";
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { and, count, eq, gte, lt, max, min, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { signInFailures } from "../../db/schema";

/**
 * Sign-in throttling. Failures are counted over a sliding 15-minute window per (account, address) and per address,
 * and over a day per account from any address:
 * - per (account, address): 5 failures, then wait until the oldest leaves the window (at most 15 minutes);
 * - per address: 20 failures across any accounts, the same way (guessing many accounts from one place);
 * - per account: after 10 failures from anywhere, each further attempt waits 2^(n−10) seconds after the last
 *   failure, at most 15 minutes (guessing one account from many places). It slows, it never locks out: the real
 *   user can sign in once the wait is over, and an attacker cannot make it longer than 15 minutes.
 * An "address" is an IPv4 address or an IPv6 /64 (one subscriber usually holds a whole /64).
 * Attempts the throttle refuses are not failures: they cost nothing and do not extend a wait.
 */
export const throttleRules = {
  windowMinutes: 15,
  perAccountAndAddress: 5,
  perAddress: 20,
  perAccount: 10,
  accountWindowHours: 24,
  maxAccountDelaySeconds: 15 * 60,
} as const;

/**
 * What was typed as the email, kept only as a hash: enough to count attempts against one account, without storing
 * what someone may have typed in the wrong field (a password).
 */
export function typedEmailKey(email: string) {
  return createHash("sha256").update(`throughline:email:${email}`).digest("hex").slice(0, 32);
}

const ipv4Mapped = new BlockList();
ipv4Mapped.addSubnet("::ffff:0:0", 96, "ipv6");

/**
 * The address a failure is counted against: an IPv4 address as is (also when it arrives IPv4-mapped,
 * `::ffff:192.0.2.1`), an IPv6 address as its /64 prefix written out in full (`2001:0db8:0000:0001::/64`), since one
 * household or server usually has a whole /64 to pick from. Anything else (no address known) is kept as given.
 */
export function throttleAddress(ipAddress: string): string {
  const address = ipAddress.trim().replace(/^\[(.*)\]$/, "$1");
  if (isIPv4(address)) return address;
  // A zone ("fe80::1%eth0") names the local interface, not the peer.
  const ipv6 = address.split("%")[0] ?? "";
  if (!isIPv6(ipv6)) return ipAddress;
  // The URL parser writes an IPv6 address in its one canonical, compressed, lower-case hexadecimal form.
  const canonical = new URL(`http://[${ipv6}]/`).hostname.slice(1, -1);
  const [head = "", tail] = canonical.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  const hextets = groups.map((group) => Number.parseInt(group, 16));
  if (ipv4Mapped.check(ipv6, "ipv6")) {
    const [high = 0, low = 0] = hextets.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${hextets
    .slice(0, 4)
    .map((hextet) => hextet.toString(16).padStart(4, "0"))
    .join(":")}::/64`;
}

/**
 * A sign-in attempt: what was typed as the email, from which address, when, and whether the browser is one the
 * account has signed in from before (app/auth/known-device.server.ts): the per-account wait does not apply to it.
 */
type Attempt = { db: Db; email: string; ipAddress: string; now: Date; knownDevice?: boolean };

/** The wait per account after `failures` earlier failures on it within the day, in seconds (0: no wait). */
export function accountDelaySeconds(failures: number) {
  if (failures < throttleRules.perAccount) return 0;
  return Math.min(2 ** (failures - throttleRules.perAccount), throttleRules.maxAccountDelaySeconds);
}

/** Seconds to wait before this attempt may be made, or 0, from the failures on record. */
async function retryAfter(
  db: Db,
  {
    account,
    address,
    now,
    knownDevice,
  }: { account: string; address: string; now: Date; knownDevice?: boolean },
) {
  const window = new Date(now.getTime() - throttleRules.windowMinutes * 60_000);
  const day = new Date(now.getTime() - throttleRules.accountWindowHours * 3_600_000);
  const tally = async (since: Date, ...where: ReturnType<typeof eq>[]) => {
    const [row] = await db
      .select({ n: count(), oldest: min(signInFailures.at), latest: max(signInFailures.at) })
      .from(signInFailures)
      .where(and(gte(signInFailures.at, since), ...where));
    return {
      n: row?.n ?? 0,
      oldest: row?.oldest ? new Date(row.oldest).getTime() : now.getTime(),
      latest: row?.latest ? new Date(row.latest).getTime() : now.getTime(),
    };
  };
  const pair = await tally(window, eq(signInFailures.email, account), eq(signInFailures.ipAddress, address));
  const fromAddress = await tally(window, eq(signInFailures.ipAddress, address));
  const onAccount = await tally(day, eq(signInFailures.email, account));
  const windowMs = throttleRules.windowMinutes * 60_000;
  const until = Math.max(
    pair.n >= throttleRules.perAccountAndAddress ? pair.oldest + windowMs : 0,
    fromAddress.n >= throttleRules.perAddress ? fromAddress.oldest + windowMs : 0,
    onAccount.n >= throttleRules.perAccount && !knownDevice
      ? onAccount.latest + accountDelaySeconds(onAccount.n) * 1000
      : 0,
  );
  return until > now.getTime() ? Math.max(1, Math.ceil((until - now.getTime()) / 1000)) : 0;
}

/** Failures older than this no longer count for anything. */
const pruneBefore = (now: Date) => new Date(now.getTime() - throttleRules.accountWindowHours * 3_600_000);

/**
 * Check and reserve in one step: under a lock per account and per address, the failures on record are counted
 * and, unless a limit is reached, this attempt is written down as a failure, committed (when `db` is not inside a
 * transaction) before any password is checked. However many requests arrive at once, they take their turn at the
 * lock, so no more than the limit get a password check. Returns the seconds to wait (the attempt is refused and
 * leaves no row: waiting is no failure), or 0: go ahead, then on a right answer `clearSignInFailures` (which takes
 * the row back), on a wrong one leave the row, the failure it is. Called before the password hash is checked, so a
 * refused attempt costs no argon2, whether the account exists or not.
 */
export async function reserveSignInAttempt({
  db,
  email,
  ipAddress,
  now,
  knownDevice,
}: Attempt): Promise<number> {
  const account = typedEmailKey(email);
  const address = throttleAddress(ipAddress);
  // Keep the table small.
  await db.delete(signInFailures).where(lt(signInFailures.at, pruneBefore(now)));
  return db.transaction(async (tx) => {
    // Held to the end of the transaction. Accounts (class 1) are always locked before addresses (class 2), so two
    // attempts never wait for each other in a circle.
    await tx.execute(sql`select pg_advisory_xact_lock(${lockClass.account}, hashtext(${account}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${lockClass.address}, hashtext(${address}))`);
    const retryAfterSeconds = await retryAfter(tx, { account, address, now, knownDevice });
    if (retryAfterSeconds === 0)
      await tx.insert(signInFailures).values({ email: account, ipAddress: address, at: now });
    return retryAfterSeconds;
  });
}

/** Advisory lock classes (the two-key form, a key space of its own) for sign-in attempts. */
const lockClass = { account: 7_311_001, address: 7_311_002 } as const;

/**
 * A correct password clears that account's failures from that address (the user's own typing mistakes). Failures
 * from elsewhere stay: someone else's guesses keep counting towards the per-account wait.
 */
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
    .where(
      and(
        eq(signInFailures.email, typedEmailKey(email)),
        eq(signInFailures.ipAddress, throttleAddress(ipAddress)),
      ),
    );
}
