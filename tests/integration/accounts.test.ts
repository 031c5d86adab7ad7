import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AccountProblem,
  createUser,
  endSessionOf,
  endSessionsOf,
  loadViewer,
  type RoleGrant,
  resetPassword,
  setUserActive,
  setUserRoles,
  signInWithPassword,
  signInWithSecondFactor,
  signOut,
} from "../../app/auth/accounts.server";
import { enrolSecondFactor } from "../../app/auth/credentials.server";
import { demoFunder, seedDemoAccounts } from "../../app/auth/demo.server";
import { findSession, type SessionLimits } from "../../app/auth/sessions.server";
import { throttleRules } from "../../app/auth/throttle.server";
import { totpCode, totpStep } from "../../app/auth/totp";
import { getElementDetail, listPlans } from "../../app/plan-graph/queries.server";
import { seedNswp } from "../../app/plan-graph/seed.server";
import type { Database, Db } from "../../db/client";
import { auditEvents, users } from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";
import { asPlanPage } from "../support/plan-query";

const appSecret = "test-secret-test-secret-test-secret-0123";
const limits: SessionLimits = { idleMinutes: 30, absoluteHours: 12 };
const password = "correct horse battery";
const t0 = new Date("2026-03-02T09:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const facts = (now = t0, ipAddress = "192.0.2.10") => ({ ipAddress, userAgent: "test", now });

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function user(
  tx: Db,
  email: string,
  grants: RoleGrant[] = [{ role: "staff", accessUntil: null }],
  extra = {},
) {
  return createUser({
    db: tx,
    actor: "test",
    email,
    name: email,
    password,
    grants,
    appSecret,
    now: t0,
    ...extra,
  });
}

async function signedIn(tx: Db, email: string, now = t0) {
  const result = await signInWithPassword({ db: tx, email, password, ...facts(now) });
  if (result.outcome !== "signed_in") throw new Error(`expected to sign in, got ${result.outcome}`);
  return result.token;
}

const auditCount = async (tx: Db) => (await tx.select({ n: count() }).from(auditEvents))[0]?.n ?? 0;

describe("passwords", () => {
  it("are stored as argon2id with 19 MiB, t=2, p=1 (read back from the stored hash)", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await user(tx, "hash@example.org");
      const [row] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
      expect(row?.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(row?.hash).not.toContain(password);
    });
  });

  it("refuses short, overlong, common and same-as-email passwords, creating nothing", async () => {
    await inRollback(database.db, async (tx) => {
      const attempt = (pw: string, email = "new@example.org") =>
        createUser({ db: tx, actor: "test", email, name: "New", password: pw, grants: [] }).catch(
          (error) => error,
        );
      expect(await attempt("short")).toMatchObject({ field: "password", problem: "tooShort" });
      expect(await attempt("x".repeat(129))).toMatchObject({ problem: "tooLong" });
      expect(await attempt("password123")).toMatchObject({ problem: "common" });
      expect(await attempt("Iloveyou123")).toMatchObject({ problem: "common" });
      expect(await attempt("me@example.org", "me@example.org")).toMatchObject({ problem: "sameAsEmail" });
      expect((await tx.select({ n: count() }).from(users))[0]?.n).toBe(0);
      expect(await auditCount(tx)).toBe(0);
    });
  });
});

describe("sessions", () => {
  it("rotate at sign-in: the browser's previous session ends and the new token differs", async () => {
    await inRollback(database.db, async (tx) => {
      await user(tx, "rotate@example.org");
      const first = await signedIn(tx, "rotate@example.org");
      const firstSession = await findSession({ db: tx, token: first, now: t0, limits });
      const second = await signInWithPassword({
        db: tx,
        email: "rotate@example.org",
        password,
        ...facts(minutes(1)),
        replaces: firstSession?.id,
      });
      expect(second.outcome).toBe("signed_in");
      expect((second as { token: string }).token).not.toBe(first);
      expect(await findSession({ db: tx, token: first, now: minutes(1), limits })).toBeNull();
      expect(
        await findSession({ db: tx, token: (second as { token: string }).token, now: minutes(1), limits }),
      ).not.toBeNull();
    });
  });

  it("are refused after sign-out, deactivation, or a password reset, and a forged token never matches", async () => {
    await inRollback(database.db, async (tx) => {
      await user(tx, "gone@example.org");
      const token = await signedIn(tx, "gone@example.org");
      const session = await findSession({ db: tx, token, now: t0, limits });
      await signOut({
        db: tx,
        sessionId: session?.id as string,
        userId: session?.userId as string,
        now: minutes(1),
      });
      expect(await findSession({ db: tx, token, now: minutes(2), limits })).toBeNull();

      const again = await signedIn(tx, "gone@example.org", minutes(3));
      const id = session?.userId as string;
      await setUserActive({ db: tx, actor: "test", userId: id, active: false, now: minutes(4) });
      expect(await findSession({ db: tx, token: again, now: minutes(5), limits })).toBeNull();
      expect(
        (await signInWithPassword({ db: tx, email: "gone@example.org", password, ...facts(minutes(6)) }))
          .outcome,
      ).toBe("refused");

      await setUserActive({ db: tx, actor: "test", userId: id, active: true, now: minutes(7) });
      const third = await signedIn(tx, "gone@example.org", minutes(8));
      await resetPassword({
        db: tx,
        actor: "test",
        userId: id,
        password: "a new passphrase here",
        now: minutes(9),
      });
      expect(await findSession({ db: tx, token: third, now: minutes(10), limits })).toBeNull();

      expect(await findSession({ db: tx, token: `${third}x`, now: minutes(10), limits })).toBeNull();
      expect(await findSession({ db: tx, token: "forged", now: minutes(10), limits })).toBeNull();
    });
  });

  it("end after 30 idle minutes, and after 12 hours however active (fake clock)", async () => {
    await inRollback(database.db, async (tx) => {
      await user(tx, "clock@example.org");
      const idle = await signedIn(tx, "clock@example.org");
      expect(await findSession({ db: tx, token: idle, now: minutes(29), limits })).not.toBeNull();
      expect(await findSession({ db: tx, token: idle, now: minutes(29 + 31), limits })).toBeNull();

      const busy = await signedIn(tx, "clock@example.org", minutes(100));
      for (let t = 120; t < 100 + 12 * 60; t += 20) {
        expect(
          await findSession({ db: tx, token: busy, now: minutes(t), limits }),
          `minute ${t}`,
        ).not.toBeNull();
      }
      expect(await findSession({ db: tx, token: busy, now: minutes(100 + 12 * 60 + 1), limits })).toBeNull();
    });
  });

  it("need the second factor when one is enrolled: the half-signed-in session is replaced by a new one", async () => {
    await inRollback(database.db, async (tx) => {
      const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
      const id = await user(tx, "twofa@example.org", [{ role: "admin", accessUntil: null }], {
        totpSecret: secret,
      });
      const first = await signInWithPassword({ db: tx, email: "twofa@example.org", password, ...facts() });
      expect(first.outcome).toBe("second_factor");
      const pending = await findSession({
        db: tx,
        token: (first as { token: string }).token,
        now: t0,
        limits,
      });
      expect(pending?.stage).toBe("second_factor");

      const wrong = await signInWithSecondFactor({
        db: tx,
        sessionId: pending?.id as string,
        userId: id,
        code: "000000",
        appSecret,
        ...facts(),
      });
      expect(wrong.outcome).toBe("refused");
      const code = totpCode(secret, totpStep(t0));
      const right = await signInWithSecondFactor({
        db: tx,
        sessionId: pending?.id as string,
        userId: id,
        code,
        appSecret,
        ...facts(),
      });
      expect(right.outcome).toBe("signed_in");
      expect(
        await findSession({ db: tx, token: (first as { token: string }).token, now: t0, limits }),
      ).toBeNull();
      expect(
        (await findSession({ db: tx, token: (right as { token: string }).token, now: t0, limits }))?.stage,
      ).toBe("active");
      // The same code cannot be used again.
      const replay = await signInWithPassword({
        db: tx,
        email: "twofa@example.org",
        password,
        ...facts(minutes(0.1)),
      });
      const replayPending = await findSession({
        db: tx,
        token: (replay as { token: string }).token,
        now: t0,
        limits,
      });
      expect(
        (
          await signInWithSecondFactor({
            db: tx,
            sessionId: replayPending?.id as string,
            userId: id,
            code,
            appSecret,
            ...facts(minutes(0.2)),
          })
        ).outcome,
      ).toBe("refused");
    });
  });
});

describe("throttling", () => {
  it("answers with a wait after 5 failures for an account from one address, without locking it out elsewhere", async () => {
    await inRollback(database.db, async (tx) => {
      await user(tx, "target@example.org");
      for (let i = 0; i < throttleRules.perAccountAndAddress; i++) {
        const result = await signInWithPassword({
          db: tx,
          email: "target@example.org",
          password: "wrong guess",
          ...facts(minutes(i)),
        });
        expect(result.outcome).toBe("refused");
      }
      const blocked = await signInWithPassword({
        db: tx,
        email: "target@example.org",
        password,
        ...facts(minutes(5)),
      });
      expect(blocked).toEqual({ outcome: "throttled", retryAfterSeconds: 10 * 60 });
      const elsewhere = await signInWithPassword({
        db: tx,
        email: "target@example.org",
        password,
        ...facts(minutes(5), "198.51.100.7"),
      });
      expect(elsewhere.outcome).toBe("signed_in");
      const later = await signInWithPassword({
        db: tx,
        email: "target@example.org",
        password,
        ...facts(minutes(16)),
      });
      expect(later.outcome).toBe("signed_in");
    });
  });

  it("slows one address guessing across many accounts", async () => {
    await inRollback(database.db, async (tx) => {
      for (let i = 0; i < throttleRules.perAddress; i++) {
        await signInWithPassword({
          db: tx,
          email: `nobody${i}@example.org`,
          password: "guess",
          ...facts(t0, "203.0.113.9"),
        });
      }
      const next = await signInWithPassword({
        db: tx,
        email: "someone-else@example.org",
        password: "guess",
        ...facts(t0, "203.0.113.9"),
      });
      expect(next.outcome).toBe("throttled");
    });
  });
});

describe("the audit trail", () => {
  it("gets exactly one row per mutation, written in the mutation's transaction", async () => {
    await inRollback(database.db, async (tx) => {
      const steps: [string, () => Promise<unknown>][] = [];
      let id = "";
      let token = "";
      const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
      steps.push(["create a user", async () => (id = await user(tx, "audited@example.org"))]);
      steps.push([
        "create an admin",
        () => user(tx, "other-admin@example.org", [{ role: "admin", accessUntil: null }]),
      ]);
      steps.push([
        "change roles",
        () =>
          setUserRoles({
            db: tx,
            actor: "test",
            userId: id,
            grants: [{ role: "board", accessUntil: null }],
            funderCode: null,
          }),
      ]);
      steps.push([
        "fail to sign in",
        () => signInWithPassword({ db: tx, email: "audited@example.org", password: "nope nope", ...facts() }),
      ]);
      steps.push(["sign in", async () => (token = await signedIn(tx, "audited@example.org"))]);
      steps.push([
        "enrol a second factor",
        () =>
          enrolSecondFactor({
            db: tx,
            userId: id,
            secret,
            code: totpCode(secret, totpStep(t0)),
            appSecret,
            now: t0,
          }),
      ]);
      steps.push([
        "end own session",
        async () => {
          const session = await findSession({ db: tx, token, now: t0, limits });
          return endSessionOf({
            db: tx,
            actor: "test",
            ownerId: id,
            sessionId: session?.id as string,
            reason: "ended_by_user",
          });
        },
      ]);
      steps.push([
        "end all sessions",
        () => endSessionsOf({ db: tx, actor: "test", userId: id, reason: "ended_by_admin" }),
      ]);
      steps.push([
        "reset the password",
        () => resetPassword({ db: tx, actor: "test", userId: id, password: "another long passphrase" }),
      ]);
      steps.push(["deactivate", () => setUserActive({ db: tx, actor: "test", userId: id, active: false })]);
      steps.push(["reactivate", () => setUserActive({ db: tx, actor: "test", userId: id, active: true })]);
      for (const [name, step] of steps) {
        const before = await auditCount(tx);
        await step();
        expect(await auditCount(tx), name).toBe(before + 1);
      }
      // A refused change writes nothing, its audit row included.
      const before = await auditCount(tx);
      await expect(user(tx, "audited@example.org")).rejects.toBeInstanceOf(AccountProblem);
      expect(await auditCount(tx)).toBe(before);
      // Something typed into the email field (here, a password) is kept only as a hash.
      await signInWithPassword({ db: tx, email: "MySecretPassphrase", password: "x", ...facts() });
      // No secret reaches the trail.
      const trail = JSON.stringify(await tx.select().from(auditEvents));
      for (const secretText of [password, token, secret, "another long passphrase", "mysecretpassphrase"]) {
        expect(trail.toLowerCase()).not.toContain(secretText.toLowerCase());
      }
    });
  });
});

describe("roles and scope", () => {
  it("keeps the last active admin from losing the role or being deactivated", async () => {
    await inRollback(database.db, async (tx) => {
      const admin = await user(tx, "only-admin@example.org", [{ role: "admin", accessUntil: null }]);
      await expect(
        setUserRoles({ db: tx, actor: "test", userId: admin, grants: [], funderCode: null }),
      ).rejects.toMatchObject({ problem: "lastAdmin" });
      await expect(
        setUserActive({ db: tx, actor: "test", userId: admin, active: false }),
      ).rejects.toMatchObject({ problem: "lastAdmin" });
    });
  });

  it("ends a consultant's access after the end date, and gives admin powers only with a second factor", async () => {
    await inRollback(database.db, async (tx) => {
      const consultant = await user(tx, "c@example.org", [{ role: "consultant", accessUntil: "2026-03-02" }]);
      expect((await loadViewer({ db: tx, userId: consultant, now: t0 }))?.roles).toEqual(["consultant"]);
      expect(
        (await loadViewer({ db: tx, userId: consultant, now: new Date("2026-03-03T00:00:01Z") }))?.roles,
      ).toEqual([]);
      const admin = await user(tx, "a@example.org", [{ role: "admin", accessUntil: null }]);
      expect((await loadViewer({ db: tx, userId: admin, now: t0 }))?.roles).toEqual([]);
    });
  });

  it("shows a funder only the plan and elements its organisation funds; another funder sees nothing", async () => {
    await inRollback(database.db, async (tx) => {
      await seedNswp({ db: tx, actor: "test" });
      await seedDemoAccounts({ db: tx, appSecret });
      const [funderRow] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, "funder@example.org"));
      const funder = await loadViewer({ db: tx, userId: funderRow?.id as string, now: t0 });
      if (!funder) throw new Error("no demo funder");
      expect((await listPlans({ db: tx, viewer: funder })).map((plan) => [plan.slug, plan.counts])).toEqual([
        ["2013-2015", { objective: 1, strategy: 1, activity: 1 }],
      ]);
      expect(
        await asPlanPage(getElementDetail, {
          db: tx,
          slug: "2013-2015",
          code: demoFunder.element,
          viewer: funder,
        }),
      ).not.toBeNull();
      expect(
        await asPlanPage(getElementDetail, { db: tx, slug: "2013-2015", code: "O1", viewer: funder }),
      ).toBeNull();
      expect(
        await asPlanPage(getElementDetail, { db: tx, slug: "2010-2012", code: "O2", viewer: funder }),
      ).toBeNull();
      const otherFunder = { ...funder, funderCode: "hivos" };
      expect(await listPlans({ db: tx, viewer: otherFunder })).toEqual([]);
    });
  });
});
