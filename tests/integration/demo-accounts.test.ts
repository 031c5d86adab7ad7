import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "../../app/auth/accounts.server";
import {
  DemoAccountsPresent,
  demoAccounts,
  demoAdminCode,
  demoPassword,
  findDemoAccounts,
  refuseDemoAccounts,
  removeDemoAccounts,
  seedDemoAccounts,
} from "../../app/auth/demo.server";
import { decryptSecret } from "../../app/auth/secrets.server";
import { totpCode, totpStep } from "../../app/auth/totp";
import type { Database } from "../../db/client";
import { auditEvents, koboConnections, plans, users } from "../../db/schema";
import { createTestDatabase, inRollback } from "../support/database";

const appSecret = "demo-accounts-test-secret-0123456789abcdef";
const adminEmail = "admin@example.org";
let first: Database;
let second: Database;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedDemoAccounts({ db: first.db, appSecret });
  await seedDemoAccounts({ db: second.db, appSecret });
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

async function adminKey(database: Database) {
  const [admin] = await database.db
    .select({ id: users.id, totpSecret: users.totpSecret })
    .from(users)
    .where(eq(users.email, adminEmail));
  return { id: admin?.id as string, key: decryptSecret(admin?.totpSecret as string, appSecret, "totp-seed") };
}

describe("the demo administrator's second factor", () => {
  it("has a key of its own in each installation, not a constant from the source", async () => {
    const [a, b] = [await adminKey(first), await adminKey(second)];
    expect(a.key).toMatch(/^[A-Z2-7]{32}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.key).not.toBe("THROUGHLINEDEMOADMINSECRET");
  });

  it("shows the current code of that key, and only for the demo administrator", async () => {
    const now = new Date();
    const { id, key } = await adminKey(first);
    expect(await demoAdminCode({ db: first.db, userId: id, appSecret, now })).toBe(
      totpCode(key, totpStep(now)),
    );
    const [staff] = await first.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "staff@example.org"));
    expect(await demoAdminCode({ db: first.db, userId: staff?.id as string, appSecret, now })).toBeNull();
  });
});

describe("a real installation on a database that holds the demo accounts", () => {
  it("refuses to start, naming the accounts and the command that removes them", async () => {
    const refusal = await refuseDemoAccounts({ db: first.db }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DemoAccountsPresent);
    const message = (refusal as Error).message;
    for (const account of demoAccounts) expect(message).toContain(account.email);
    expect(message).toContain("npm run cli -- remove-demo-accounts");
  });

  it("`cli remove-demo-accounts` deletes them, or deactivates and renames those that kept work names", async () => {
    await inRollback(first.db, async (tx) => {
      // The M&E officer created a Kobo connection, which stays: the account is kept as its author, unusable.
      const [meo] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "meo@example.org"));
      const [plan] = await tx
        .insert(plans)
        .values({ slug: "kept-work", title: { en: "Kept" }, startDate: "2024-01-01", endDate: "2024-12-31" })
        .returning({ id: plans.id });
      await tx.insert(koboConnections).values({
        name: "Kept",
        planId: plan?.id as string,
        serverUrl: "https://kf.example.org",
        tokenEncrypted: "x",
        assetUid: "a",
        mapping: {},
        createdBy: meo?.id,
      });

      const removed = await removeDemoAccounts({ db: tx, actor: "cli:test" });
      expect(removed.map((account) => [account.email, account.outcome])).toEqual([
        ["admin@example.org", "deleted"],
        ["board@example.org", "deleted"],
        ["consultant@example.org", "deleted"],
        ["funder@example.org", "deleted"],
        ["meo@example.org", "deactivated"],
        ["staff@example.org", "deleted"],
      ]);
      expect(await findDemoAccounts({ db: tx })).toEqual([]);
      await refuseDemoAccounts({ db: tx }); // the start-up check now passes

      const [kept] = await tx
        .select()
        .from(users)
        .where(eq(users.id, meo?.id as string));
      expect(kept?.email).toBe(`removed-demo-account-${meo?.id}@invalid`);
      expect(kept?.deactivatedAt).not.toBeNull();
      expect(kept?.totpSecret).toBeNull();
      const [connection] = await tx.select().from(koboConnections);
      expect(connection?.createdBy).toBe(meo?.id);

      // Neither the demo address nor the new name signs in with the published password.
      for (const email of ["meo@example.org", kept?.email as string]) {
        const attempt = await signInWithPassword({
          db: tx,
          email,
          password: demoPassword,
          ipAddress: "192.0.2.1",
          userAgent: null,
          now: new Date(),
        });
        expect(attempt.outcome, email).not.toBe("signed_in");
      }

      const audit = await tx
        .select({ action: auditEvents.action, actor: auditEvents.actor })
        .from(auditEvents)
        .where(inArray(auditEvents.action, ["user.demo_account.delete", "user.demo_account.deactivate"]));
      expect(audit).toHaveLength(6);
      expect(audit.every((row) => row.actor === "cli:test")).toBe(true);

      expect(await removeDemoAccounts({ db: tx, actor: "cli:test" })).toEqual([]);
    });
  });
});
