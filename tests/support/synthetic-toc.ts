import { demoPlanSlug } from "../../app/demo-data/content";
import { seededRandom, splitWhole } from "../../app/demo-data/random";
import type { ElementKind, ElementLevel } from "../../app/plan-graph/vocabulary";
import { post } from "../e2e/http";

/**
 * A synthetic theory of change shaped like a real one, for `npm run bench:toc` and the large-canvas browser test: tiers of activities, strategies,
 * outputs, outcomes, objectives and impacts (causes first), each element contributing to an element of a later tier
 * (so the graph has no cycle), mostly the next tier and sometimes the one after. Seeded: every run draws the same
 * graph. Positions are a grid 40 nodes wide (tier after tier), so that the whole canvas fits in one view.
 */

export type SyntheticToc = {
  elements: { code: string; kind: ElementKind; level: ElementLevel; title: string; x: number; y: number }[];
  links: { from: number; to: number; kind: "contributes_to" | "precondition_of" }[];
};

const tiers: readonly { kind: ElementKind; share: number; level: ElementLevel }[] = [
  { kind: "activity", share: 50, level: "local" },
  { kind: "strategy", share: 20, level: "national" },
  { kind: "output", share: 18, level: "national" },
  { kind: "outcome", share: 8, level: "regional" },
  { kind: "objective", share: 3, level: "global" },
  { kind: "impact", share: 1, level: "global" },
];

export function syntheticToc(nodeCount: number, linkCount: number, seed = 1): SyntheticToc {
  if (nodeCount < tiers.length) throw new Error(`a synthetic canvas needs at least ${tiers.length} nodes`);
  const random = seededRandom(seed);
  const sizes = splitWhole(
    nodeCount - tiers.length,
    tiers.map((tier) => tier.share),
  ).map((size) => size + 1);
  const elements: SyntheticToc["elements"] = [];
  /** [first, end) index of each tier's elements. */
  const bounds: [number, number][] = [];
  tiers.forEach(({ kind, level }, tier) => {
    const first = elements.length;
    for (let i = 0; i < (sizes[tier] as number); i++)
      elements.push({
        code: `SYN${nodeCount}.${kind.toUpperCase()}${i + 1}`,
        kind,
        level,
        title: `Synthetic ${kind} ${i + 1}`,
        x: (elements.length % 40) * 260,
        y: Math.floor(elements.length / 40) * 130,
      });
    bounds.push([first, elements.length]);
  });
  const tierOf = (index: number) => bounds.findIndex(([first, end]) => index >= first && index < end);
  const effectOf = (cause: number) => {
    const tier = tierOf(cause);
    const [first, end] = bounds[tier + (tier + 2 < tiers.length && random.chance(0.2) ? 2 : 1)] as [
      number,
      number,
    ];
    return random.int(first, end - 1);
  };
  const links: SyntheticToc["links"] = [];
  const seen = new Set<string>();
  const add = (from: number) => {
    const to = effectOf(from);
    if (seen.has(`${from}>${to}`)) return;
    seen.add(`${from}>${to}`);
    links.push({ from, to, kind: random.chance(0.15) ? "precondition_of" : "contributes_to" });
  };
  // Every element but the impacts leads somewhere; then more links, until there are `linkCount`.
  const impacts = (bounds[tiers.length - 1] as [number, number])[0];
  for (let from = 0; from < impacts && links.length < linkCount; from++) add(from);
  for (let tries = 0; links.length < linkCount && tries < linkCount * 20; tries++)
    add(random.int(0, impacts - 1));
  return { elements, links };
}

/**
 * Creates a canvas `synthetic-<nodes>` on the synthetic demo plan through the editor's own endpoints (with an M&E
 * officer's or administrator's session cookie): the synthetic elements and links drawn, the plan's own elements
 * taken off it. Resolves with the editor's address.
 */
export async function createSyntheticCanvas(
  baseUrl: string,
  cookie: string,
  nodeCount: number,
  linkCount: number,
) {
  const canvasSlug = `synthetic-${nodeCount}`;
  const plan = `/plans/${demoPlanSlug}/toc`;
  const created = await post(
    baseUrl,
    plan,
    new URLSearchParams({
      title_en: `Synthetic canvas of ${nodeCount} nodes`,
      title_fr: "",
      slug: canvasSlug,
      focus: "",
    }).toString(),
    { Cookie: cookie },
  );
  if (created.status !== 302) throw new Error(`creating the canvas answered ${created.status}`);
  const loaded = (await (
    await fetch(`${baseUrl}${plan}/${canvasSlug}.json`, { headers: { Cookie: cookie } })
  ).json()) as { version: number; doc: { nodes: Record<string, unknown> } };
  const { elements, links } = syntheticToc(nodeCount, linkCount);
  const key = (index: number) => `new:${index + 1}`;
  const edit = {
    baseVersion: loaded.version,
    removedNodes: Object.keys(loaded.doc.nodes),
    newElements: elements.map((element, index) => ({
      key: key(index),
      code: element.code,
      kind: element.kind,
      level: element.level,
      title: { en: element.title },
      status: "active",
    })),
    nodes: elements.map((element, index) => ({
      element: key(index),
      x: element.x,
      y: element.y,
      pinned: false,
    })),
    addedLinks: links.map((link, index) => ({
      key: `new:${elements.length + index + 1}`,
      kind: link.kind,
      from: key(link.from),
      to: key(link.to),
      rationale: { en: "Synthetic assumption" },
      evidenceStrength: "moderate",
      evidenceLinks: [],
    })),
  };
  const saved = await fetch(`${baseUrl}${plan}/${canvasSlug}.json`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: baseUrl, "Content-Type": "application/json" },
    body: JSON.stringify(edit),
  });
  if (saved.status !== 200)
    throw new Error(`saving the canvas answered ${saved.status}: ${await saved.text()}`);
  return `${baseUrl}${plan}/${canvasSlug}`;
}

/** Deletes from the plan the elements (and so the links) `createSyntheticCanvas` made, leaving the demo plan as it was. */
export async function deleteSyntheticElements(baseUrl: string, cookie: string, nodeCount: number) {
  const address = `${baseUrl}/plans/${demoPlanSlug}/toc/synthetic-${nodeCount}.json`;
  const loaded = (await (await fetch(address, { headers: { Cookie: cookie } })).json()) as {
    version: number;
    doc: { elements: Record<string, { code: string }> };
  };
  const deletedElements = Object.entries(loaded.doc.elements)
    .filter(([, element]) => element.code.startsWith(`SYN${nodeCount}.`))
    .map(([id]) => id);
  const saved = await fetch(address, {
    method: "POST",
    headers: { Cookie: cookie, Origin: baseUrl, "Content-Type": "application/json" },
    body: JSON.stringify({ baseVersion: loaded.version, deletedElements }),
  });
  if (saved.status !== 200) throw new Error(`deleting the synthetic elements answered ${saved.status}`);
}
