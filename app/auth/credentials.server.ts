import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { recoveryCodes, userRoles, users } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { AccountProblem } from "./accounts.server";
import { hashPassword, passwordProblem, verifyPassword } from "./password.server";
import { rolesNeedSecondFactor } from "./policy";
import { issueRecoveryCodes, spendSecondFactor } from "./second-factor.server";
import { type AppSecrets, encryptSecret } from "./secrets.server";
import { endSessionsOfUser } from "./sessions.server";
import { clearSignInFailures, reserveSignInAttempt } from "./throttle.server";
import { verifyTotp } from "./totp";

/**
 * A user's own credentials: their password, their second factor and its recovery codes. Whatever replaces, removes
 * or regenerates a credential asks for the current password (and, once a second factor is enrolled, a current code
 * or a recovery code) again, so a session left open on a shared computer is not enough to take the account over.
 * Wrong answers count towards the sign-in throttle like wrong sign-ins.
 */

type UserRow = typeof users.$inferSelect;
type Where = { ipAddress: string; now: Date };

async function userById(db: Db, userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`no user ${userId}`);
  return user;
}

/**
 * Checks the current password (and the current code, when `code` is given and a second factor is enrolled), then
 * runs `work` in the transaction that used the code up. A wrong answer is recorded as a failure (throttle and audit
 * trail) and refused with an AccountProblem on the field that was wrong; nothing else changes.
 */
async function withReauthentication<T>(
  {
    db,
    user,
    password,
    code,
    appSecret,
    ipAddress,
    now,
  }: { db: Db; user: UserRow; password: string; code?: string; appSecret: AppSecrets } & Where,
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  // Reserved like a sign-in attempt (app/auth/throttle.server.ts): counted as a failure until it succeeds.
  if ((await reserveSignInAttempt({ db, email: user.email, ipAddress, now })) > 0)
    throw new AccountProblem("currentPassword", "throttled");
  let refusal: AccountProblem;
  if (!(await verifyPassword(user.passwordHash, password))) {
    refusal = new AccountProblem("currentPassword", "wrongPassword");
  } else {
    try {
      return await db.transaction(async (tx) => {
        if (code !== undefined && user.totpSecret) {
          const proof = await spendSecondFactor({ db: tx, user, code, appSecret, now });
          if (!proof) throw new AccountProblem("currentCode", "wrongCode");
        }
        await clearSignInFailures({ db: tx, email: user.email, ipAddress });
        return work(tx);
      });
    } catch (error) {
      // Only a wrong *current* code is a failed re-authentication (a wrong code from a new app is a typing error).
      if (!(error instanceof AccountProblem && error.field === "currentCode")) throw error;
      refusal = error;
    }
  }
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      actor: `user:${user.id}`,
      action: "auth.reauthenticate.failed",
      entityType: "user",
      entityId: user.id,
      after: {
        reason: refusal.problem === "wrongPassword" ? "wrong_password" : "wrong_second_factor",
        ipAddress,
      },
    });
  });
  throw refusal;
}

// ---------------------------------------------------------------- password

/**
 * The user changes their own password: the current one is required, the new one must follow the rules and differ
 * from it. Their other sessions end (the one in use stays), and a change an admin required is done.
 */
export async function changePassword({
  db,
  userId,
  sessionId,
  currentPassword,
  newPassword,
  repeatPassword,
  ipAddress,
  now,
}: {
  db: Db;
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
} & Where) {
  const user = await userById(db, userId);
  const problem = passwordProblem(newPassword, user.email);
  if (problem) throw new AccountProblem("password", problem);
  if (newPassword !== repeatPassword) throw new AccountProblem("repeatPassword", "passwordsDiffer");
  if (newPassword === currentPassword) throw new AccountProblem("password", "samePassword");
  const passwordHash = await hashPassword(newPassword);
  await withReauthentication(
    { db, user, password: currentPassword, appSecret: "", ipAddress, now },
    async (tx) => {
      await tx.update(users).set({ passwordHash, passwordChangeRequired: false }).where(eq(users.id, userId));
      const ended = await endSessionsOfUser({
        db: tx,
        userId,
        reason: "password_changed",
        now,
        except: sessionId,
      });
      await recordAudit(tx, {
        actor: `user:${userId}`,
        action: "user.password.change",
        entityType: "user",
        entityId: userId,
        after: { sessionsEnded: ended, wasRequired: user.passwordChangeRequired },
      });
    },
  );
}

// ---------------------------------------------------------------- second factor

type Enrolment = { secret: string; code: string; appSecret: AppSecrets };

/** Stores the new secret once its first code is right; returns the step that code used, or undefined. */
async function storeSecondFactor(tx: Db, userId: string, { secret, code, appSecret }: Enrolment, now: Date) {
  const step = verifyTotp(secret, code.replace(/\s/g, ""), { now, lastUsedStep: null });
  if (step === undefined) return false;
  await tx
    .update(users)
    .set({
      totpSecret: encryptSecret(secret, appSecret, "totp-seed"),
      totpEnabledAt: now,
      totpLastStep: step,
    })
    .where(eq(users.id, userId));
  return true;
}

/**
 * Turns on the second factor once the user has typed a valid code from their app, and gives them their recovery
 * codes (returned once, kept only as hashes). Someone who already has one replaces it instead.
 */
export async function enrolSecondFactor({
  db,
  userId,
  secret,
  code,
  appSecret,
  now = new Date(),
}: { db: Db; userId: string; now?: Date } & Enrolment): Promise<string[]> {
  return db.transaction(async (tx) => {
    const user = await userById(tx, userId);
    if (user.totpEnabledAt) throw new AccountProblem("code", "alreadyEnrolled");
    if (!(await storeSecondFactor(tx, userId, { secret, code, appSecret }, now)))
      throw new AccountProblem("code", "wrongCode");
    const codes = await issueRecoveryCodes({ db: tx, userId, now });
    await recordAudit(tx, {
      actor: `user:${userId}`,
      action: "user.second_factor.enrol",
      entityType: "user",
      entityId: userId,
      after: { recoveryCodes: codes.length },
    });
    return codes;
  });
}

type Reauthentication = { currentPassword: string; currentCode: string; appSecret: AppSecrets } & Where;

/**
 * A new authenticator app replaces the old one (a lost or new phone): new secret, new recovery codes, and the user's
 * other sessions end (whoever has the old phone may have signed in with it).
 */
export async function replaceSecondFactor({
  db,
  userId,
  sessionId,
  currentPassword,
  currentCode,
  secret,
  code,
  appSecret,
  ipAddress,
  now,
}: { db: Db; userId: string; sessionId: string; secret: string; code: string } & Reauthentication): Promise<
  string[]
> {
  const user = await userById(db, userId);
  if (!user.totpEnabledAt) throw new AccountProblem("currentCode", "notEnrolled");
  return withReauthentication(
    { db, user, password: currentPassword, code: currentCode, appSecret, ipAddress, now },
    async (tx) => {
      if (!(await storeSecondFactor(tx, userId, { secret, code, appSecret }, now)))
        throw new AccountProblem("code", "wrongCode");
      const codes = await issueRecoveryCodes({ db: tx, userId, now });
      const ended = await endSessionsOfUser({
        db: tx,
        userId,
        reason: "second_factor_replaced",
        now,
        except: sessionId,
      });
      await recordAudit(tx, {
        actor: `user:${userId}`,
        action: "user.second_factor.replace",
        entityType: "user",
        entityId: userId,
        after: { recoveryCodes: codes.length, sessionsEnded: ended },
      });
      return codes;
    },
  );
}

/** Turns the second factor off; refused while the user's roles require one (they replace it instead). */
export async function removeSecondFactor({
  db,
  userId,
  currentPassword,
  currentCode,
  appSecret,
  ipAddress,
  now,
}: { db: Db; userId: string } & Reauthentication) {
  const user = await userById(db, userId);
  if (!user.totpEnabledAt) throw new AccountProblem("currentCode", "notEnrolled");
  const held = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  if (rolesNeedSecondFactor(held.map((grant) => grant.role)))
    throw new AccountProblem("currentCode", "secondFactorRequired");
  await withReauthentication(
    { db, user, password: currentPassword, code: currentCode, appSecret, ipAddress, now },
    async (tx) => {
      await clearSecondFactor(tx, userId);
      await recordAudit(tx, {
        actor: `user:${userId}`,
        action: "user.second_factor.remove",
        entityType: "user",
        entityId: userId,
      });
    },
  );
}

/** A new set of recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes({
  db,
  userId,
  currentPassword,
  currentCode,
  appSecret,
  ipAddress,
  now,
}: { db: Db; userId: string } & Reauthentication): Promise<string[]> {
  const user = await userById(db, userId);
  if (!user.totpEnabledAt) throw new AccountProblem("currentCode", "notEnrolled");
  return withReauthentication(
    { db, user, password: currentPassword, code: currentCode, appSecret, ipAddress, now },
    async (tx) => {
      const codes = await issueRecoveryCodes({ db: tx, userId, now });
      await recordAudit(tx, {
        actor: `user:${userId}`,
        action: "user.recovery_codes.regenerate",
        entityType: "user",
        entityId: userId,
        after: { recoveryCodes: codes.length },
      });
      return codes;
    },
  );
}

async function clearSecondFactor(tx: Db, userId: string) {
  await tx
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/**
 * An admin resets a user's second factor (a lost phone and no recovery code): the secret and recovery codes are
 * deleted and the user's sessions end. At their next sign-in, a user whose roles need a second factor must enrol
 * again before anything else.
 */
export async function resetSecondFactor({
  db,
  actor,
  userId,
  rationale,
  now = new Date(),
}: {
  db: Db;
  actor: string;
  userId: string;
  rationale?: string | null;
  now?: Date;
}) {
  await db.transaction(async (tx) => {
    const user = await userById(tx, userId);
    await clearSecondFactor(tx, userId);
    const ended = await endSessionsOfUser({ db: tx, userId, reason: "second_factor_reset", now });
    await recordAudit(tx, {
      actor,
      action: "user.second_factor.reset",
      entityType: "user",
      entityId: userId,
      before: { secondFactor: user.totpEnabledAt !== null },
      after: { secondFactor: false, sessionsEnded: ended },
      rationale,
    });
  });
}
