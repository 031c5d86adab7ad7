import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  auditEvents,
  elementLinks,
  elements,
  organisation,
  plans,
  referenceItems,
  sourceDocuments,
} from "../../db/schema";
import type {
  Citation,
  LocalizedText,
  OrganisationFile,
  PlanGraph,
  PlanGraphElement,
  PlanGraphLink,
  Source,
} from "./format";
import { outlineOrder } from "./graph";
import type { Problem } from "./validate";
import { languages } from "./vocabulary";

/** A document that passed its own checks but does not fit the database (e.g. lineage to a missing plan). */
export class ImportRejected extends Error {
  override name = "ImportRejected";
  constructor(readonly problems: Problem[]) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join("\n"));
  }
}

export type ImportSummary = {
  plan: string;
  created: boolean;
  changed: boolean;
  elements: { added: number; updated: number; removed: number };
  links: { added: number; updated: number; removed: number };
};

// ---------------------------------------------------------------- value conversions

type CitationColumns = {
  citationSourceId: string | null;
  citationSection: string | null;
  citationQuote: string | null;
};

function citationColumns(citation: Citation | null): CitationColumns {
  return {
    citationSourceId: citation?.source ?? null,
    citationSection: citation?.section ?? null,
    citationQuote: citation?.quote ?? null,
  };
}

function citationOf(row: CitationColumns): Citation | null {
  if (!row.citationSourceId || !row.citationSection) return null;
  return {
    source: row.citationSourceId,
    section: row.citationSection,
    ...(row.citationQuote ? { quote: row.citationQuote } : {}),
  };
}

/** jsonb does not keep key order; the interchange format writes languages in a fixed order. */
function localized(value: LocalizedText): LocalizedText;
function localized(value: LocalizedText | null | undefined): LocalizedText | null;
function localized(value: LocalizedText | null | undefined): LocalizedText | null {
  if (!value) return null;
  const out: Record<string, string> = {};
  for (const language of languages) {
    const text = value[language];
    if (text !== undefined) out[language] = text;
  }
  return out as LocalizedText;
}

/** Compares values as stored: key order does not matter, as in jsonb. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The named fields of a row, for comparing a stored row with the values a file gives. */
export function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, row[key]])) as Pick<T, K>;
}

// ---------------------------------------------------------------- import

/** Inserts or updates the given source documents; returns how many changed. */
export async function upsertSources(db: Db, sources: readonly Source[]): Promise<number> {
  if (sources.length === 0) return 0;
  const existing = await db
    .select()
    .from(sourceDocuments)
    .where(
      inArray(
        sourceDocuments.id,
        sources.map((source) => source.id),
      ),
    );
  const byId = new Map(existing.map((row) => [row.id, row]));
  let changed = 0;
  for (const source of sources) {
    const values = {
      title: source.title,
      language: source.language,
      publishedYear: source.publishedYear ?? null,
      file: source.file ?? null,
    };
    const current = byId.get(source.id);
    if (current && sameValue(pick(current, ["title", "language", "publishedYear", "file"]), values)) continue;
    await db
      .insert(sourceDocuments)
      .values({ id: source.id, ...values })
      .onConflictDoUpdate({ target: sourceDocuments.id, set: values });
    changed++;
  }
  return changed;
}

const elementFields = [
  "kind",
  "title",
  "description",
  "status",
  "resourcesRequired",
  "reconstructed",
  "citationSourceId",
  "citationSection",
  "citationQuote",
] as const;

function elementValues(element: PlanGraphElement) {
  return {
    kind: element.kind,
    title: element.title,
    description: element.description,
    status: element.status,
    resourcesRequired: element.resourcesRequired,
    reconstructed: element.reconstructed,
    ...citationColumns(element.citation),
  };
}

const linkFields = [
  "rationale",
  "evidenceStrength",
  "citationSourceId",
  "citationSection",
  "citationQuote",
] as const;

function linkValues(link: PlanGraphLink) {
  return {
    rationale: link.rationale,
    evidenceStrength: link.evidenceStrength,
    ...citationColumns(link.citation),
  };
}

/**
 * Writes a checked plan graph (see `parsePlanGraph`) in one transaction. Elements are matched by code and links
 * by (kind, from, to), so re-importing keeps their ids and importing the same file twice changes nothing.
 * Elements and links missing from the file are removed from the plan.
 */
export async function importPlanGraph({
  db,
  graph,
  actor,
}: {
  db: Db;
  graph: PlanGraph;
  actor: string;
}): Promise<ImportSummary> {
  return db.transaction(async (tx) => {
    const sourcesChanged = await upsertSources(tx, graph.sources);

    let previousPlanId: string | null = null;
    if (graph.plan.previousPlan) {
      const [previous] = await tx
        .select({ id: plans.id })
        .from(plans)
        .where(eq(plans.slug, graph.plan.previousPlan));
      if (!previous) {
        throw new ImportRejected([
          {
            path: "$.plan.previousPlan",
            message: `no plan "${graph.plan.previousPlan}" exists in the database; import it first`,
          },
        ]);
      }
      previousPlanId = previous.id;
    }
    const [existingPlan] = await tx.select().from(plans).where(eq(plans.slug, graph.plan.slug));
    if (previousPlanId) await checkLineage(tx, graph.plan.slug, previousPlanId, existingPlan?.id);

    const planValues = {
      title: graph.plan.title,
      summary: graph.plan.summary ?? null,
      startDate: graph.plan.startDate,
      endDate: graph.plan.endDate,
      status: graph.plan.status,
      previousPlanId,
      reconstructed: graph.plan.reconstructed,
      ...citationColumns(graph.plan.citation),
    };
    let planId: string;
    let planChanged = false;
    if (!existingPlan) {
      const [inserted] = await tx
        .insert(plans)
        .values({ slug: graph.plan.slug, ...planValues })
        .returning({ id: plans.id });
      planId = (inserted as { id: string }).id;
      planChanged = true;
    } else {
      planId = existingPlan.id;
      if (
        !sameValue(pick(existingPlan, Object.keys(planValues) as (keyof typeof planValues)[]), planValues)
      ) {
        await tx
          .update(plans)
          .set({ ...planValues, updatedAt: sql`now()` })
          .where(eq(plans.id, planId));
        planChanged = true;
      }
    }

    // Elements: match by code.
    const currentElements = await tx.select().from(elements).where(eq(elements.planId, planId));
    const elementByCode = new Map(currentElements.map((row) => [row.code, row]));
    const fileCodes = new Set(graph.elements.map((element) => element.code));
    const removedElementIds = currentElements.filter((row) => !fileCodes.has(row.code)).map((row) => row.id);

    // Links: match by (kind, from code, to code). Removals go first so that a moved element can take its new parent.
    const codeById = new Map(currentElements.map((row) => [row.id, row.code]));
    const currentLinks = await tx.select().from(elementLinks).where(eq(elementLinks.planId, planId));
    const linkKey = (kind: string, from: string, to: string) => `${kind} ${from} ${to}`;
    const fileLinks = new Map(graph.links.map((link) => [linkKey(link.kind, link.from, link.to), link]));
    const linkByKey = new Map(
      currentLinks.map((row) => [
        linkKey(row.kind, codeById.get(row.fromElementId) ?? "", codeById.get(row.toElementId) ?? ""),
        row,
      ]),
    );
    const removedLinkIds = [...linkByKey].filter(([key]) => !fileLinks.has(key)).map(([, row]) => row.id);
    if (removedLinkIds.length) await tx.delete(elementLinks).where(inArray(elementLinks.id, removedLinkIds));
    if (removedElementIds.length) await tx.delete(elements).where(inArray(elements.id, removedElementIds));

    const summary: ImportSummary = {
      plan: graph.plan.slug,
      created: !existingPlan,
      changed: false,
      elements: { added: 0, updated: 0, removed: removedElementIds.length },
      links: { added: 0, updated: 0, removed: removedLinkIds.length },
    };

    const idByCode = new Map<string, string>();
    for (const element of graph.elements) {
      const values = elementValues(element);
      const current = elementByCode.get(element.code);
      if (!current) {
        const [inserted] = await tx
          .insert(elements)
          .values({ planId, code: element.code, ...values })
          .returning({ id: elements.id });
        idByCode.set(element.code, (inserted as { id: string }).id);
        summary.elements.added++;
        continue;
      }
      idByCode.set(element.code, current.id);
      if (!sameValue(pick(current, elementFields), values)) {
        await tx
          .update(elements)
          .set({ ...values, updatedAt: sql`now()` })
          .where(eq(elements.id, current.id));
        summary.elements.updated++;
      }
    }

    for (const [key, link] of fileLinks) {
      const values = linkValues(link);
      const current = linkByKey.get(key);
      if (!current) {
        await tx.insert(elementLinks).values({
          planId,
          kind: link.kind,
          fromElementId: idByCode.get(link.from) as string,
          toElementId: idByCode.get(link.to) as string,
          ...values,
        });
        summary.links.added++;
      } else if (!sameValue(pick(current, linkFields), values)) {
        await tx
          .update(elementLinks)
          .set({ ...values, updatedAt: sql`now()` })
          .where(eq(elementLinks.id, current.id));
        summary.links.updated++;
      }
    }

    const counts = [...Object.values(summary.elements), ...Object.values(summary.links)];
    summary.changed = planChanged || sourcesChanged > 0 || counts.some((count) => count > 0);
    if (summary.changed) {
      await tx.insert(auditEvents).values({
        actor,
        action: summary.created ? "plan.import.create" : "plan.import.update",
        entityType: "plan",
        entityId: graph.plan.slug,
        before: existingPlan ? { elements: currentElements.length, links: currentLinks.length } : null,
        after: { ...summary, sourcesChanged },
      });
    }
    return summary;
  });
}

/** Lineage is a chain: the predecessor must not already have a successor, and the chain must not loop. */
async function checkLineage(db: Db, slug: string, previousPlanId: string, planId: string | undefined) {
  const lineage = await db
    .select({ id: plans.id, slug: plans.slug, previousPlanId: plans.previousPlanId })
    .from(plans);
  const byId = new Map(lineage.map((plan) => [plan.id, plan]));
  const successor = lineage.find((plan) => plan.previousPlanId === previousPlanId && plan.id !== planId);
  const previousSlug = byId.get(previousPlanId)?.slug;
  if (successor) {
    throw new ImportRejected([
      {
        path: "$.plan.previousPlan",
        message: `plan "${successor.slug}" already follows "${previousSlug}"; a plan is followed by at most one plan`,
      },
    ]);
  }
  const chain = [slug];
  for (let id: string | null = previousPlanId; id; id = byId.get(id)?.previousPlanId ?? null) {
    chain.push(byId.get(id)?.slug ?? id);
    if (id === planId) {
      throw new ImportRejected([
        { path: "$.plan.previousPlan", message: `the lineage would loop: ${chain.join(" → ")}` },
      ]);
    }
    if (chain.length > lineage.length + 1) break;
  }
}

/** Writes the organisation profile and its reference lists; items missing from a listed list are removed. */
export async function importOrganisationFile({
  db,
  file,
  actor,
}: {
  db: Db;
  file: OrganisationFile;
  actor: string;
}): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    let changes = await upsertSources(tx, file.sources);
    const profile = {
      name: file.organisation.name,
      shortName: file.organisation.shortName,
      foundedYear: file.organisation.foundedYear,
      ...citationColumns(file.organisation.citation),
    };
    const [current] = await tx.select().from(organisation);
    if (!current || !sameValue(pick(current, Object.keys(profile) as (keyof typeof profile)[]), profile)) {
      await tx
        .insert(organisation)
        .values({ id: 1, ...profile })
        .onConflictDoUpdate({ target: organisation.id, set: { ...profile, updatedAt: sql`now()` } });
      changes++;
    }
    for (const [list, items = []] of Object.entries(file.referenceLists) as [
      keyof OrganisationFile["referenceLists"],
      OrganisationFile["referenceLists"][keyof OrganisationFile["referenceLists"]],
    ][]) {
      const existing = await tx.select().from(referenceItems).where(eq(referenceItems.list, list));
      const byCode = new Map(existing.map((row) => [row.code, row]));
      const codes = new Set(items.map((item) => item.code));
      const removed = existing.filter((row) => !codes.has(row.code)).map((row) => row.code);
      if (removed.length) {
        await tx
          .delete(referenceItems)
          .where(and(eq(referenceItems.list, list), inArray(referenceItems.code, removed)));
        changes += removed.length;
      }
      for (const [position, item] of items.entries()) {
        const values = { position, label: item.label, note: item.note, ...citationColumns(item.citation) };
        const row = byCode.get(item.code);
        if (row && sameValue(pick(row, Object.keys(values) as (keyof typeof values)[]), values)) continue;
        await tx
          .insert(referenceItems)
          .values({ list, code: item.code, ...values })
          .onConflictDoUpdate({ target: [referenceItems.list, referenceItems.code], set: values });
        changes++;
      }
    }
    if (changes > 0) {
      await tx.insert(auditEvents).values({
        actor,
        action: "organisation.import",
        entityType: "organisation",
        entityId: file.organisation.shortName,
        before: current ? { shortName: current.shortName } : null,
        after: { changes },
      });
    }
    return { changed: changes > 0 };
  });
}

// ---------------------------------------------------------------- export

/** The plan as an interchange document, in canonical order (outline order; links by kind then endpoints). */
export async function exportPlanGraph({
  db,
  slug,
}: {
  db: Db;
  slug: string;
}): Promise<PlanGraph | undefined> {
  const [plan] = await db.select().from(plans).where(eq(plans.slug, slug));
  if (!plan) return undefined;
  const previous = plan.previousPlanId
    ? (await db.select({ slug: plans.slug }).from(plans).where(eq(plans.id, plan.previousPlanId)))[0]
    : undefined;
  const elementRows = await db.select().from(elements).where(eq(elements.planId, plan.id));
  const linkRows = await db.select().from(elementLinks).where(eq(elementLinks.planId, plan.id));

  const codeById = new Map(elementRows.map((row) => [row.id, row.code]));
  const links = linkRows.map((row) => ({
    row,
    from: codeById.get(row.fromElementId) as string,
    to: codeById.get(row.toElementId) as string,
  }));
  const parentOf = new Map(
    links.filter(({ row }) => row.kind === "part_of").map(({ from, to }) => [from, to]),
  );
  const order = outlineOrder(
    elementRows.map((row) => row.code),
    parentOf,
  );
  const rank = new Map(order.map((code, i) => [code, i]));
  const byCode = new Map(elementRows.map((row) => [row.code, row]));
  const kindRank = { part_of: 0, contributes_to: 1, precondition_of: 2 } as const;
  links.sort(
    (a, b) =>
      kindRank[a.row.kind] - kindRank[b.row.kind] ||
      (rank.get(a.from) ?? 0) - (rank.get(b.from) ?? 0) ||
      (rank.get(a.to) ?? 0) - (rank.get(b.to) ?? 0),
  );

  const citedSources = new Set(
    [plan, ...elementRows, ...linkRows].map((row) => row.citationSourceId).filter((id): id is string => !!id),
  );
  const sourceRows = citedSources.size
    ? await db
        .select()
        .from(sourceDocuments)
        .where(inArray(sourceDocuments.id, [...citedSources]))
        .orderBy(sourceDocuments.id)
    : [];

  return {
    format: "throughline/plan-graph",
    version: 1,
    sources: sourceRows.map((row) => ({
      id: row.id,
      title: localized(row.title),
      language: row.language,
      ...(row.publishedYear !== null ? { publishedYear: row.publishedYear } : {}),
      ...(row.file !== null ? { file: row.file } : {}),
    })),
    plan: {
      slug: plan.slug,
      title: localized(plan.title),
      ...(plan.summary ? { summary: localized(plan.summary) } : {}),
      startDate: plan.startDate,
      endDate: plan.endDate,
      status: plan.status,
      previousPlan: previous?.slug ?? null,
      reconstructed: plan.reconstructed,
      citation: citationOf(plan),
    },
    elements: order.map((code) => {
      const row = byCode.get(code) as (typeof elementRows)[number];
      return {
        code: row.code,
        kind: row.kind,
        title: localized(row.title),
        description: localized(row.description),
        status: row.status,
        resourcesRequired: localized(row.resourcesRequired),
        reconstructed: row.reconstructed,
        citation: citationOf(row),
      };
    }),
    links: links.map(({ row, from, to }) => ({
      kind: row.kind,
      from,
      to,
      rationale: localized(row.rationale),
      evidenceStrength: row.evidenceStrength,
      citation: citationOf(row),
    })),
  };
}

/** The interchange document as text: two-space JSON with a final newline, as the seed files are written. */
export function formatPlanGraph(graph: PlanGraph): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}
