import { randomBytes } from "node:crypto";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { elements, fundedElements, plans, userRoles, users } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { createUser, type RoleGrant } from "./accounts.server";
import { hashPassword } from "./password.server";
import { rolesNeedSecondFactor } from "./policy";
import { type AppSecrets, decryptSecret } from "./secrets.server";
import { endSessionsOfUser } from "./sessions.server";
import { generateTotpSecret, totpCode, totpStep } from "./totp";

/** Demo mode only (docs/security.md): the password of every demo account, shown on the sign-in page. */
export const demoPassword = "throughline-demo";
/** The demo funder's organisation and what it funds: invented for the demo, not taken from the sources. */
export const demoFunder = { code: "demo-foundation", plan: "2013-2015", element: "O2.S2" } as const;

export const demoAccounts: readonly { email: string; name: string; grants: RoleGrant[] }[] = [
  { email: "admin@example.org", name: "Ada Admin", grants: [{ role: "admin", accessUntil: null }] },
  { email: "meo@example.org", name: "Mena M&E Officer", grants: [{ role: "me_officer", accessUntil: null }] },
  { email: "staff@example.org", name: "Sam Staff", grants: [{ role: "staff", accessUntil: null }] },
  { email: "board@example.org", name: "Bo Board", grants: [{ role: "board", accessUntil: null }] },
  { email: "funder@example.org", name: "Fran Funder", grants: [{ role: "funder", accessUntil: null }] },
  {
    email: "consultant@example.org",
    name: "Cleo Consultant",
    grants: [{ role: "consultant", accessUntil: "2099-12-31" }],
  },
];

/** Creates the demo accounts when the database has no user yet; running it again does nothing. */
export async function seedDemoAccounts({ db, appSecret }: { db: Db; appSecret: string }) {
  return db.transaction(async (tx) => {
    // The same lock as the data set's seeding: servers starting together create the accounts once.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('throughline.seed'))`);
    const [existing] = await tx.select({ n: count() }).from(users);
    if ((existing?.n ?? 0) > 0) return false;
    await createDemoAccounts(tx, appSecret);
    return true;
  });
}

async function createDemoAccounts(db: Db, appSecret: string) {
  for (const account of demoAccounts) {
    const needsSecondFactor = rolesNeedSecondFactor(account.grants.map((grant) => grant.role));
    const isFunder = account.grants.some((grant) => grant.role === "funder");
    await createUser({
      db,
      actor: "system:demo",
      ...account,
      password: demoPassword,
      funderCode: isFunder ? demoFunder.code : null,
      // Admins and M&E officers must use a second factor: the key is random per installation, stored sealed like any
      // user's, and demo mode shows its current code on the second-factor page (demoAdminCode).
      totpSecret: needsSecondFactor ? generateTotpSecret() : null,
      appSecret,
    });
  }
  const [funded] = await db
    .select({ id: elements.id })
    .from(elements)
    .innerJoin(plans, eq(plans.id, elements.planId))
    .where(and(eq(plans.slug, demoFunder.plan), eq(elements.code, demoFunder.element)));
  if (funded) await db.insert(fundedElements).values({ funderCode: demoFunder.code, elementId: funded.id });
}

/**
 * Demo mode only: a second-factor code of a demo account that has one (the admin and the M&E officer), read from its
 * stored key (they have no authenticator app, so the second-factor page shows it): the current step's, or when that
 * one was just used (each code works once), the next step's, which the one step of allowed drift accepts. Null for
 * any other user, without a key, or when both were used (the page then shows none until the next step).
 */
export async function demoAdminCode({
  db,
  userId,
  appSecret,
  now = new Date(),
}: {
  db: Db;
  userId: string;
  appSecret: AppSecrets;
  now?: Date;
}): Promise<string | null> {
  const [user] = await db
    .select({ totpSecret: users.totpSecret, lastStep: users.totpLastStep })
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        inArray(
          users.email,
          demoAccounts.map((account) => account.email),
        ),
      ),
    );
  if (!user?.totpSecret) return null;
  const step = Math.max(totpStep(now), (user.lastStep ?? 0) + 1);
  if (step > totpStep(now) + 1) return null;
  return totpCode(decryptSecret(user.totpSecret, appSecret, "totp-seed"), step);
}

/** Outside demo mode, a database that still holds demo accounts (whose password is public) is refused. */
export class DemoAccountsPresent extends Error {
  override name = "DemoAccountsPresent";
  constructor(readonly emails: string[]) {
    super(
      `Refusing to start outside demo mode: this database holds the demo accounts ${emails.join(", ")}, whose password is published. Remove them with \`npm run cli -- remove-demo-accounts\` (same DATABASE_URL/DATA_DIR and APP_SECRET), then start again.`,
    );
  }
}

/** The demo accounts present in the database (active or not), by email. */
export async function findDemoAccounts({ db }: { db: Db }): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        demoAccounts.map((account) => account.email),
      ),
    )
    .orderBy(users.email);
  return rows.map((row) => row.email);
}

/** Throws DemoAccountsPresent when the database holds a demo account. */
export async function refuseDemoAccounts({ db }: { db: Db }) {
  const emails = await findDemoAccounts({ db });
  if (emails.length) throw new DemoAccountsPresent(emails);
}

/**
 * Whether a row elsewhere names the user through a foreign key that keeps the row when the user goes (`on delete
 * set null`: entries entered, decisions, comments, evidence, plan edits). Found from the catalogue, so that a new
 * table with such a reference is covered without changing this.
 */
async function isReferenced(db: Db, userId: string): Promise<boolean> {
  const references = await rowsOf<{ schema_name: string; table_name: string; column_name: string }>(
    db,
    sql`select n.nspname as schema_name, t.relname as table_name, a.attname as column_name
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
        where c.contype = 'f' and c.confrelid = 'users'::regclass and c.confdeltype = 'n'`,
  );
  for (const { schema_name, table_name, column_name } of references) {
    const table = sql`${sql.identifier(schema_name)}.${sql.identifier(table_name)}`;
    const found = await rowsOf(
      db,
      sql`select 1 from ${table} where ${sql.identifier(column_name)} = ${userId} limit 1`,
    );
    if (found.length) return true;
  }
  return false;
}

export type RemovedDemoAccount = { email: string; outcome: "deleted" | "deactivated"; renamedTo?: string };

/**
 * `cli remove-demo-accounts`: takes the demo accounts out of a database that is to become a real installation, in
 * one transaction, one audit row each. An account nothing else refers to is deleted (its roles, sessions and keys
 * go with it). An account that is named as the author of kept work (an entry, a decision, a comment, evidence) is
 * kept as a record of who did it, but made unusable: deactivated, sessions ended, roles and second factor removed,
 * its password replaced by a random one nobody knows, and its email renamed so that it is no longer a demo address
 * (nobody can sign in with it, and the start-up check no longer finds it). The demo funder's funded element goes too.
 */
export async function removeDemoAccounts({
  db,
  actor,
  now = new Date(),
}: {
  db: Db;
  actor: string;
  now?: Date;
}): Promise<RemovedDemoAccount[]> {
  const unusableHash = await hashPassword(randomBytes(32).toString("base64url"));
  return db.transaction(async (tx) => {
    const accounts = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(
        inArray(
          users.email,
          demoAccounts.map((account) => account.email),
        ),
      )
      .orderBy(users.email);
    const removed: RemovedDemoAccount[] = [];
    for (const account of accounts) {
      const roles = await tx
        .select({ role: userRoles.role })
        .from(userRoles)
        .where(eq(userRoles.userId, account.id));
      const before = { email: account.email, name: account.name, roles: roles.map((row) => row.role) };
      if (await isReferenced(tx, account.id)) {
        const renamedTo = `removed-demo-account-${account.id}@invalid`;
        const sessionsEnded = await endSessionsOfUser({
          db: tx,
          userId: account.id,
          reason: "deactivated",
          now,
        });
        await tx.delete(userRoles).where(eq(userRoles.userId, account.id));
        await tx
          .update(users)
          .set({
            email: renamedTo,
            passwordHash: unusableHash,
            totpSecret: null,
            totpEnabledAt: null,
            totpLastStep: null,
            funderCode: null,
            deactivatedAt: now,
          })
          .where(eq(users.id, account.id));
        await recordAudit(tx, {
          actor,
          action: "user.demo_account.deactivate",
          entityType: "user",
          entityId: account.id,
          before,
          after: { email: renamedTo, active: false, roles: [], secondFactor: false, sessionsEnded },
        });
        removed.push({ email: account.email, outcome: "deactivated", renamedTo });
      } else {
        await tx.delete(users).where(eq(users.id, account.id));
        await recordAudit(tx, {
          actor,
          action: "user.demo_account.delete",
          entityType: "user",
          entityId: account.id,
          before,
        });
        removed.push({ email: account.email, outcome: "deleted" });
      }
    }
    const [funderLeft] = await tx
      .select({ n: count() })
      .from(users)
      .where(eq(users.funderCode, demoFunder.code));
    if (accounts.length && !funderLeft?.n) {
      const gone = await tx
        .delete(fundedElements)
        .where(eq(fundedElements.funderCode, demoFunder.code))
        .returning({ elementId: fundedElements.elementId });
      for (const row of gone) {
        await recordAudit(tx, {
          actor,
          action: "funded_element.remove",
          entityType: "element",
          entityId: row.elementId,
          before: { funderCode: demoFunder.code },
        });
      }
    }
    return removed;
  });
}
