/**
 * The read log (docs/security.md, "Audit and read log"): who read what, when, for the reads that let data leave
 * the app or show sensitive text — evidence downloads, plan and canvas exports, dashboard CSV downloads, entry pages
 * with a narrative. Append-only (migration 0009); it never holds the content read, only what names it.
 */
import { desc } from "drizzle-orm";
import type { Db } from "../db/client";
import { readEvents } from "../db/schema";
import { type AuditFilters, logFilter } from "./audit.server";
import type { Viewer } from "./auth/policy";

export type ReadEntry = {
  db: Db;
  /** The person reading; or `actor` for a reader without an account (`cli:<os user>` for an operator's export). */
  viewer?: Pick<Viewer, "id"> | null;
  actor?: string;
  /** A dotted verb: `evidence.download`, `plan.export`, `canvas.export`, `dashboard.csv`, `entry.view`. */
  action: string;
  entityType: string;
  entityId: string;
  /** What names the read (a file's name and size, a CSV's table and filters), never the content. */
  detail?: Record<string, unknown> | null;
};

export async function recordRead({ db, viewer, actor, action, entityType, entityId, detail }: ReadEntry) {
  const who = viewer ? `user:${viewer.id}` : actor;
  if (!who) throw new Error("recordRead needs a viewer or an actor");
  await db.insert(readEvents).values({ actor: who, action, entityType, entityId, detail: detail ?? null });
}

/**
 * A page that shows several entries' narratives (an element, an indicator, the verification queue): one row naming
 * the page and the entries whose narrative it showed; nothing when it showed none.
 */
export async function recordNarrativesRead({
  db,
  viewer,
  request,
  entries,
}: {
  db: Db;
  viewer: Pick<Viewer, "id">;
  request: Request;
  entries: readonly { id: string; narrative: unknown }[];
}) {
  const shown = entries.filter((entry) => entry.narrative).map((entry) => entry.id);
  if (shown.length === 0) return;
  const page = new URL(request.url).pathname.replace(/\.data$/, "");
  await recordRead({
    db,
    viewer,
    action: "entries.view",
    entityType: "page",
    entityId: page,
    detail: { entries: shown },
  });
}

/** The read log for administrators, newest first, with the audit trail's filters. */
export async function listReadEvents({
  db,
  filters,
  limit,
  offset,
}: {
  db: Db;
  filters: AuditFilters;
  limit: number;
  offset: number;
}) {
  return db
    .select()
    .from(readEvents)
    .where(logFilter(readEvents, filters))
    .orderBy(desc(readEvents.id))
    .limit(limit)
    .offset(offset);
}
