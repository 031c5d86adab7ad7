import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { elements, fundedElements, plans, users } from "../../db/schema";
import { createUser, type RoleGrant } from "./accounts.server";
import { rolesNeedSecondFactor } from "./policy";

/** Demo mode only (docs/security.md): the password of every demo account, shown on the sign-in page. */
export const demoPassword = "throughline-demo";
/**
 * The TOTP secret of the demo accounts whose roles need a second factor (the admin and the M&E officer); demo mode
 * shows their current code at the second-factor step.
 */
export const demoAdminTotpSecret = "THROUGHLINEDEMOADMINSECRET";
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
      totpSecret: needsSecondFactor ? demoAdminTotpSecret : null,
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
