import { data } from "react-router";

/**
 * A per-user budget for dashboards read as of another day than today. Today's figures come from the roll-up cache;
 * any other `asOf` makes the roll-up read the plan's entries as they stood that day, which costs far more. So each
 * user gets a token bucket: `perMinute` such days a minute (refilled continuously); a day the user asked for in the
 * last minute is free again (following the dashboard's links keeps `asOf`). Over the budget: 429 with Retry-After.
 *
 * The budget lives in this process's memory: a restart forgets it, and behind a load balancer each app server holds
 * its own, so the effective limit is `perMinute` × the number of servers (docs/security.md).
 */

export type BudgetRule = {
  /** How many requests the bucket holds, and how many it regains over a minute. */
  perMinute: number;
  /** At most this many users are tracked; the least recently seen are forgotten first. */
  maxUsers: number;
};

export const dashboardHistoryRule: BudgetRule = { perMinute: 30, maxUsers: 10_000 };

type Bucket = { tokens: number; at: number; days: Map<string, number> };

export type BudgetDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

const minuteMs = 60_000;

export class RequestBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly rule: BudgetRule) {}

  /**
   * Spends a token for `user` asking for `day` (free when the same day was asked for within the minute; `null`: every
   * request costs one), or says how many seconds until one is back.
   */
  take(user: string, day: string | null, now = Date.now()): BudgetDecision {
    const { perMinute, maxUsers } = this.rule;
    const bucket = this.buckets.get(user) ?? { tokens: perMinute, at: now, days: new Map<string, number>() };
    // Least recently seen first: a user seen now moves to the end of the map.
    this.buckets.delete(user);
    this.buckets.set(user, bucket);
    while (this.buckets.size > maxUsers) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / minuteMs);
    bucket.at = now;
    for (const [seen, at] of bucket.days) if (now - at >= minuteMs) bucket.days.delete(seen);
    if (day !== null && bucket.days.has(day)) return { ok: true };
    if (bucket.tokens < 1) {
      const wait = ((1 - bucket.tokens) * minuteMs) / perMinute;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }
    bucket.tokens -= 1;
    if (day !== null) bucket.days.set(day, now);
    return { ok: true };
  }
}

/** The server's one budget for dashboards as of another day. */
export const dashboardHistoryBudget = new RequestBudget(dashboardHistoryRule);

/**
 * The `asOf` a dashboard address asks for when it is another day than today (what the budget counts), or null: no
 * `asOf`, today, or something that is not a day (the dashboards then show today).
 */
export function historicalDay(url: URL, today: string): string | null {
  const asOf = url.searchParams.get("asOf");
  if (!asOf || asOf === today || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return null;
  return asOf;
}

/**
 * Spends `userId`'s budget when `url` asks for another day than today, or on every request when the reader's
 * figures cannot come from the roll-up cache (`uncached`: a funder's, computed from the entries in its scope each
 * time); over it, throws the 429 (with Retry-After) that the error boundary shows as "too many requests". Called by
 * every dashboard loader (./load.server.ts) and by the theory-of-change editor, whose overlay is the same roll-up.
 */
export function spendHistoryBudget(
  userId: string,
  url: URL,
  today: string,
  { now = Date.now(), uncached = false }: { now?: number; uncached?: boolean } = {},
) {
  const day = historicalDay(url, today);
  if (!day && !uncached) return;
  const decision = dashboardHistoryBudget.take(userId, uncached ? null : day, now);
  if (decision.ok) return;
  const { retryAfterSeconds } = decision;
  throw data(
    { tooMany: true, retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}
