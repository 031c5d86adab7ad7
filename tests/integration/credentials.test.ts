import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AccountProblem,
  createUser,
  loadViewer,
  type RoleGrant,
  resetPassword,
  signInWithPassword,
  signInWithSecondFactor,
} from "../../app/auth/accounts.server";
import {
  changePassword,
  enrolSecondFactor,
  regenerateRecoveryCodes,
  removeSecondFactor,
  replaceSecondFactor,
  resetSecondFactor,
} from "../../app/auth/credentials.server";
import { findSession, type SessionLimits } from "../../app/auth/sessions.server";
import { generateTotpSecret, totpCode, totpStep } from "../../app/auth/totp";
import type { Database, Db } from "../../db/client";
import { auditEvents, recoveryCodes, sessions, users } from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

const appSecret = "test-secret-test-secret-test-secret-0123";
const limits: SessionLimits = { idleMinutes: 30, absoluteHours: 12 };
const password = "correct horse battery";
const t0 = new Date("2026-03-02T09:00:00Z");
const seconds = (n: number) => new Date(t0.getTime() + n * 1000);
const where = (now = t0) => ({ ipAddress: "192.0.2.10", now });
const facts = (now = t0) => ({ ...where(now), userAgent: "test" });
const staffRole: RoleGrant[] = [{ role: "staff", accessUntil: null }];
const adminRole: RoleGrant[] = [{ role: "admin", accessUntil: null }];
const officerRole: RoleGrant[] = [{ role: "me_officer", accessUntil: null }];

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function user(db: Db, email: string, grants = staffRole, totpSecret: string | null = null) {
  return createUser({
    db,
    actor: "test",
    email,
    name: email,
    password,
    grants,
    appSecret,
    totpSecret,
    now: t0,
  });
}

/** Signs in with the password and returns the half-signed-in session waiting for its second factor. */
async function pendingSession(db: Db, email: string, now = t0) {
  const result = await signInWithPassword({ db, email, password, ...facts(now) });
  if (result.outcome !== "second_factor")
    throw new Error(`expected a second-factor step, got ${result.outcome}`);
  const session = await findSession({ db, token: result.token, now, limits });
  if (!session) throw new Error("no pending session");
  return session;
}

async function secondFactor(db: Db, userId: string, sessionId: string, code: string, now = t0) {
  return signInWithSecondFactor({ db, sessionId, userId, code, appSecret, ...facts(now) });
}

/** The AccountProblem a call is refused with, as `field: problem`. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof AccountProblem) return `${error.field}: ${error.problem}`;
    throw error;
  }
  throw new Error("expected a refusal");
}

const actions = async (db: Db, userId: string) =>
  (
    await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, userId))
  ).map((row) => row.action);

describe("a TOTP code", () => {
  // Not in a rolled-back transaction: the two sign-ins must run as two real, concurrent transactions (on
  // PostgreSQL with DATABASE_URL, on two connections).
  it("signs in exactly once when the same code is sent twice in parallel", async () => {
    const db = database.db;
    const secret = generateTotpSecret();
    const email = `parallel-${Date.now()}@example.org`;
    const id = await user(db, email, adminRole, secret);
    const first = await pendingSession(db, email);
    const second = await pendingSession(db, email);
    const code = totpCode(secret, totpStep(t0));
    const outcomes = await Promise.all([
      secondFactor(db, id, first.id, code),
      secondFactor(db, id, second.id, code),
    ]);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(["refused", "signed_in"]);
    // Nor later, in a third attempt within the same 30 seconds.
    const third = await pendingSession(db, email, seconds(5));
    expect((await secondFactor(db, id, third.id, code, seconds(5))).outcome).toBe("refused");
  });
});

describe("recovery codes", () => {
  it("are 10 codes shown once at enrolment, kept only as hashes, each accepted once instead of a TOTP code", async () => {
    await inRollback(database.db, async (tx) => {
      const secret = generateTotpSecret();
      const id = await user(tx, "recovery@example.org");
      const codes = await enrolSecondFactor({
        db: tx,
        userId: id,
        secret,
        code: totpCode(secret, totpStep(t0)),
        appSecret,
        now: t0,
      });
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      const stored = await tx.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id));
      expect(stored).toHaveLength(10);
      for (const row of stored)
        expect(codes.some((code) => row.codeHash.includes(code.replace(/-/g, "")))).toBe(false);

      const code = codes[3] as string;
      const session = await pendingSession(tx, "recovery@example.org");
      // Typed with spaces and capitals, as people copy them.
      const typed = ` ${code.toUpperCase().replace(/-/g, " ")} `;
      expect((await secondFactor(tx, id, session.id, typed)).outcome).toBe("signed_in");
      const again = await pendingSession(tx, "recovery@example.org", seconds(40));
      expect((await secondFactor(tx, id, again.id, code, seconds(40))).outcome).toBe("refused");
      expect((await secondFactor(tx, id, again.id, codes[4] as string, seconds(41))).outcome).toBe(
        "signed_in",
      );
    });
  });

  it("can be regenerated with the password and a current code; the old ones stop working", async () => {
    await inRollback(database.db, async (tx) => {
      const secret = generateTotpSecret();
      const id = await user(tx, "regenerate@example.org");
      const old = await enrolSecondFactor({
        db: tx,
        userId: id,
        secret,
        code: totpCode(secret, totpStep(t0)),
        appSecret,
        now: t0,
      });
      const later = seconds(60);
      const ask = (currentPassword: string, currentCode: string) =>
        regenerateRecoveryCodes({
          db: tx,
          userId: id,
          currentPassword,
          currentCode,
          appSecret,
          ...where(later),
        });
      expect(await refusal(ask("wrong password!", totpCode(secret, totpStep(later))))).toBe(
        "currentPassword: wrongPassword",
      );
      expect(await refusal(ask(password, "000000"))).toBe("currentCode: wrongCode");
      const fresh = await ask(password, totpCode(secret, totpStep(later)));
      expect(fresh).toHaveLength(10);
      const session = await pendingSession(tx, "regenerate@example.org", later);
      expect((await secondFactor(tx, id, session.id, old[0] as string, later)).outcome).toBe("refused");
      expect((await secondFactor(tx, id, session.id, fresh[0] as string, later)).outcome).toBe("signed_in");
      expect(await actions(tx, id)).toContain("user.recovery_codes.regenerate");
      expect(await actions(tx, id)).toContain("auth.reauthenticate.failed");
    });
  });
});

describe("replacing or removing a second factor", () => {
  it("needs the current password and a current code; the new app's code works, the old one no longer", async () => {
    await inRollback(database.db, async (tx) => {
      const oldSecret = generateTotpSecret();
      const newSecret = generateTotpSecret();
      const id = await user(tx, "replace@example.org", adminRole, oldSecret);
      const here = await pendingSession(tx, "replace@example.org");
      const elsewhere = await pendingSession(tx, "replace@example.org");
      const now = seconds(90);
      const replace = (currentPassword: string, currentCode: string) =>
        replaceSecondFactor({
          db: tx,
          userId: id,
          sessionId: here.id,
          currentPassword,
          currentCode,
          secret: newSecret,
          code: totpCode(newSecret, totpStep(now)),
          appSecret,
          ...where(now),
        });
      expect(await refusal(replace("not my password", totpCode(oldSecret, totpStep(now))))).toBe(
        "currentPassword: wrongPassword",
      );
      expect(await refusal(replace(password, totpCode(newSecret, totpStep(now))))).toBe(
        "currentCode: wrongCode",
      );
      const [unchanged] = await tx.select().from(users).where(eq(users.id, id));
      expect(unchanged?.totpSecret).not.toBeNull();

      expect(await replace(password, totpCode(oldSecret, totpStep(now)))).toHaveLength(10);
      // The user's other sessions end; the one in use stays.
      const live = await tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.userId, id), isNull(sessions.endedAt)));
      expect(live.map((session) => session.id)).toEqual([here.id]);
      expect(elsewhere.id).not.toBe(here.id);
      const later = seconds(200);
      const session = await pendingSession(tx, "replace@example.org", later);
      expect(
        (await secondFactor(tx, id, session.id, totpCode(oldSecret, totpStep(later)), later)).outcome,
      ).toBe("refused");
      expect(
        (await secondFactor(tx, id, session.id, totpCode(newSecret, totpStep(later)), later)).outcome,
      ).toBe("signed_in");
      expect(await actions(tx, id)).toContain("user.second_factor.replace");
    });
  });

  it("can be turned off with the password and a code, but not while the user's role needs it", async () => {
    await inRollback(database.db, async (tx) => {
      const secret = generateTotpSecret();
      const staff = await user(tx, "remove@example.org", staffRole, secret);
      const admin = await user(tx, "keep@example.org", adminRole, secret);
      const code = totpCode(secret, totpStep(t0));
      const remove = (userId: string, currentPassword: string) =>
        removeSecondFactor({ db: tx, userId, currentPassword, currentCode: code, appSecret, ...where() });
      expect(await refusal(remove(admin, password))).toBe("currentCode: secondFactorRequired");
      expect(await refusal(remove(staff, "not my password"))).toBe("currentPassword: wrongPassword");
      await remove(staff, password);
      const [row] = await tx.select().from(users).where(eq(users.id, staff));
      expect(row?.totpSecret).toBeNull();
      expect(row?.totpEnabledAt).toBeNull();
      expect(
        (await signInWithPassword({ db: tx, email: "remove@example.org", password, ...facts() })).outcome,
      ).toBe("signed_in");
      expect(await actions(tx, staff)).toContain("user.second_factor.remove");
    });
  });
});

describe("an admin's second-factor reset", () => {
  it("ends the user's sessions, and an admin must enrol again before anything else", async () => {
    await inRollback(database.db, async (tx) => {
      const secret = generateTotpSecret();
      const id = await user(tx, "lostphone@example.org", adminRole, secret);
      const session = await pendingSession(tx, "lostphone@example.org");
      const signedIn = await secondFactor(tx, id, session.id, totpCode(secret, totpStep(t0)));
      const token = (signedIn as { token: string }).token;
      expect((await loadViewer({ db: tx, userId: id, now: t0 }))?.roles).toEqual(["admin"]);

      await resetSecondFactor({
        db: tx,
        actor: "user:someone",
        userId: id,
        rationale: "lost phone",
        now: t0,
      });
      expect(await findSession({ db: tx, token, now: t0, limits })).toBeNull();
      expect(await tx.select().from(recoveryCodes).where(eq(recoveryCodes.userId, id))).toEqual([]);
      const [audit] = await tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "user.second_factor.reset")));
      expect(audit?.rationale).toBe("lost phone");

      // The password alone now signs in, but into the enrolment step only: no role is in force.
      const result = await signInWithPassword({
        db: tx,
        email: "lostphone@example.org",
        password,
        ...facts(),
      });
      expect(result.outcome).toBe("signed_in");
      const viewer = await loadViewer({ db: tx, userId: id, now: t0 });
      expect(viewer?.pendingStep).toBe("enrol_second_factor");
      expect(viewer?.roles).toEqual([]);

      const fresh = generateTotpSecret();
      await enrolSecondFactor({
        db: tx,
        userId: id,
        secret: fresh,
        code: totpCode(fresh, totpStep(t0)),
        appSecret,
        now: t0,
      });
      const after = await loadViewer({ db: tx, userId: id, now: t0 });
      expect(after?.pendingStep).toBeNull();
      expect(after?.roles).toEqual(["admin"]);
    });
  });

  it("also applies to M&E officers: without a second factor their role is not in force and enrolment comes first", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await user(tx, "officer@example.org", officerRole);
      const viewer = await loadViewer({ db: tx, userId: id, now: t0 });
      expect(viewer?.pendingStep).toBe("enrol_second_factor");
      expect(viewer?.roles).toEqual([]);
    });
  });
});

describe("passwords", () => {
  it("are changed by their owner with the current one; their other sessions end, the one in use stays", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await user(tx, "change@example.org");
      const sign = async () => {
        const result = await signInWithPassword({
          db: tx,
          email: "change@example.org",
          password,
          ...facts(),
        });
        const token = (result as { token: string }).token;
        return { token, session: await findSession({ db: tx, token, now: t0, limits }) };
      };
      const here = await sign();
      const elsewhere = await sign();
      const change = (currentPassword: string, newPassword: string, repeatPassword = newPassword) =>
        changePassword({
          db: tx,
          userId: id,
          sessionId: here.session?.id as string,
          currentPassword,
          newPassword,
          repeatPassword,
          ...where(),
        });
      expect(await refusal(change("not my password", "a brand new passphrase"))).toBe(
        "currentPassword: wrongPassword",
      );
      expect(await refusal(change(password, "password123"))).toBe("password: common");
      expect(await refusal(change(password, "a brand new passphrase", "something else"))).toBe(
        "repeatPassword: passwordsDiffer",
      );
      expect(await refusal(change(password, password))).toBe("password: samePassword");
      await change(password, "a brand new passphrase");
      expect(await findSession({ db: tx, token: here.token, now: t0, limits })).not.toBeNull();
      expect(await findSession({ db: tx, token: elsewhere.token, now: t0, limits })).toBeNull();
      expect(
        (await signInWithPassword({ db: tx, email: "change@example.org", password, ...facts() })).outcome,
      ).toBe("refused");
      expect(
        (
          await signInWithPassword({
            db: tx,
            email: "change@example.org",
            password: "a brand new passphrase",
            ...facts(),
          })
        ).outcome,
      ).toBe("signed_in");
      expect(await actions(tx, id)).toContain("user.password.change");
    });
  });

  it("reset by an admin must be changed at the next sign-in before anything else", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await user(tx, "forgot@example.org", [{ role: "board", accessUntil: null }]);
      await resetPassword({
        db: tx,
        actor: "user:admin",
        userId: id,
        password: "temporary passphrase 1",
        now: t0,
      });
      const [row] = await tx.select().from(users).where(eq(users.id, id));
      expect(row?.passwordChangeRequired).toBe(true);
      const result = await signInWithPassword({
        db: tx,
        email: "forgot@example.org",
        password: "temporary passphrase 1",
        ...facts(),
      });
      const session = await findSession({
        db: tx,
        token: (result as { token: string }).token,
        now: t0,
        limits,
      });
      const viewer = await loadViewer({ db: tx, userId: id, now: t0 });
      expect(viewer?.pendingStep).toBe("change_password");
      expect(viewer?.roles).toEqual([]);

      await changePassword({
        db: tx,
        userId: id,
        sessionId: session?.id as string,
        currentPassword: "temporary passphrase 1",
        newPassword: "only I know this one",
        repeatPassword: "only I know this one",
        ...where(),
      });
      const after = await loadViewer({ db: tx, userId: id, now: t0 });
      expect(after?.pendingStep).toBeNull();
      expect(after?.roles).toEqual(["board"]);
      expect(
        await tx
          .select()
          .from(users)
          .where(and(eq(users.id, id), isNull(users.totpSecret))),
      ).toHaveLength(1);
    });
  });
});

describe("the audit trail", () => {
  it("gets exactly one row for each credential change, and none of its codes or secrets", async () => {
    await inRollback(database.db, async (tx) => {
      const secret = generateTotpSecret();
      const id = await user(tx, "audit-credentials@example.org");
      const session = (await signInWithPassword({
        db: tx,
        email: "audit-credentials@example.org",
        password,
        ...facts(),
      })) as {
        token: string;
      };
      const sessionId = (await findSession({ db: tx, token: session.token, now: t0, limits }))?.id as string;
      const count = async () => (await actions(tx, id)).length;
      const steps: [string, (now: Date) => Promise<unknown>][] = [
        [
          "enrol",
          (now) =>
            enrolSecondFactor({
              db: tx,
              userId: id,
              secret,
              code: totpCode(secret, totpStep(now)),
              appSecret,
              now,
            }),
        ],
        [
          "regenerate",
          (now) =>
            regenerateRecoveryCodes({
              db: tx,
              userId: id,
              currentPassword: password,
              currentCode: totpCode(secret, totpStep(now)),
              appSecret,
              ...where(now),
            }),
        ],
        [
          "replace",
          (now) =>
            replaceSecondFactor({
              db: tx,
              userId: id,
              sessionId,
              currentPassword: password,
              currentCode: totpCode(secret, totpStep(now)),
              secret,
              code: totpCode(secret, totpStep(now) + 1),
              appSecret,
              ...where(now),
            }),
        ],
        [
          "change password",
          (now) =>
            changePassword({
              db: tx,
              userId: id,
              sessionId,
              currentPassword: password,
              newPassword: "another good passphrase",
              repeatPassword: "another good passphrase",
              ...where(now),
            }),
        ],
        ["admin reset", (now) => resetSecondFactor({ db: tx, actor: "user:admin", userId: id, now })],
      ];
      let minute = 0;
      for (const [name, step] of steps) {
        const before = await count();
        // Each step a few steps of 30 s later, so every TOTP code is a new one.
        await step(seconds(120 * ++minute));
        expect(await count(), name).toBe(before + 1);
      }
      const rows = await tx.select().from(auditEvents).where(eq(auditEvents.entityId, id));
      const text = JSON.stringify(rows);
      expect(text).not.toContain(secret);
      expect(text).not.toContain("another good passphrase");
    });
  });
});
