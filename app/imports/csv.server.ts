import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents, elements, indicatorElements, indicators, plans } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { writeCsv } from "../csv/csv";
import { Refused } from "../errors";
import { problem, wholeForm } from "../forms/problem";
import { builtInDimensions } from "../indicators/dimensions";
import { compareCodes } from "../plan-graph/graph";
import { insertEntries, knownExternalIds, loadIndicatorRules } from "../progress/entries.server";
import {
  type CheckedEntry,
  checkImport,
  type ImportCheck,
  type ImportContext,
  type ImportIndicator,
} from "./csv";

/**
 * The CSV import of progress entries: templates, the dry run, and the commit (all-or-nothing, one transaction, one
 * audit row). Entries are identified by a hash of their content (`externalSource` = `csv`), so importing the same
 * figures again is reported and skipped rather than duplicated.
 */

/** The most an upload may weigh, the whole form included (docs/formats/progress-csv.md); above it: 413. */
export const maxUploadBytes = 5 * 1024 * 1024;
export const csvSource = "csv";
export const importAction = "progress.import.csv";

const today = () => new Date().toISOString().slice(0, 10);

/** The plans one can import into, oldest first; synthetic ones say so. */
export async function importablePlans(db: Db) {
  return db
    .select({ id: plans.id, slug: plans.slug, title: plans.title, synthetic: plans.synthetic })
    .from(plans)
    .orderBy(asc(plans.startDate), asc(plans.slug));
}

/** The dimensions a set of indicators uses, as columns: region, gender, language, then custom ones. */
function dimensionColumnsOf(sets: readonly { dimensions: readonly { code: string }[] }[]): string[] {
  const used = new Set(sets.flatMap((indicator) => indicator.dimensions.map((dimension) => dimension.code)));
  const builtIn = builtInDimensions.filter((code) => used.has(code));
  return [
    ...builtIn,
    ...[...used].filter((code) => !(builtInDimensions as readonly string[]).includes(code)),
  ];
}

/** What a file for this plan is checked against: its indicators' rules, by code. */
export async function importContext(db: Db, planId: string, on = today()): Promise<ImportContext> {
  const rows = await db
    .select({ id: indicators.id, scale: indicators.scale })
    .from(indicators)
    .where(eq(indicators.planId, planId));
  const rules = await loadIndicatorRules(
    db,
    rows.map((row) => row.id),
  );
  const byCode = new Map<string, ImportIndicator>();
  for (const row of rows) {
    const rule = rules.get(row.id);
    if (!rule) continue;
    const scaleLabels = (row.scale ?? []).map(
      (level) => Object.values(level.label).filter(Boolean) as string[],
    );
    byCode.set(rule.code, { ...rule, scaleLabels });
  }
  return { indicators: byCode, dimensionColumns: dimensionColumnsOf([...byCode.values()]), today: on };
}

export type ImportPreview = ImportCheck & { toImport: CheckedEntry[]; alreadyImported: CheckedEntry[] };

/** The dry run: every problem, and which entries are new and which were imported before. Writes nothing. */
export async function previewImport({
  db,
  planId,
  text,
  on = today(),
}: {
  db: Db;
  planId: string;
  text: string;
  on?: string;
}): Promise<ImportPreview> {
  const check = checkImport(text, await importContext(db, planId, on));
  const known = new Set<string>();
  const ids = check.entries.map((entry) => entry.externalId);
  for (let i = 0; i < ids.length; i += 5000) {
    for (const id of await knownExternalIds(db, csvSource, ids.slice(i, i + 5000))) known.add(id);
  }
  return {
    ...check,
    toImport: check.entries.filter((entry) => !known.has(entry.externalId)),
    alreadyImported: check.entries.filter((entry) => known.has(entry.externalId)),
  };
}

/** At most this many problems are listed on the page (the count says how many there are). */
const problemsShown = 500;

/** What the import page shows of a dry run: counts, the first problems, some already imported rows. */
export function summarizePreview(preview: ImportPreview) {
  return {
    rows: preview.rows,
    entryCount: preview.entryCount,
    problemCount: preview.problems.length,
    problems: preview.problems.slice(0, problemsShown),
    toImport: preview.toImport.length,
    alreadyImported: preview.alreadyImported.length,
    alreadyImportedRows: preview.alreadyImported.flatMap((entry) => entry.rows).slice(0, 50),
  };
}

export type ImportSummary = ReturnType<typeof summarizePreview>;

/**
 * The file was refused when it was checked again at commit time (or changed under it): nothing was written. The
 * preview of that check, when there was one, says which rows.
 */
export class ImportRefused extends Refused {
  constructor(readonly preview: ImportPreview | null) {
    super([problem(wholeForm, "imports.commitRefused")], 409);
  }
}

const sqlState = (error: unknown): string | undefined => {
  for (let cause = error; cause && typeof cause === "object"; cause = (cause as { cause?: unknown }).cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
};

export type ImportResult = { imported: number; skipped: number; rows: number; auditId: number | null };

/**
 * Checks the file again and writes its new entries as `submitted`, all in one transaction with one audit row; any
 * problem (including one that appeared since the dry run, such as a period locked meanwhile) writes nothing.
 */
export async function commitImport({
  db,
  planId,
  text,
  fileName,
  userId,
  on = today(),
}: {
  db: Db;
  planId: string;
  text: string;
  fileName: string;
  userId: string;
  on?: string;
}): Promise<ImportResult> {
  try {
    return await db.transaction(async (tx) => {
      const preview = await previewImport({ db: tx, planId, text, on });
      if (preview.problems.length) throw new ImportRefused(preview);
      if (preview.toImport.length === 0)
        return { imported: 0, skipped: preview.alreadyImported.length, rows: preview.rows, auditId: null };
      const ids = await insertEntries(
        tx,
        preview.toImport.map((entry) => ({
          draft: entry.draft,
          total: entry.total,
          status: "submitted" as const,
          enteredBy: userId,
          externalSource: csvSource,
          externalId: entry.externalId,
        })),
      );
      await recordAudit(tx, {
        actor: `user:${userId}`,
        action: importAction,
        entityType: "plan",
        entityId: planId,
        after: {
          file: fileName,
          sha256: createHash("sha256").update(text).digest("hex"),
          rows: preview.rows,
          entries: ids.length,
          skipped: preview.alreadyImported.length,
          firstEntryId: ids[0],
          lastEntryId: ids.at(-1),
        },
      });
      // The audit row of this import, found by the first entry it wrote (recordAudit returns nothing).
      const [audit] = await tx
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, importAction), sql`${auditEvents.after}->>'firstEntryId' = ${ids[0]}`),
        );
      return {
        imported: ids.length,
        skipped: preview.alreadyImported.length,
        rows: preview.rows,
        auditId: audit?.id ?? null,
      };
    });
  } catch (error) {
    // Another import of the same entries, or a period locked, between the check and the write: the database
    // refused (unique external id; the lock trigger) and the transaction rolled back.
    if (!(error instanceof ImportRefused) && (sqlState(error) === "23505" || sqlState(error) === "23514"))
      throw new ImportRefused(null);
    throw error;
  }
}

/** What the page shows after a commit: the import's audit row, only to the person who made it. */
export async function importRecord(db: Db, auditId: number, userId: string) {
  const [row] = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.id, auditId),
        eq(auditEvents.action, importAction),
        eq(auditEvents.actor, `user:${userId}`),
      ),
    );
  if (!row) return null;
  const after = row.after as { file: string; rows: number; entries: number; skipped: number };
  const [plan] = await db.select({ title: plans.title }).from(plans).where(eq(plans.id, row.entityId));
  return { ...after, planTitle: plan?.title ?? { en: "" } };
}

/**
 * The template of an indicator set: the header row only (guidance lives on the import page and in the guide, so a
 * template never holds a row that would be imported). The set is a plan's indicators, or those measuring one of
 * its elements; the dimension columns are the ones the set uses. Null when there is no such plan or element.
 */
export async function templateFor({
  db,
  planSlug,
  elementCode,
}: {
  db: Db;
  planSlug: string;
  elementCode: string | null;
}): Promise<{ fileName: string; csv: string } | null> {
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, planSlug));
  if (!plan) return null;
  let set: { dimensions: { code: string }[] }[];
  if (elementCode) {
    const [element] = await db
      .select({ id: elements.id })
      .from(elements)
      .where(and(eq(elements.planId, plan.id), eq(elements.code, elementCode)));
    if (!element) return null;
    set = await db
      .select({ dimensions: indicators.dimensions })
      .from(indicatorElements)
      .innerJoin(indicators, eq(indicators.id, indicatorElements.indicatorId))
      .where(eq(indicatorElements.elementId, element.id));
  } else {
    set = await db
      .select({ dimensions: indicators.dimensions })
      .from(indicators)
      .where(eq(indicators.planId, plan.id));
  }
  const header = ["indicator", "period", "reported_on", ...dimensionColumnsOf(set), "value", "narrative"];
  const name = elementCode ? `${planSlug}-${elementCode}` : planSlug;
  // The byte-order mark makes spreadsheets open the file as UTF-8 (accents in narratives); the import ignores it.
  return { fileName: `progress-${name}.csv`, csv: `\uFEFF${writeCsv([header])}` };
}

/** What the import page lists for a plan: its indicators with their codes, periods and breakdown values. */
export async function importGuide(db: Db, planId: string) {
  const context = await importContext(db, planId);
  const rows = await db
    .select({
      id: indicators.id,
      code: indicators.code,
      name: indicators.name,
      frequency: indicators.frequency,
    })
    .from(indicators)
    .where(eq(indicators.planId, planId));
  const links = rows.length
    ? await db
        .select({ code: elements.code, title: elements.title })
        .from(indicatorElements)
        .innerJoin(elements, eq(elements.id, indicatorElements.elementId))
        .where(
          inArray(
            indicatorElements.indicatorId,
            rows.map((row) => row.id),
          ),
        )
    : [];
  const elementsWithIndicators = [...new Map(links.map((link) => [link.code, link])).values()].sort((a, b) =>
    compareCodes(a.code, b.code),
  );
  const indicatorList = rows
    .map((row) => {
      const rules = context.indicators.get(row.code);
      return {
        code: row.code,
        name: row.name,
        frequency: row.frequency,
        measure: rules?.measure ?? "number",
        periods: rules?.periods.map((period) => period.key) ?? [],
        lockedPeriods: [...(rules?.lockedPeriods ?? [])],
        dimensions: (rules?.dimensions ?? []).map((dimension) => ({
          code: dimension.code,
          values: dimension.values.map((value) => value.code),
        })),
        levels: rules?.scaleLabels.map((labels) => labels[0] ?? "") ?? [],
      };
    })
    .sort((a, b) => compareCodes(a.code, b.code));
  return { indicators: indicatorList, elements: elementsWithIndicators, columns: context.dimensionColumns };
}
