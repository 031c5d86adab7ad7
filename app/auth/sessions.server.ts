import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sessions, users } from "../../db/schema";

export type SessionLimits = { idleMinutes: number; absoluteHours: number };
export type SessionStage = "second_factor" | "active";

/** The cookie carries a random 256-bit token; the database keeps only its SHA-256. */
export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** A second-factor step must be finished quickly. */
const secondFactorMinutes = 10;

export async function startSession({
  db,
  userId,
  stage,
  now,
  ipAddress,
  userAgent,
}: {
  db: Db;
  userId: string;
  stage: SessionStage;
  now: Date;
  ipAddress: string;
  userAgent: string | null;
}): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId,
      stage,
      createdAt: now,
      lastSeenAt: now,
      ipAddress,
      userAgent: userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: sessions.id });
  return { token, id: (row as { id: string }).id };
}

export type CurrentSession = { id: string; userId: string; stage: SessionStage; createdAt: Date };

/** Why a session is no longer valid at `now`, or undefined while it is. */
export function sessionExpiry(
  session: { stage: SessionStage; createdAt: Date; lastSeenAt: Date },
  now: Date,
  limits: SessionLimits,
): "idle" | "absolute" | "second_factor_timeout" | undefined {
  const age = now.getTime() - session.createdAt.getTime();
  if (session.stage === "second_factor" && age > secondFactorMinutes * 60_000) return "second_factor_timeout";
  if (age > limits.absoluteHours * 3_600_000) return "absolute";
  if (now.getTime() - session.lastSeenAt.getTime() > limits.idleMinutes * 60_000) return "idle";
  return undefined;
}

/**
 * The live session for a cookie's token, or null (unknown, forged, ended, expired, or its user deactivated).
 * An expired session is ended on the spot; a live one has its last-seen time refreshed (at most once a minute).
 */
export async function findSession({
  db,
  token,
  now,
  limits,
}: {
  db: Db;
  token: string;
  now: Date;
  limits: SessionLimits;
}): Promise<CurrentSession | null> {
  const [row] = await db
    .select({ session: sessions, deactivatedAt: users.deactivatedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)));
  if (!row || row.session.endedAt) return null;
  const { session } = row;
  const expired = row.deactivatedAt ? "deactivated" : sessionExpiry(session, now, limits);
  if (expired) {
    await db.update(sessions).set({ endedAt: now, endedReason: expired }).where(eq(sessions.id, session.id));
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  return { id: session.id, userId: session.userId, stage: session.stage, createdAt: session.createdAt };
}

export async function endSession({ db, id, reason, now }: { db: Db; id: string; reason: string; now: Date }) {
  await db
    .update(sessions)
    .set({ endedAt: now, endedReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
}

/** Ends every live session of a user (deactivation, password reset), optionally keeping one. */
export async function endSessionsOfUser({
  db,
  userId,
  reason,
  now,
  except,
}: {
  db: Db;
  userId: string;
  reason: string;
  now: Date;
  except?: string;
}): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.endedAt),
        except ? ne(sessions.id, except) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/** A user's live sessions, newest first, for the "your sessions" page. */
export async function listLiveSessions({
  db,
  userId,
  now,
  limits,
}: {
  db: Db;
  userId: string;
  now: Date;
  limits: SessionLimits;
}) {
  const rows = await db
    .select({
      id: sessions.id,
      stage: sessions.stage,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ipAddress: sessions.ipAddress,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.filter((row) => row.stage === "active" && !sessionExpiry(row, now, limits));
}

export async function getSessionOwner({ db, id }: { db: Db; id: string }) {
  const [row] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, id));
  return row?.userId;
}
