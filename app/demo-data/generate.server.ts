import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  elementAssignees,
  elementLinks,
  elements,
  entryNotes,
  indicatorElements,
  indicators,
  indicatorTargets,
  periodLocks,
  plans,
  progressEntries,
  users,
} from "../../db/schema";
import { recordAudit } from "../audit.server";
import { cellKey } from "../indicators/dimensions";
import { checkEntry, loadIndicatorRules, referenceLists } from "../progress/entries.server";
import { buildDemoPlan } from "./build";
import { demoPlanSlug, demoReturnNotesLanguage } from "./content";

/** Refused for a reason a person can act on (the slug belongs to a real plan, the reference lists are missing). */
export class DemoDataRefused extends Error {
  override name = "DemoDataRefused";
}

export type DemoDataSummary = {
  plan: string;
  replaced: boolean;
  indicators: number;
  entries: number;
  byStatus: Record<string, number>;
  lockedPeriods: number;
};

const isoToday = () => new Date().toISOString().slice(0, 10);

/**
 * Creates the synthetic demo plan, or replaces it with a fresh one: one transaction, one audit row. It only ever
 * touches the plan with the slug `synthetic-demo`, and refuses when that plan is not flagged synthetic.
 */
export async function generateDemoData({
  db,
  entries,
  seed,
  actor,
  today = isoToday(),
  onlyIfAbsent = false,
}: {
  db: Db;
  entries: number;
  seed: number;
  actor: string;
  today?: string;
  /** Do nothing when the plan exists (start-up), instead of replacing it. */
  onlyIfAbsent?: boolean;
}): Promise<DemoDataSummary | null> {
  if (!Number.isInteger(entries) || entries < 0)
    throw new DemoDataRefused("--entries must be a whole number ≥ 0.");
  if (!Number.isInteger(seed)) throw new DemoDataRefused("--seed must be a whole number.");
  return db.transaction(async (tx) => {
    // The seeding lock: servers starting together, or a CLI run during start-up, generate once.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('throughline.seed'))`);
    if (
      onlyIfAbsent &&
      (await tx.select({ id: plans.id }).from(plans).where(eq(plans.slug, demoPlanSlug))).length
    )
      return null;
    const replaced = await removeDemoPlan(tx);
    const references = await referenceLists(tx);
    if (references.region.length === 0 || references.language.length === 0) {
      throw new DemoDataRefused(
        "The demo data needs the region and language reference lists: load the organisation first (npm run cli -- seed).",
      );
    }
    const built = buildDemoPlan({
      seed,
      entries,
      today,
      regions: references.region.map((item) => item.code),
      languages: references.language.map((item) => item.code),
    });

    const [plan] = await tx
      .insert(plans)
      .values({
        slug: built.plan.slug,
        title: built.plan.title,
        summary: built.plan.summary,
        startDate: built.plan.startDate,
        endDate: built.plan.endDate,
        status: "active",
        synthetic: true,
      })
      .returning({ id: plans.id });
    const planId = (plan as { id: string }).id;
    const elementRows = await tx
      .insert(elements)
      .values(
        built.outline.map((element) => ({
          planId,
          code: element.code,
          kind: element.kind,
          title: element.title,
          status: "active" as const,
        })),
      )
      .returning({ id: elements.id, code: elements.code });
    const elementId = new Map(elementRows.map((row) => [row.code, row.id]));
    const idOf = (code: string) => elementId.get(code) as string;
    const parentCode = (code: string) => code.split(".").slice(0, -1).join(".");
    await tx.insert(elementLinks).values([
      ...built.outline
        .filter((element) => element.code.includes("."))
        .map((element) => ({
          planId,
          kind: "part_of" as const,
          fromElementId: idOf(element.code),
          toElementId: idOf(parentCode(element.code)),
        })),
      ...built.causal.map((link) => ({
        planId,
        kind: "contributes_to" as const,
        fromElementId: idOf(link.from),
        toElementId: idOf(link.to),
        rationale: link.rationale,
        evidenceStrength: "moderate" as const,
      })),
    ]);

    const people = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, ["staff@example.org", "meo@example.org"]));
    const staffId = people.find((person) => person.email === "staff@example.org")?.id ?? null;
    const officerId = people.find((person) => person.email === "meo@example.org")?.id ?? null;

    const indicatorRows = await tx
      .insert(indicators)
      .values(
        built.indicators.map(({ spec, baseline }) => ({
          planId,
          code: spec.code,
          name: spec.name,
          definition: spec.definition,
          measure: spec.measure,
          unit: spec.unit,
          direction: spec.direction,
          aggregation: spec.aggregation,
          frequency: spec.frequency,
          dimensions: spec.dimensions.map((code) => ({ code })),
          scale: spec.scale ? spec.scale.map((label) => ({ label })) : null,
          tolerance: spec.tolerance ?? null,
          baselineValue: baseline.value,
          baselineDate: baseline.date,
          baselineNote: baseline.note,
          meansOfVerification: {
            en: "Synthetic: no real records exist.",
            fr: "Synthétique : aucun document réel n’existe.",
          },
          dataSource: { en: "Demo data generator", fr: "Générateur de données de démonstration" },
          responsibleId: officerId,
        })),
      )
      .returning({ id: indicators.id, code: indicators.code });
    const indicatorId = new Map(indicatorRows.map((row) => [row.code, row.id]));
    await tx.insert(indicatorElements).values(
      built.indicators.flatMap(({ spec }) =>
        spec.elements.map((code) => ({
          planId,
          indicatorId: indicatorId.get(spec.code) as string,
          elementId: idOf(code),
        })),
      ),
    );
    await tx.insert(indicatorTargets).values(
      built.indicators.flatMap(({ spec, targets }) =>
        targets.map((target) => ({
          indicatorId: indicatorId.get(spec.code) as string,
          periodKey: target.periodKey,
          cellKey: cellKey(target.cell),
          cell: target.cell,
          value: target.value,
        })),
      ),
    );

    // Every generated entry passes the rules every other way in passes (a refusal here is a bug of the generator).
    const rules = await loadIndicatorRules(tx, [...indicatorId.values()]);
    const rows = built.entries.map((entry) => {
      const id = indicatorId.get(entry.indicator) as string;
      const draft = {
        indicatorId: id,
        periodKey: entry.periodKey,
        total: entry.total,
        breakdown: entry.breakdown,
        narrative: entry.narrative.en,
        reportedOn: entry.reportedOn,
      };
      const checked = checkEntry(rules.get(id) as NonNullable<ReturnType<typeof rules.get>>, draft, today);
      if (checked.total === null) {
        throw new Error(
          `demo data generator: ${entry.indicator} ${entry.periodKey} refused: ${JSON.stringify(checked.problems)}`,
        );
      }
      return {
        indicatorId: id,
        periodKey: entry.periodKey,
        status: entry.status,
        value: checked.total,
        breakdown: entry.breakdown,
        narrative: entry.narrative,
        reportedOn: entry.reportedOn,
        // Staff report and the M&E officer verifies: nobody verifies their own entry.
        enteredBy: staffId,
        elementId: entry.element ? idOf(entry.element) : null,
        submittedAt: new Date(entry.submittedAt),
        decidedAt: entry.decidedAt ? new Date(entry.decidedAt) : null,
        decidedBy: entry.decidedAt ? officerId : null,
      };
    });
    const notes: {
      entryId: string;
      kind: "returned";
      body: string;
      language: string;
      authorId: string | null;
      at: Date;
    }[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const inserted = await tx.insert(progressEntries).values(chunk).returning({ id: progressEntries.id });
      inserted.forEach((row, j) => {
        const entry = built.entries[i + j];
        if (entry?.returnNote) {
          notes.push({
            entryId: row.id,
            kind: "returned",
            body: entry.returnNote,
            language: demoReturnNotesLanguage,
            authorId: officerId,
            at: new Date(entry.decidedAt as string),
          });
        }
      });
    }
    for (let i = 0; i < notes.length; i += 1000) await tx.insert(entryNotes).values(notes.slice(i, i + 1000));
    if (built.locks.length) {
      await tx.insert(periodLocks).values(
        built.locks.map((lock) => ({
          indicatorId: indicatorId.get(lock.indicator) as string,
          periodKey: lock.periodKey,
          lockedBy: officerId,
        })),
      );
    }
    if (staffId) {
      await tx
        .insert(elementAssignees)
        .values(built.staffActivities.map((code) => ({ elementId: idOf(code), userId: staffId })));
    }

    const byStatus: Record<string, number> = {};
    for (const entry of built.entries) byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
    const summary: DemoDataSummary = {
      plan: demoPlanSlug,
      replaced,
      indicators: built.indicators.length,
      entries: built.entries.length,
      byStatus,
      lockedPeriods: built.locks.length,
    };
    await recordAudit(tx, {
      actor,
      action: replaced ? "demo_data.regenerate" : "demo_data.generate",
      entityType: "plan",
      entityId: demoPlanSlug,
      after: { ...summary, seed, today },
    });
    return summary;
  });
}

/** Removes the synthetic demo plan and everything in it; refuses a plan with that slug that is not synthetic. */
async function removeDemoPlan(tx: Db): Promise<boolean> {
  const [existing] = await tx
    .select({ id: plans.id, synthetic: plans.synthetic })
    .from(plans)
    .where(eq(plans.slug, demoPlanSlug));
  if (!existing) return false;
  if (!existing.synthetic) {
    throw new DemoDataRefused(
      `A plan with the slug "${demoPlanSlug}" exists and is not synthetic: the demo data generator never touches it.`,
    );
  }
  const ids = tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.planId, existing.id));
  // Locks first (a locked period's entries cannot be removed), then the entries (indicators refuse to go while
  // entries point at them), then the plan, which takes its elements, indicators, targets and history with it.
  await tx.delete(periodLocks).where(inArray(periodLocks.indicatorId, ids));
  await tx.delete(progressEntries).where(inArray(progressEntries.indicatorId, ids));
  await tx.delete(plans).where(and(eq(plans.id, existing.id), eq(plans.synthetic, true)));
  return true;
}

/** In demo mode, at start-up: creates the synthetic plan when it is absent (a few hundred entries: fast). */
export async function ensureDemoData({ db }: { db: Db }): Promise<DemoDataSummary | null> {
  const [existing] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, demoPlanSlug));
  if (existing) return null;
  return generateDemoData({ db, entries: 300, seed: 1, actor: "system:demo", onlyIfAbsent: true });
}
