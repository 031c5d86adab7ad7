import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { referenceItems } from "../../db/schema";
import type { RoleGrant } from "./accounts.server";
import { demoFunder } from "./demo.server";
import { roles } from "./roles";

/** The role fields of the user forms, parsed into grants (the consultant's end date travels with the role). */
export const roleFields = {
  roles: z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(roles)),
  ),
  accessUntil: z.union([z.literal(""), z.iso.date("users.dateFormat")]).default(""),
  funderCode: z.string().trim().max(100).default(""),
};

export function grantsFrom(data: {
  roles: readonly (typeof roles)[number][];
  accessUntil: string;
}): RoleGrant[] {
  return [...new Set(data.roles)].map((role) => ({
    role,
    accessUntil: role === "consultant" ? data.accessUntil || null : null,
  }));
}

/** Funder organisations to choose from: the organisation's funder list (plus the demo funder in demo mode). */
export async function funderChoices(db: Db, demo: boolean) {
  const rows = await db
    .select({ code: referenceItems.code, label: referenceItems.label })
    .from(referenceItems)
    .where(eq(referenceItems.list, "funder"))
    .orderBy(asc(referenceItems.position));
  const choices = rows.map((row) => ({ code: row.code, label: row.label.en }));
  return demo ? [{ code: demoFunder.code, label: "Example Foundation (demo)" }, ...choices] : choices;
}

/** A funder code typed or forged into the form must be one of the choices offered. */
export async function isKnownFunder(db: Db, code: string, demo: boolean) {
  return code === "" || (await funderChoices(db, demo)).some((funder) => funder.code === code);
}
