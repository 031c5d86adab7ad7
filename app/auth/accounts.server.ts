import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { userRoles, users } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { Refused } from "../errors";
import { problem as fieldProblem } from "../forms/problem";
import type { MessageKey } from "../i18n/messages";
import { hashPassword, type PasswordProblem, passwordProblem, verifyPassword } from "./password.server";
import { effectiveRoles, type PendingStep, rolesNeedSecondFactor, type Viewer } from "./policy";
import type { Role } from "./roles";
import { spendSecondFactor } from "./second-factor.server";
import { type AppSecrets, encryptSecret } from "./secrets.server";
import {
  endSession,
  endSessionsOfUser,
  getSessionOwner,
  type SessionLimits,
  startSession,
} from "./sessions.server";
import { clearSignInFailures, reserveSignInAttempt, typedEmailKey } from "./throttle.server";

export type RoleGrant = { role: Role; accessUntil: string | null };

/**
 * A refusal the form shows next to a field; nothing was changed. A `Refused` (so actions answer it with
 * `answerRefused`) that keeps the field and the problem's name for the callers that branch on them.
 */
export class AccountProblem extends Refused {
  constructor(
    readonly field: string,
    readonly problem:
      | PasswordProblem
      | "emailTaken"
      | "funderRequired"
      | "accessUntilRequired"
      | "lastAdmin"
      | "wrongPassword"
      | "wrongCode"
      | "samePassword"
      | "passwordsDiffer"
      | "secondFactorRequired"
      | "alreadyEnrolled"
      | "notEnrolled"
      | "throttled",
  ) {
    const key = (field === "password" ? `password.${problem}` : `users.${problem}`) as MessageKey;
    super([fieldProblem(field, key)], problem === "throttled" ? 429 : 400);
  }
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
const today = (now: Date) => now.toISOString().slice(0, 10);

function checkGrants(grants: readonly RoleGrant[], funderCode: string | null) {
  if (grants.some((grant) => grant.role === "funder") && !funderCode)
    throw new AccountProblem("funderCode", "funderRequired");
  if (grants.some((grant) => grant.role === "consultant" && !grant.accessUntil)) {
    throw new AccountProblem("accessUntil", "accessUntilRequired");
  }
}

// ---------------------------------------------------------------- reading

export async function loadViewer({
  db,
  userId,
  now,
}: {
  db: Db;
  userId: string;
  now: Date;
}): Promise<Viewer | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)));
  if (!user) return null;
  const grants = await db
    .select({ role: userRoles.role, accessUntil: userRoles.accessUntil })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  const hasSecondFactor = user.totpEnabledAt !== null;
  const held = effectiveRoles(grants, { today: today(now), hasSecondFactor: true });
  const pendingStep: PendingStep | null = user.passwordChangeRequired
    ? "change_password"
    : !hasSecondFactor && rolesNeedSecondFactor(held)
      ? "enrol_second_factor"
      : null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    // Until the pending step is done, no role is in force (the server also redirects every page to /account).
    roles: pendingStep ? [] : effectiveRoles(grants, { today: today(now), hasSecondFactor }),
    funderCode: user.funderCode,
    hasSecondFactor,
    pendingStep,
  };
}

export async function getUserEmail({ db, id }: { db: Db; id: string }) {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, id));
  return row?.email;
}

export async function listUsers({ db }: { db: Db }) {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  const grants = await db.select().from(userRoles);
  return rows.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    funderCode: user.funderCode,
    active: user.deactivatedAt === null,
    hasSecondFactor: user.totpEnabledAt !== null,
    roles: grants
      .filter((grant) => grant.userId === user.id)
      .map(({ role, accessUntil }) => ({ role, accessUntil })),
  }));
}

export async function getUser({ db, id }: { db: Db; id: string }) {
  return (await listUsers({ db })).find((user) => user.id === id) ?? null;
}

// ---------------------------------------------------------------- administration (each: one transaction, one audit row)

export async function createUser({
  db,
  actor,
  email,
  name,
  password,
  grants,
  funderCode = null,
  totpSecret = null,
  appSecret,
  now = new Date(),
}: {
  db: Db;
  actor: string;
  email: string;
  name: string;
  password: string;
  grants: readonly RoleGrant[];
  funderCode?: string | null;
  /** Enrol a second factor at creation (the CLI's first admin, demo users). */
  totpSecret?: string | null;
  appSecret?: AppSecrets;
  now?: Date;
}): Promise<string> {
  const address = normaliseEmail(email);
  const problem = passwordProblem(password, address);
  if (problem) throw new AccountProblem("password", problem);
  checkGrants(grants, funderCode);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, address));
    if (taken) throw new AccountProblem("email", "emailTaken");
    const [row] = await tx
      .insert(users)
      .values({
        email: address,
        name: name.trim(),
        passwordHash,
        funderCode: grants.some((grant) => grant.role === "funder") ? funderCode : null,
        ...(totpSecret && appSecret
          ? { totpSecret: encryptSecret(totpSecret, appSecret, "totp-seed"), totpEnabledAt: now }
          : {}),
      })
      .returning({ id: users.id });
    const id = (row as { id: string }).id;
    if (grants.length) await tx.insert(userRoles).values(grants.map((grant) => ({ userId: id, ...grant })));
    await recordAudit(tx, {
      actor,
      action: "user.create",
      entityType: "user",
      entityId: id,
      after: {
        email: address,
        name: name.trim(),
        roles: grants,
        funderCode,
        secondFactor: Boolean(totpSecret),
      },
    });
    return id;
  });
}

/** The roles an admin may not take away: the last active admin keeps theirs. */
async function assertAnotherAdminRemains(db: Db, userId: string) {
  const admins = await db
    .select({ id: users.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "admin"), isNull(users.deactivatedAt)));
  if (admins.every((admin) => admin.id === userId)) throw new AccountProblem("roles", "lastAdmin");
}

export async function setUserRoles({
  db,
  actor,
  userId,
  grants,
  funderCode,
  rationale,
}: {
  db: Db;
  actor: string;
  userId: string;
  grants: readonly RoleGrant[];
  funderCode: string | null;
  rationale?: string | null;
}) {
  checkGrants(grants, funderCode);
  await db.transaction(async (tx) => {
    const before = await getUser({ db: tx, id: userId });
    if (!before) throw new Error(`no user ${userId}`);
    if (
      before.roles.some((grant) => grant.role === "admin") &&
      !grants.some((grant) => grant.role === "admin")
    ) {
      await assertAnotherAdminRemains(tx, userId);
    }
    await tx.delete(userRoles).where(eq(userRoles.userId, userId));
    if (grants.length) await tx.insert(userRoles).values(grants.map((grant) => ({ userId, ...grant })));
    const funder = grants.some((grant) => grant.role === "funder") ? funderCode : null;
    await tx.update(users).set({ funderCode: funder }).where(eq(users.id, userId));
    await recordAudit(tx, {
      actor,
      action: "user.roles.update",
      entityType: "user",
      entityId: userId,
      before: { roles: before.roles, funderCode: before.funderCode },
      after: { roles: grants, funderCode: funder },
      rationale,
    });
  });
}

/** Deactivating ends all of the user's sessions at once; reactivating lets them sign in again. */
export async function setUserActive({
  db,
  actor,
  userId,
  active,
  now = new Date(),
  rationale,
}: {
  db: Db;
  actor: string;
  userId: string;
  active: boolean;
  now?: Date;
  rationale?: string | null;
}) {
  await db.transaction(async (tx) => {
    if (!active) {
      const [isAdmin] = await tx
        .select()
        .from(userRoles)
        .where(and(eq(userRoles.userId, userId), eq(userRoles.role, "admin")));
      if (isAdmin) await assertAnotherAdminRemains(tx, userId);
    }
    await tx
      .update(users)
      .set({ deactivatedAt: active ? null : now })
      .where(eq(users.id, userId));
    const ended = active ? 0 : await endSessionsOfUser({ db: tx, userId, reason: "deactivated", now });
    await recordAudit(tx, {
      actor,
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: userId,
      after: active ? { active } : { active, sessionsEnded: ended },
      rationale,
    });
  });
}

/**
 * An admin sets a new password; the user's sessions end, so whoever held them must sign in again, and the user must
 * choose their own password at that sign-in before anything else (so no admin knows a working password).
 */
export async function resetPassword({
  db,
  actor,
  userId,
  password,
  now = new Date(),
}: {
  db: Db;
  actor: string;
  userId: string;
  password: string;
  now?: Date;
}) {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`no user ${userId}`);
  const problem = passwordProblem(password, user.email);
  if (problem) throw new AccountProblem("password", problem);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangeRequired: true }).where(eq(users.id, userId));
    const ended = await endSessionsOfUser({ db: tx, userId, reason: "password_reset", now });
    await recordAudit(tx, {
      actor,
      action: "user.password.reset",
      entityType: "user",
      entityId: userId,
      after: { sessionsEnded: ended, changeRequired: true },
    });
  });
}

// ---------------------------------------------------------------- signing in

/** Failed sign-ins on the account since the last successful one, told to the user when they next sign in. */
export type SignInNotice = { userId: string; failedSignIns: number; since: string };

export type SignInResult =
  | { outcome: "throttled"; retryAfterSeconds: number }
  | { outcome: "refused" }
  | { outcome: "second_factor"; token: string }
  | { outcome: "signed_in"; token: string; notice?: SignInNotice | null };

/**
 * Where an attempt comes from. `knownDevice`: the browser holds this account's known-device token
 * (app/auth/known-device.server.ts), which spares it the per-account wait.
 */
type RequestFacts = { ipAddress: string; userAgent: string | null; now: Date; knownDevice?: boolean };

/**
 * One more failed sign-in on the account with this email, from whatever address, for the notice at its next
 * sign-in. For an email without an account the same statement changes nothing: both cost the same.
 */
async function countFailedSignIn(tx: Db, email: string, now: Date) {
  await tx
    .update(users)
    .set({
      failedSignIns: sql`${users.failedSignIns} + 1`,
      failedSignInsSince: sql`coalesce(${users.failedSignInsSince}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(users.email, email));
}

/** At a complete sign-in: the failures since the last one (null when none), and the count starts again. */
async function takeSignInNotice(tx: Db, userId: string): Promise<SignInNotice | null> {
  const [row] = await tx
    .select({ failedSignIns: users.failedSignIns, since: users.failedSignInsSince })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!row || row.failedSignIns === 0) return null;
  await tx.update(users).set({ failedSignIns: 0, failedSignInsSince: null }).where(eq(users.id, userId));
  return { userId, failedSignIns: row.failedSignIns, since: new Date(row.since ?? Date.now()).toISOString() };
}

/**
 * Step one: email and password. The answer never says whether the email exists. A correct password for an account
 * with a second factor starts a `second_factor` session that can do nothing but finish signing in.
 *
 * The attempt is reserved against the throttle before anything else (see `reserveSignInAttempt`): parallel
 * requests cannot get past the limits, and an attempt the throttle refuses costs no password hashing, whether the
 * account exists or not. Past the throttle, a known and an unknown email both cost one argon2 verification.
 */
export async function signInWithPassword({
  db,
  email,
  password,
  ipAddress,
  userAgent,
  now,
  replaces,
  knownDevice,
}: { db: Db; email: string; password: string; replaces?: string } & RequestFacts): Promise<SignInResult> {
  const address = normaliseEmail(email);
  const retryAfterSeconds = await reserveSignInAttempt({ db, email: address, ipAddress, now, knownDevice });
  if (retryAfterSeconds > 0) return { outcome: "throttled", retryAfterSeconds };

  const [user] = await db.select().from(users).where(eq(users.email, address));
  const passwordMatches = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordMatches || user.deactivatedAt) {
    // The reserved row stays: it is this failure.
    await db.transaction(async (tx) => {
      await countFailedSignIn(tx, address, now);
      await recordAudit(tx, {
        actor: user ? `user:${user.id}` : "anonymous",
        action: "auth.sign_in.failed",
        entityType: "user",
        // An unknown "email" may be anything typed, a password included: keep only its hash.
        entityId: user?.id ?? `typed:${typedEmailKey(address)}`,
        after: {
          reason: !user ? "unknown_email" : user.deactivatedAt ? "deactivated" : "wrong_password",
          ipAddress,
        },
      });
    });
    return { outcome: "refused" };
  }
  const stage = user.totpEnabledAt ? "second_factor" : "active";
  return db.transaction(async (tx) => {
    // The reserved row and this address's earlier failures on the account go: they were the user's own typing. With a
    // second factor they stay until its code is right, or the password step would reset the count of wrong codes.
    if (stage === "active") await clearSignInFailures({ db: tx, email: address, ipAddress });
    // Rotation: whatever session this browser had before ends; the new one gets a new id.
    if (replaces) await endSession({ db: tx, id: replaces, reason: "rotated", now });
    const session = await startSession({ db: tx, userId: user.id, stage, now, ipAddress, userAgent });
    // Only a complete sign-in hears about failed ones: someone who has the password but not the code does not.
    const notice = stage === "active" ? await takeSignInNotice(tx, user.id) : null;
    await recordAudit(tx, {
      actor: `user:${user.id}`,
      action: stage === "active" ? "auth.sign_in" : "auth.sign_in.password_ok",
      entityType: "session",
      entityId: session.id,
      after: { ipAddress, ...(notice && { failedSignInsNotice: notice }) },
    });
    return stage === "active"
      ? { outcome: "signed_in", token: session.token, notice }
      : { outcome: "second_factor", token: session.token };
  });
}

/**
 * Step two: the TOTP code (or one of the user's recovery codes). Success ends the half-signed-in session and starts
 * a new one (a new id at sign-in, so a planted session id is useless). Wrong codes count towards the same throttle
 * as wrong passwords, reserved the same way, and towards the account's failed sign-ins.
 */
export async function signInWithSecondFactor({
  db,
  sessionId,
  userId,
  code,
  appSecret,
  ipAddress,
  userAgent,
  now,
  knownDevice,
}: {
  db: Db;
  sessionId: string;
  userId: string;
  code: string;
  appSecret: AppSecrets;
} & RequestFacts): Promise<SignInResult> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.totpSecret) return { outcome: "refused" };
  const retryAfterSeconds = await reserveSignInAttempt({
    db,
    email: user.email,
    ipAddress,
    now,
    knownDevice,
  });
  if (retryAfterSeconds > 0) return { outcome: "throttled", retryAfterSeconds };
  // The code is used up inside the transaction that starts the session: a TOTP step is claimed by a conditional
  // update, a recovery code is marked used, so two requests with the same code cannot both sign in.
  const signedIn = await db.transaction(async (tx) => {
    const proof = await spendSecondFactor({ db: tx, user, code, appSecret, now });
    if (!proof) return null;
    await clearSignInFailures({ db: tx, email: user.email, ipAddress });
    await endSession({ db: tx, id: sessionId, reason: "rotated", now });
    const session = await startSession({
      db: tx,
      userId: user.id,
      stage: "active",
      now,
      ipAddress,
      userAgent,
    });
    const notice = await takeSignInNotice(tx, user.id);
    await recordAudit(tx, {
      actor: `user:${user.id}`,
      action: "auth.sign_in",
      entityType: "session",
      entityId: session.id,
      after: {
        ipAddress,
        secondFactor: proof,
        replaces: sessionId,
        ...(notice && { failedSignInsNotice: notice }),
      },
    });
    return { outcome: "signed_in", token: session.token, notice } as const;
  });
  if (signedIn) return signedIn;
  await db.transaction(async (tx) => {
    await countFailedSignIn(tx, user.email, now);
    await recordAudit(tx, {
      actor: `user:${user.id}`,
      action: "auth.sign_in.failed",
      entityType: "user",
      entityId: user.id,
      after: { reason: "wrong_second_factor", ipAddress },
    });
  });
  return { outcome: "refused" };
}

export async function signOut({
  db,
  sessionId,
  userId,
  now,
}: {
  db: Db;
  sessionId: string;
  userId: string;
  now: Date;
}) {
  await db.transaction(async (tx) => {
    await endSession({ db: tx, id: sessionId, reason: "signed_out", now });
    await recordAudit(tx, {
      actor: `user:${userId}`,
      action: "auth.sign_out",
      entityType: "session",
      entityId: sessionId,
    });
  });
}

export type { SessionLimits };

// ---------------------------------------------------------------- ending sessions (each: one transaction, one audit row)

/**
 * Ends one session of `ownerId`. Refuses (returns false, changes nothing) when the session belongs to someone else,
 * so a session id from another account cannot be ended through the wrong page.
 */
export async function endSessionOf({
  db,
  actor,
  ownerId,
  sessionId,
  reason,
  now = new Date(),
}: {
  db: Db;
  actor: string;
  ownerId: string;
  sessionId: string;
  reason: "ended_by_user" | "ended_by_admin";
  now?: Date;
}): Promise<boolean> {
  return db.transaction(async (tx) => {
    if ((await getSessionOwner({ db: tx, id: sessionId })) !== ownerId) return false;
    await endSession({ db: tx, id: sessionId, reason, now });
    await recordAudit(tx, { actor, action: "session.end", entityType: "session", entityId: sessionId });
    return true;
  });
}

/** Ends all of a user's sessions, or all but the one in use (`except`). */
export async function endSessionsOf({
  db,
  actor,
  userId,
  reason,
  except,
  now = new Date(),
}: {
  db: Db;
  actor: string;
  userId: string;
  reason: "ended_by_user" | "ended_by_admin";
  except?: string;
  now?: Date;
}): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await endSessionsOfUser({ db: tx, userId, reason, now, except });
    await recordAudit(tx, {
      actor,
      action: except ? "session.end_others" : "session.end_all",
      entityType: "user",
      entityId: userId,
      after: { sessionsEnded: ended },
    });
    return ended;
  });
}
