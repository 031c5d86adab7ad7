import { desc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { plans } from "../../db/schema";
import type { Viewer } from "../auth/policy";
import { planScope } from "./scope.server";

/**
 * The plans the main navigation links to (their dashboards), newest first: only what the header needs (slug and
 * title), for the plans the viewer may see. Lighter than `listPlans`, which also counts elements, because the root
 * loader runs on every page.
 */
export async function listPlanLinks({ db, viewer }: { db: Db; viewer: Viewer }) {
  const rows = await db
    .select({ id: plans.id, slug: plans.slug, title: plans.title })
    .from(plans)
    .orderBy(desc(plans.startDate), desc(plans.slug));
  const visible: { slug: string; title: (typeof rows)[number]["title"] }[] = [];
  for (const { id, slug, title } of rows)
    if (await planScope({ db, viewer, planId: id })) visible.push({ slug, title });
  return visible;
}
