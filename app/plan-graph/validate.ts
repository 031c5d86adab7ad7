import type { z } from "zod";
import { type IndicatorsFile, indicatorsFileSchema } from "../indicators/format";
import { type OrganisationFile, organisationFileSchema, type PlanGraph, planGraphSchema } from "./format";
import { findCycle } from "./graph";
import { invalidJsonOffset } from "./json-position";

/** One reason a document was refused: where (a JSON path such as `$.elements[3].kind`) and why. */
export type Problem = { path: string; message: string };

/**
 * A problem of a canvas file, also said as a code and values, for a screen that translates it
 * (app/toc/exchange.server.ts); `message` is the English of the command line.
 */
export type CodedProblem = Problem & {
  code: "json" | "shape" | "unknownCode" | "duplicate" | "placedTwice";
  values: Record<string, string>;
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : `${out}.${String(key)}`),
    "$",
  );
}

/** Where JSON text stops being valid, as a line and a column (1-based). */
export function jsonErrorAt(text: string): { line: number; column: number } {
  const before = text.slice(0, invalidJsonOffset(text) ?? 0).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Parses JSON text, reporting a syntax error with its line and column. */
export function parseJsonText(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const offset = invalidJsonOffset(text) ?? 0;
    const before = text.slice(0, offset).split("\n");
    const where = `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
    return {
      ok: false,
      problems: [{ path: "$", message: `invalid JSON at ${where}: ${(error as Error).message}` }],
    };
  }
}

function fromZod<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
  };
}

export type ImportFile =
  | { format: "throughline/plan-graph"; graph: PlanGraph }
  | { format: "throughline/organisation"; organisation: OrganisationFile }
  | { format: "throughline/indicators"; indicators: IndicatorsFile };

/** Parses the text of a file given to `import`: JSON syntax, then the document type its `format` names. */
export function parseImportFile(text: string): Parsed<ImportFile> {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  const format = (json.value as { format?: unknown } | null)?.format;
  if (format === "throughline/indicators") {
    const parsed = parseIndicatorsFile(json.value);
    return parsed.ok ? { ok: true, value: { format, indicators: parsed.value } } : parsed;
  }
  if (format === "throughline/organisation") {
    const parsed = parseOrganisationFile(json.value);
    return parsed.ok
      ? { ok: true, value: { format: "throughline/organisation", organisation: parsed.value } }
      : parsed;
  }
  const parsed = parsePlanGraph(json.value);
  return parsed.ok ? { ok: true, value: { format: "throughline/plan-graph", graph: parsed.value } } : parsed;
}

/** Checks shape (zod) and then the graph rules of docs/formats/plan-graph.md. */
export function parsePlanGraph(input: unknown): Parsed<PlanGraph> {
  const parsed = fromZod(planGraphSchema, input);
  if (!parsed.ok) return parsed;
  const problems = checkPlanGraph(parsed.value);
  return problems.length ? { ok: false, problems } : parsed;
}

/**
 * Checks a canvas file (one canvas exported from the editor): the document's shape and its canvases' rules only.
 * The file's elements and links are not imported (the canvas import places the plan's own), so whole-graph rules
 * such as "no causal cycle" are not applied: a canvas exported from a plan with bad data must import back.
 */
export function parseCanvasFile(
  input: unknown,
): { ok: true; value: PlanGraph } | { ok: false; problems: CodedProblem[] } {
  const parsed = fromZod(planGraphSchema, input);
  if (!parsed.ok)
    return {
      ok: false,
      problems: parsed.problems.map((problem) => ({ ...problem, code: "shape", values: {} })),
    };
  const problems = checkCanvases(parsed.value, new Set(parsed.value.elements.map((element) => element.code)));
  return problems.length ? { ok: false, problems } : parsed;
}

/** The indicators file's shape; its links to plans and elements are checked against the database on import. */
export function parseIndicatorsFile(input: unknown): Parsed<IndicatorsFile> {
  return fromZod(indicatorsFileSchema, input);
}

export function parseOrganisationFile(input: unknown): Parsed<OrganisationFile> {
  const parsed = fromZod(organisationFileSchema, input);
  if (!parsed.ok) return parsed;
  const problems = checkCitations(parsed.value.sources, [
    ["$.organisation.citation", parsed.value.organisation.citation],
    ...Object.entries(parsed.value.referenceLists).flatMap(([list, items]) =>
      (items ?? []).map((item, i) => [`$.referenceLists.${list}[${i}].citation`, item.citation] as const),
    ),
  ]);
  for (const [list, items] of Object.entries(parsed.value.referenceLists)) {
    problems.push(
      ...duplicates(
        (items ?? []).map((item) => item.code),
        `$.referenceLists.${list}`,
        "code",
      ),
    );
  }
  return problems.length ? { ok: false, problems } : parsed;
}

function duplicates(values: readonly string[], arrayPath: string, field: string): Problem[] {
  const firstIndex = new Map<string, number>();
  const problems: Problem[] = [];
  values.forEach((value, i) => {
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, i);
    else
      problems.push({
        path: `${arrayPath}[${i}].${field}`,
        message: `"${value}" is already used by ${arrayPath}[${first}]`,
      });
  });
  return problems;
}

function checkCitations(
  sources: readonly { id: string }[],
  citations: readonly (readonly [string, { source: string } | null])[],
): Problem[] {
  const known = new Set(sources.map((source) => source.id));
  return [
    ...duplicates(
      sources.map((source) => source.id),
      "$.sources",
      "id",
    ),
    ...citations.flatMap(([path, citation]) =>
      citation && !known.has(citation.source)
        ? [{ path: `${path}.source`, message: `"${citation.source}" is not one of the file's sources` }]
        : [],
    ),
  ];
}

export function checkPlanGraph(graph: PlanGraph): Problem[] {
  const problems: Problem[] = [
    ...duplicates(
      graph.elements.map((element) => element.code),
      "$.elements",
      "code",
    ),
    ...checkCitations(graph.sources, [
      ["$.plan.citation", graph.plan.citation],
      ...graph.elements.map((element, i) => [`$.elements[${i}].citation`, element.citation] as const),
      ...graph.links.map((link, i) => [`$.links[${i}].citation`, link.citation] as const),
      ...(graph.canvases ?? []).map((canvas, i) => [`$.canvases[${i}].citation`, canvas.citation] as const),
    ]),
  ];
  if (graph.plan.previousPlan === graph.plan.slug) {
    problems.push({ path: "$.plan.previousPlan", message: "a plan cannot follow itself" });
  }
  graph.elements.forEach((element, i) => {
    if (element.reconstructed && !element.citation) {
      problems.push({
        path: `$.elements[${i}].citation`,
        message: "a reconstructed element must cite the passage it was reconstructed from",
      });
    }
  });

  const codes = new Set(graph.elements.map((element) => element.code));
  const seenLinks = new Map<string, number>();
  const parentLink = new Map<string, number>();
  const outline: { from: string; to: string }[] = [];
  const causal: { from: string; to: string }[] = [];
  graph.links.forEach((link, i) => {
    if (link.kind === "part_of" && link.evidenceLinks?.length) {
      problems.push({
        path: `$.links[${i}].evidenceLinks`,
        message: "only causal links (contributes_to, precondition_of) carry evidence links",
      });
    }
    let endpointsKnown = true;
    for (const end of ["from", "to"] as const) {
      if (!codes.has(link[end])) {
        endpointsKnown = false;
        problems.push({ path: `$.links[${i}].${end}`, message: `no element has the code "${link[end]}"` });
      }
    }
    if (!endpointsKnown) return;
    if (link.from === link.to) {
      problems.push({ path: `$.links[${i}]`, message: `links "${link.from}" to itself` });
      return;
    }
    const key = `${link.kind} ${link.from} ${link.to}`;
    const same = seenLinks.get(key);
    if (same !== undefined) {
      problems.push({
        path: `$.links[${i}]`,
        message: `repeats $.links[${same}] (${link.kind} ${link.from} → ${link.to})`,
      });
      return;
    }
    seenLinks.set(key, i);
    if (link.kind === "part_of") {
      const other = parentLink.get(link.from);
      if (other !== undefined) {
        problems.push({
          path: `$.links[${i}].from`,
          message: `"${link.from}" is already part of "${graph.links[other]?.to}" ($.links[${other}]); the outline is a tree`,
        });
        return;
      }
      parentLink.set(link.from, i);
      outline.push(link);
    } else {
      causal.push(link);
    }
  });

  const outlineCycle = findCycle(outline);
  if (outlineCycle) {
    problems.push({ path: "$.links", message: `part_of links form a cycle: ${outlineCycle.join(" → ")}` });
  }
  const causalCycle = findCycle(causal);
  if (causalCycle) {
    problems.push({ path: "$.links", message: `causal links form a cycle: ${causalCycle.join(" → ")}` });
  }
  problems.push(...checkCanvases(graph, codes).map(({ path, message }) => ({ path, message })));
  return problems;
}

/** Canvases: unique slugs; the focus and every node name an element of the file; an element is placed once. */
function checkCanvases(graph: PlanGraph, codes: ReadonlySet<string>): CodedProblem[] {
  const canvases = graph.canvases ?? [];
  const problems: CodedProblem[] = duplicates(
    canvases.map((canvas) => canvas.slug),
    "$.canvases",
    "slug",
  ).map((problem) => {
    const index = Number(/\[(\d+)\]\.slug$/.exec(problem.path)?.[1]);
    return { ...problem, code: "duplicate", values: { value: canvases[index]?.slug ?? "" } };
  });
  canvases.forEach((canvas, i) => {
    if (canvas.focus !== null && !codes.has(canvas.focus)) {
      problems.push({
        path: `$.canvases[${i}].focus`,
        message: `no element has the code "${canvas.focus}"`,
        code: "unknownCode",
        values: { code: canvas.focus },
      });
    }
    const placed = new Map<string, number>();
    canvas.nodes.forEach((node, j) => {
      const path = `$.canvases[${i}].nodes[${j}].element`;
      if (!codes.has(node.element)) {
        problems.push({
          path,
          message: `no element has the code "${node.element}"`,
          code: "unknownCode",
          values: { code: node.element },
        });
        return;
      }
      const first = placed.get(node.element);
      if (first !== undefined) {
        problems.push({
          path,
          message: `"${node.element}" is already placed by $.canvases[${i}].nodes[${first}]; an element appears once per canvas`,
          code: "placedTwice",
          values: { code: node.element },
        });
      } else placed.set(node.element, j);
    });
  });
  return problems;
}
