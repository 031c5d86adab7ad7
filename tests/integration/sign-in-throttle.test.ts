import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createUser,
  type SignInResult,
  signInWithPassword,
  signInWithSecondFactor,
} from "../../app/auth/accounts.server";
import { hashToken } from "../../app/auth/sessions.server";
import { throttleAddress, throttleRules, typedEmailKey } from "../../app/auth/throttle.server";
import { totpCode, totpStep } from "../../app/auth/totp";
import type { Database, Db } from "../../db/client";
import { sessions, signInFailures, users } from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

const password = "correct horse battery";
const t0 = new Date("2026-03-02T09:00:00Z");
const seconds = (n: number) => new Date(t0.getTime() + n * 1000);
const minutes = (n: number) => seconds(n * 60);

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const user = (db: Db, email: string) =>
  createUser({
    db,
    actor: "test",
    email,
    name: email,
    password,
    grants: [{ role: "staff", accessUntil: null }],
  });

const attempt = (db: Db, email: string, ipAddress: string, now: Date, typed = "wrong guess") =>
  signInWithPassword({ db, email, password: typed, ipAddress, userAgent: "test", now });

const outcomes = (results: SignInResult[]) => ({
  refused: results.filter((result) => result.outcome === "refused").length,
  throttled: results.filter((result) => result.outcome === "throttled").length,
  signedIn: results.filter((result) => result.outcome === "signed_in").length,
});

describe("clearing on success", () => {
  it("forgets the account's failures from that address once the right password is given", async () => {
    await inRollback(database.db, async (tx) => {
      await user(tx, "typo@example.org");
      const from = "192.0.2.20";
      for (let i = 0; i < throttleRules.perAccountAndAddress - 1; i++) {
        expect((await attempt(tx, "typo@example.org", from, minutes(i))).outcome).toBe("refused");
      }
      expect((await attempt(tx, "typo@example.org", from, minutes(4), password)).outcome).toBe("signed_in");
      const left = await tx
        .select({ n: count() })
        .from(signInFailures)
        .where(eq(signInFailures.email, typedEmailKey("typo@example.org")));
      expect(left[0]?.n).toBe(0);
      // A fresh allowance: as many mistakes again before any wait.
      for (let i = 0; i < throttleRules.perAccountAndAddress - 1; i++) {
        expect((await attempt(tx, "typo@example.org", from, minutes(5 + i))).outcome).toBe("refused");
      }
      expect((await attempt(tx, "typo@example.org", from, minutes(9), password)).outcome).toBe("signed_in");
    });
  });
});

describe("IPv6", () => {
  it("counts a whole /64 as one address, and an IPv4-mapped address as the IPv4 one", async () => {
    await inRollback(database.db, async (tx) => {
      await user(tx, "six@example.org");
      for (let i = 1; i <= throttleRules.perAccountAndAddress; i++) {
        // A different address of the same /64 each time, as a client may pick at will.
        const result = await attempt(tx, "six@example.org", `2001:db8:0:1::${i.toString(16)}`, minutes(i));
        expect(result.outcome).toBe("refused");
      }
      const sameSixtyFour = await attempt(
        tx,
        "six@example.org",
        "2001:DB8:0:1:ffff:1:2:3",
        minutes(6),
        password,
      );
      expect(sameSixtyFour.outcome).toBe("throttled");
      const otherSixtyFour = await attempt(tx, "six@example.org", "2001:db8:0:2::1", minutes(6), password);
      expect(otherSixtyFour.outcome).toBe("signed_in");

      for (let i = 0; i < throttleRules.perAccountAndAddress; i++) {
        await attempt(tx, "six@example.org", "::ffff:198.51.100.9", minutes(7 + i));
      }
      expect((await attempt(tx, "six@example.org", "198.51.100.9", minutes(12), password)).outcome).toBe(
        "throttled",
      );
      const rows = await tx.selectDistinct({ address: signInFailures.ipAddress }).from(signInFailures);
      expect(rows.map((row) => row.address).sort()).toEqual([
        "198.51.100.9",
        throttleAddress("2001:db8:0:1::1"),
      ]);
    });
  });
});

describe("per account, from any address", () => {
  it("slows guessing from many addresses with a doubling wait, at most 15 minutes, and never locks the user out", async () => {
    await inRollback(database.db, async (tx) => {
      await user(tx, "wanted@example.org");
      const n = throttleRules.perAccount;
      // One guess each from n addresses: the per-(account, address) limit never triggers.
      for (let i = 0; i < n; i++) {
        expect((await attempt(tx, "wanted@example.org", `203.0.113.${i}`, t0)).outcome).toBe("refused");
      }
      expect(await attempt(tx, "wanted@example.org", "203.0.113.100", t0)).toEqual({
        outcome: "throttled",
        retryAfterSeconds: 1,
      });
      // Waited out, the attempt is checked (and, wrong, makes the next wait 2 s).
      expect((await attempt(tx, "wanted@example.org", "203.0.113.100", seconds(1))).outcome).toBe("refused");
      expect(await attempt(tx, "wanted@example.org", "203.0.113.101", seconds(2))).toEqual({
        outcome: "throttled",
        retryAfterSeconds: 1,
      });
      expect((await attempt(tx, "wanted@example.org", "203.0.113.101", seconds(3))).outcome).toBe("refused");
      expect(await attempt(tx, "wanted@example.org", "203.0.113.102", seconds(3))).toEqual({
        outcome: "throttled",
        retryAfterSeconds: 4,
      });

      // An attacker who always waits: the waits double, then stay at 15 minutes.
      let now = seconds(3);
      const waits: number[] = [];
      for (let i = 0; i < 14; i++) {
        const blocked = await attempt(tx, "wanted@example.org", `198.51.100.${i}`, now);
        if (blocked.outcome !== "throttled") throw new Error(`expected a wait, got ${blocked.outcome}`);
        waits.push(blocked.retryAfterSeconds);
        now = new Date(now.getTime() + blocked.retryAfterSeconds * 1000);
        expect((await attempt(tx, "wanted@example.org", `198.51.100.${i}`, now)).outcome).toBe("refused");
      }
      expect(waits).toEqual([4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900, 900, 900]);

      // The real user, however much guessing went on, signs in after at most 15 minutes.
      const userNow = new Date(now.getTime() + 1000);
      const wait = await attempt(tx, "wanted@example.org", "192.0.2.77", userNow, password);
      expect(wait).toEqual({ outcome: "throttled", retryAfterSeconds: 15 * 60 - 1 });
      const later = await attempt(
        tx,
        "wanted@example.org",
        "192.0.2.77",
        new Date(now.getTime() + 900_000),
        password,
      );
      expect(later.outcome).toBe("signed_in");
    });
  });

  it("cannot keep the owner out of a browser they signed in from before, however the guessing is timed", async () => {
    await inRollback(database.db, async (tx) => {
      await user(tx, "kept-out@example.org");
      // An attacker guessing from a new address each time the per-account wait ends keeps the wait at its longest.
      let now = t0;
      for (let i = 0; i < 40; i++) {
        const guess = await attempt(tx, "kept-out@example.org", `198.51.100.${i}`, now);
        if (guess.outcome === "throttled") now = new Date(now.getTime() + guess.retryAfterSeconds * 1000);
        else expect(guess.outcome).toBe("refused");
      }
      // A browser without the account's known-device token waits; the owner's own browser does not.
      expect((await attempt(tx, "kept-out@example.org", "192.0.2.88", now, password)).outcome).toBe(
        "throttled",
      );
      const owner = await signInWithPassword({
        db: tx,
        email: "kept-out@example.org",
        password,
        ipAddress: "192.0.2.88",
        userAgent: "test",
        now,
        knownDevice: true,
      });
      expect(owner.outcome).toBe("signed_in");
      // The token spares only the per-account wait: guessing from the owner's browser still meets the others.
      for (let i = 0; i < throttleRules.perAccountAndAddress; i++) {
        const guess = await signInWithPassword({
          db: tx,
          email: "kept-out@example.org",
          password: "wrong guess",
          ipAddress: "192.0.2.88",
          userAgent: "test",
          now,
          knownDevice: true,
        });
        expect(guess.outcome).toBe("refused");
      }
      expect(
        (
          await signInWithPassword({
            db: tx,
            email: "kept-out@example.org",
            password,
            ipAddress: "192.0.2.88",
            userAgent: "test",
            now,
            knownDevice: true,
          })
        ).outcome,
      ).toBe("throttled");
    });
  });

  it("tells the user at their next sign-in how many failed attempts there were, and since when, then starts again", async () => {
    await inRollback(database.db, async (tx) => {
      const id = await user(tx, "told@example.org");
      for (let i = 0; i < 3; i++) await attempt(tx, "told@example.org", `203.0.113.${i}`, minutes(i));
      await attempt(tx, "nobody-here@example.org", "203.0.113.9", minutes(3));
      const signedIn = await attempt(tx, "told@example.org", "192.0.2.1", minutes(10), password);
      expect(signedIn).toMatchObject({
        outcome: "signed_in",
        notice: { failedSignIns: 3, since: t0.toISOString() },
      });
      const [row] = await tx
        .select({ n: users.failedSignIns, since: users.failedSignInsSince })
        .from(users)
        .where(eq(users.id, id));
      expect(row).toEqual({ n: 0, since: null });
      const again = await attempt(tx, "told@example.org", "192.0.2.1", minutes(11), password);
      expect(again).toMatchObject({ outcome: "signed_in", notice: null });
    });
  });
});

describe("parallel attempts", () => {
  // Committed, not in a rolled-back transaction: each request's reservation must be seen by the others.
  const cleanUp = async (emails: string[]) => {
    for (const email of emails) {
      await database.db.delete(signInFailures).where(eq(signInFailures.email, typedEmailKey(email)));
      await database.db.delete(users).where(eq(users.email, email));
    }
  };

  it("cannot get more password checks past the per-(account, address) limit", async () => {
    const email = "parallel@example.org";
    await user(database.db, email);
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => attempt(database.db, email, "192.0.2.200", t0)),
      );
      const { refused, throttled } = outcomes(results);
      // "refused" means the password was checked; "throttled", that it was not.
      expect(refused).toBe(throttleRules.perAccountAndAddress);
      expect(refused + throttled).toBe(20);
      const [kept] = await database.db
        .select({ n: count() })
        .from(signInFailures)
        .where(
          and(eq(signInFailures.email, typedEmailKey(email)), eq(signInFailures.ipAddress, "192.0.2.200")),
        );
      expect(kept?.n).toBe(refused);
      const [row] = await database.db
        .select({ n: users.failedSignIns })
        .from(users)
        .where(eq(users.email, email));
      expect(row?.n).toBe(refused);
    } finally {
      await cleanUp([email]);
    }
  });

  it("cannot get more password checks (argon2) for unknown accounts past the per-address limit", async () => {
    const emails = Array.from({ length: 40 }, (_, i) => `unknown-${i}@example.org`);
    try {
      const results = await Promise.all(
        emails.map((email) => attempt(database.db, email, "192.0.2.201", t0)),
      );
      const { refused, throttled } = outcomes(results);
      expect(refused).toBe(throttleRules.perAddress);
      expect(refused + throttled).toBe(40);
    } finally {
      await cleanUp(emails);
    }
  });

  it("lets at most one attempt through a per-account wait, whatever the number of addresses", async () => {
    const email = "popular@example.org";
    await user(database.db, email);
    try {
      for (let i = 0; i < throttleRules.perAccount; i++) {
        await attempt(database.db, email, `198.51.100.${i}`, seconds(-10));
      }
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => attempt(database.db, email, `203.0.113.${i}`, t0)),
      );
      const { refused, throttled } = outcomes(results);
      expect(refused).toBe(1);
      expect(refused + throttled).toBe(20);
    } finally {
      await cleanUp([email]);
    }
  });
});

describe("second-factor guessing", () => {
  it("gets no fresh allowance of codes from giving the right password again", async () => {
    await inRollback(database.db, async (tx) => {
      const email = "two-steps@example.org";
      const appSecret = "an-application-secret-for-this-test-only-7f3a9c1e";
      const totpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
      const userId = await createUser({
        db: tx,
        actor: "test",
        email,
        name: email,
        password,
        grants: [{ role: "staff", accessUntil: null }],
        totpSecret,
        appSecret,
      });
      const from = "192.0.2.30";
      // An attacker who has the password: each round gives it, then guesses codes until refused.
      const outcomes: string[] = [];
      for (let round = 0; round < 6; round++) {
        const now = minutes(round);
        const valid = [-1, 0, 1].map((drift) => totpCode(totpSecret, totpStep(now) + drift));
        const wrong = ["000000", "111111", "222222", "333333"].find(
          (code) => !valid.includes(code),
        ) as string;
        const first = await attempt(tx, email, from, now, password);
        outcomes.push(first.outcome);
        if (first.outcome !== "second_factor") continue;
        const [session] = await tx
          .select({ id: sessions.id })
          .from(sessions)
          .where(eq(sessions.tokenHash, hashToken(first.token)));
        for (let guess = 0; guess < 4; guess++) {
          const result = await signInWithSecondFactor({
            db: tx,
            sessionId: session?.id as string,
            userId,
            code: wrong,
            appSecret,
            ipAddress: from,
            userAgent: "test",
            now,
          });
          outcomes.push(result.outcome);
        }
      }
      // Five failures from one address in 15 minutes, the password steps included, then only waits.
      expect(outcomes.filter((outcome) => outcome === "refused").length).toBe(4);
      expect(outcomes.slice(5).every((outcome) => outcome === "throttled")).toBe(true);
    });
  });
});
