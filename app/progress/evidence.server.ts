/**
 * Evidence kept as tombstones (docs/security.md, "Audit and read log"): removing a piece of evidence hides it from
 * every page, download and export but keeps its row, with its name, type, size and SHA-256, and (for a while) its
 * content; a retention rule (`cli purge-evidence --older-than DAYS`) erases the content of old tombstones later.
 */
import { createHash } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { entryEvidence } from "../../db/schema";
import { recordAudit } from "../audit.server";

/** The SHA-256 of a file's bytes, in hex, as the database's `encode(sha256(content), 'hex')` gives it. */
export const sha256Of = (content: Uint8Array) => createHash("sha256").update(content).digest("hex");

/** Only evidence that has not been removed: every reader of evidence filters by it. */
export const evidenceShown = isNull(entryEvidence.removedAt);

/** What the audit trail keeps of a piece of evidence: never its content. */
export type EvidenceRecord = {
  id: string;
  url: string | null;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
};

const recordColumns = {
  id: entryEvidence.id,
  url: entryEvidence.url,
  fileName: entryEvidence.fileName,
  contentType: entryEvidence.contentType,
  size: entryEvidence.size,
  sha256: entryEvidence.sha256,
};

/**
 * Turns pieces of evidence of an entry into tombstones (inside the caller's transaction) and returns what they were,
 * for the caller's audit row. Ids of other entries, or already removed, are ignored.
 */
export async function tombstoneEvidence(
  tx: Db,
  { entryId, ids, by }: { entryId: string; ids: readonly string[]; by: string },
): Promise<EvidenceRecord[]> {
  if (ids.length === 0) return [];
  return tx
    .update(entryEvidence)
    .set({ removedAt: sql`now()`, removedBy: by })
    .where(
      and(
        eq(entryEvidence.entryId, entryId),
        inArray(entryEvidence.id, [...ids]),
        isNull(entryEvidence.removedAt),
      ),
    )
    .returning(recordColumns);
}

/**
 * Erases the content of files removed more than `olderThanDays` days ago; their tombstones (name, type, size,
 * SHA-256, who removed them and when) stay. One audit row per file, in the same transaction. Returns the count.
 */
export async function purgeRemovedEvidence({
  db,
  olderThanDays,
  actor,
}: {
  db: Db;
  olderThanDays: number;
  actor: string;
}): Promise<number> {
  return db.transaction(async (tx) => {
    const purged = await tx
      .update(entryEvidence)
      .set({ content: null })
      .where(
        and(
          isNotNull(entryEvidence.content),
          isNotNull(entryEvidence.removedAt),
          lt(entryEvidence.removedAt, sql`now() - make_interval(days => ${olderThanDays}::int)`),
        ),
      )
      .returning({ ...recordColumns, entryId: entryEvidence.entryId, removedAt: entryEvidence.removedAt });
    for (const file of purged)
      await recordAudit(tx, {
        actor,
        action: "evidence.purge",
        entityType: "entry_evidence",
        entityId: file.id,
        before: {
          entry: file.entryId,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          removedAt: file.removedAt?.toISOString() ?? null,
        },
        after: { content: null },
        rationale: `retention: removed more than ${olderThanDays} day(s) ago`,
      });
    return purged.length;
  });
}
