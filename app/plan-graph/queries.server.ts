import { and, asc, count, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import {
  elementLinks,
  elements,
  organisation,
  plans,
  referenceItems,
  sourceDocuments,
} from "../../db/schema";
import type { Viewer } from "../auth/policy";
import { indicatorsOfElement } from "../indicators/store.server";
import type { Citation } from "./format";
import { compareCodes, outlineOrder } from "./graph";
import { entryInScope, inScope, type PlanScope, planScope, type VisiblePlan } from "./scope.server";
import type { ElementKind, ElementStatus, LocalizedText } from "./vocabulary";

/** A citation as pages show it: the source's title travels with it. */
export type CitationView = Citation & { sourceTitle: LocalizedText; sourceLanguage: string };

/** Returns a function that turns a row's citation columns into a CitationView. */
export async function citationFormatter(db: Db) {
  const sources = await db
    .select({ id: sourceDocuments.id, title: sourceDocuments.title, language: sourceDocuments.language })
    .from(sourceDocuments);
  const byId = new Map(sources.map((source) => [source.id, source]));
  return (row: {
    citationSourceId: string | null;
    citationSection: string | null;
    citationQuote: string | null;
  }) =>
    row.citationSourceId && row.citationSection
      ? {
          source: row.citationSourceId,
          section: row.citationSection,
          ...(row.citationQuote ? { quote: row.citationQuote } : {}),
          sourceTitle: byId.get(row.citationSourceId)?.title ?? { en: row.citationSourceId },
          sourceLanguage: byId.get(row.citationSourceId)?.language ?? "en",
        }
      : null;
}

export async function getOrganisation({ db }: { db: Db }) {
  const [row] = await db
    .select({ name: organisation.name, shortName: organisation.shortName })
    .from(organisation);
  return row ?? null;
}

export type PlanSummary = Awaited<ReturnType<typeof listPlans>>[number];

/** The plans the viewer may see, with counts of the elements they may see. */
export async function listPlans({ db, viewer }: { db: Db; viewer: Viewer }) {
  return (await visiblePlans({ db, viewer })).map(({ scope: _scope, ...plan }) => plan);
}

/** The visible plans with the viewer's scope in each, so a caller needing the scope does not compute it again. */
async function visiblePlans({ db, viewer }: { db: Db; viewer: Viewer }) {
  const previous = alias(plans, "previous");
  const rows = await db
    .select({
      id: plans.id,
      slug: plans.slug,
      title: plans.title,
      startDate: plans.startDate,
      endDate: plans.endDate,
      status: plans.status,
      reconstructed: plans.reconstructed,
      synthetic: plans.synthetic,
      previousSlug: previous.slug,
    })
    .from(plans)
    .leftJoin(previous, eq(plans.previousPlanId, previous.id))
    .orderBy(asc(plans.startDate), asc(plans.slug));
  const counts = await db
    .select({ planId: elements.planId, kind: elements.kind, n: count() })
    .from(elements)
    .groupBy(elements.planId, elements.kind);
  const visible: ((typeof rows)[number] & {
    scope: PlanScope;
    counts: Partial<Record<ElementKind, number>>;
  })[] = [];
  for (const plan of rows) {
    const scope = await planScope({ db, viewer, planId: plan.id });
    if (!scope) continue;
    const planCounts = scope.all
      ? counts.filter((row) => row.planId === plan.id).map((row) => [row.kind, row.n] as const)
      : await scopedCounts(db, plan.id, scope);
    visible.push({
      ...plan,
      scope,
      counts: Object.fromEntries(planCounts) as Partial<Record<ElementKind, number>>,
    });
  }
  return visible.map((plan) => ({
    ...plan,
    previousSlug: visible.some((other) => other.slug === plan.previousSlug) ? plan.previousSlug : null,
    nextSlug: visible.find((other) => other.previousSlug === plan.slug)?.slug ?? null,
  }));
}

async function scopedCounts(db: Db, planId: string, scope: PlanScope) {
  const rows = await db
    .select({ id: elements.id, kind: elements.kind })
    .from(elements)
    .where(eq(elements.planId, planId));
  const tally = new Map<ElementKind, number>();
  for (const row of rows) if (inScope(scope, row.id)) tally.set(row.kind, (tally.get(row.kind) ?? 0) + 1);
  return [...tally];
}

export type OutlineNode = {
  code: string;
  kind: ElementKind;
  title: LocalizedText;
  status: ElementStatus;
  reconstructed: boolean;
  citation: CitationView | null;
  children: OutlineNode[];
};

/** A plan with its outline (the `part_of` tree), lineage and counts. */
export async function getPlanOutline({ db, slug, viewer }: { db: Db; slug: string; viewer: Viewer }) {
  const found = (await visiblePlans({ db, viewer })).find((candidate) => candidate.slug === slug);
  if (!found) return null;
  const { scope, ...plan } = found;
  const [details] = await db.select().from(plans).where(eq(plans.id, plan.id));
  const elementRows = (await db.select().from(elements).where(eq(elements.planId, plan.id))).filter((row) =>
    inScope(scope, row.id),
  );
  const parentRows = await db
    .select({ from: elementLinks.fromElementId, to: elementLinks.toElementId })
    .from(elementLinks)
    .where(and(eq(elementLinks.planId, plan.id), eq(elementLinks.kind, "part_of")));
  const cite = await citationFormatter(db);

  const codeById = new Map(elementRows.map((row) => [row.id, row.code]));
  const parentOf = new Map(
    parentRows.map((link) => [codeById.get(link.from) ?? "", codeById.get(link.to) ?? ""]),
  );
  const nodes = new Map<string, OutlineNode>(
    elementRows.map((row) => [
      row.code,
      {
        code: row.code,
        kind: row.kind,
        title: row.title,
        status: row.status,
        reconstructed: row.reconstructed,
        citation: cite(row),
        children: [],
      },
    ]),
  );
  const roots: OutlineNode[] = [];
  for (const code of outlineOrder([...nodes.keys()], parentOf)) {
    const node = nodes.get(code) as OutlineNode;
    const parent = nodes.get(parentOf.get(code) ?? "");
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return {
    plan: {
      ...plan,
      summary: details?.summary ?? null,
      citation: details ? cite(details) : null,
    },
    roots,
  };
}

/** One element with its place in the outline and its causal links in both directions. */
export async function getElementDetail({
  db,
  plan: visible,
  scope,
  code,
}: VisiblePlan & {
  db: Db;
  code: string;
}) {
  const plan = { id: visible.id, slug: visible.slug, title: visible.title, synthetic: visible.synthetic };
  const planElements = (await db.select().from(elements).where(eq(elements.planId, plan.id))).filter((row) =>
    inScope(scope, row.id),
  );
  const element = planElements.find((row) => row.code === code);
  if (!element) return null;
  const links = await db
    .select()
    .from(elementLinks)
    .where(
      and(
        eq(elementLinks.planId, plan.id),
        or(eq(elementLinks.fromElementId, element.id), eq(elementLinks.toElementId, element.id)),
      ),
    );
  const allParentLinks = await db
    .select({ from: elementLinks.fromElementId, to: elementLinks.toElementId })
    .from(elementLinks)
    .where(and(eq(elementLinks.planId, plan.id), eq(elementLinks.kind, "part_of")));
  const cite = await citationFormatter(db);
  const byId = new Map(planElements.map((row) => [row.id, row]));
  const brief = (id: string) => {
    const row = byId.get(id);
    return row ? { code: row.code, kind: row.kind, title: row.title, status: row.status } : null;
  };

  const parentOf = new Map(allParentLinks.map((link) => [link.from, link.to]));
  const ancestors = [];
  const seen = new Set([element.id]); // the importer keeps the outline a tree; never loop if something did not
  for (let id = parentOf.get(element.id); id && !seen.has(id); id = parentOf.get(id)) {
    seen.add(id);
    ancestors.unshift(brief(id));
  }

  const causal = links.flatMap((link) => {
    if (link.kind === "part_of") return [];
    const outgoing = link.fromElementId === element.id;
    // A link to an element outside the viewer's scope is not sent at all, rationale and citation included.
    if (!brief(outgoing ? link.toElementId : link.fromElementId)) return [];
    return [
      {
        kind: link.kind,
        direction: outgoing ? ("out" as const) : ("in" as const),
        other: brief(outgoing ? link.toElementId : link.fromElementId),
        rationale: link.rationale,
        evidenceStrength: link.evidenceStrength,
        evidenceLinks: link.evidenceLinks ?? [],
        citation: cite(link),
      },
    ];
  });

  return {
    plan,
    element: {
      code: element.code,
      kind: element.kind,
      title: element.title,
      description: element.description,
      status: element.status,
      level: element.level,
      resourcesRequired: element.resourcesRequired,
      reconstructed: element.reconstructed,
      citation: cite(element),
    },
    indicators: (await indicatorsOfElement({ db, elementId: element.id })).map((indicator) => ({
      ...indicator,
      entries: indicator.entries
        .filter((entry) => entryInScope(scope, entry))
        .map(({ citationSourceId, citationSection, citationQuote, elementId: _, ...entry }) => ({
          ...entry,
          citation: cite({ citationSourceId, citationSection, citationQuote }),
        })),
    })),
    ancestors: ancestors.filter((ancestor) => ancestor !== null),
    children: links
      .filter((link) => link.kind === "part_of" && link.toElementId === element.id)
      .map((link) => brief(link.fromElementId))
      .filter((child) => child !== null)
      .sort((a, b) => compareCodes(a.code, b.code)),
    causal,
  };
}

export async function listSources({ db }: { db: Db }) {
  const sources = await db.select().from(sourceDocuments).orderBy(sourceDocuments.id);
  const items = await db
    .select()
    .from(referenceItems)
    .orderBy(asc(referenceItems.list), asc(referenceItems.position));
  const cite = await citationFormatter(db);
  const referenceLists: Record<
    string,
    { code: string; label: LocalizedText; citation: CitationView | null }[]
  > = {};
  for (const item of items) {
    const list = referenceLists[item.list] ?? [];
    list.push({ code: item.code, label: item.label, citation: cite(item) });
    referenceLists[item.list] = list;
  }
  return { sources, referenceLists };
}
