import type { ELK, ElkNode } from "elkjs/lib/elk-api";
import type { LayoutDirection } from "../../plan-graph/vocabulary";

/**
 * Auto-layout of a theory-of-change canvas with elkjs's layered algorithm (causes → effects in the chosen
 * direction). Pure apart from the `elk` instance it is given: in the browser one whose work runs in a Web Worker
 * (./layout-engine.ts), in tests the bundled one.
 *
 * Pinned nodes (placed by a person) keep their place. Every node takes part in the layout, so the layers read
 * right; the layout is then shifted so that, on average, the pinned nodes' laid-out places fall on where they are,
 * and only the unpinned nodes move.
 */

export type LayoutNode = { id: string; width: number; height: number; x: number; y: number; pinned: boolean };
export type LayoutEdge = { id: string; source: string; target: string };
export type LayoutRequest = { nodes: LayoutNode[]; edges: LayoutEdge[]; direction: LayoutDirection };
export type LayoutPosition = { key: string; x: number; y: number };

/** What a node measures before React Flow has measured it (the node's CSS gives it this width). */
export const defaultNodeSize = { width: 220, height: 96 };

/**
 * Options tuned so 1,000 nodes and 1,500 links lay out within a second (elkjs's defaults take several): the
 * crossing minimisation and the Brandes–Köpf placement make one pass instead of several (`thoroughness` 1), and
 * edges are routed as polylines (React Flow draws its own curves between the handles, so ELK's orthogonal routing,
 * the costliest phase, would be thrown away). Figures in docs/performance.md.
 */
export const layoutOptions = {
  "elk.algorithm": "layered",
  "elk.layered.thoroughness": "1",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.edgeRouting": "POLYLINE",
  "elk.layered.spacing.nodeNodeBetweenLayers": "90",
  "elk.spacing.nodeNode": "32",
  "elk.spacing.componentComponent": "60",
} as const;

export function elkGraph(request: LayoutRequest): ElkNode {
  const ids = new Set(request.nodes.map((node) => node.id));
  return {
    id: "canvas",
    layoutOptions: { ...layoutOptions, "elk.direction": request.direction },
    children: request.nodes.map((node) => ({
      id: node.id,
      width: node.width || defaultNodeSize.width,
      height: node.height || defaultNodeSize.height,
    })),
    edges: request.edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target) && edge.source !== edge.target)
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
}

/** The unpinned nodes' new places, from the laid-out graph, shifted to sit with the pinned nodes. */
export function placeLaidOut(request: LayoutRequest, laidOut: ElkNode): LayoutPosition[] {
  const placed = new Map(
    (laidOut.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]),
  );
  const pinned = request.nodes.filter((node) => node.pinned && placed.has(node.id));
  let dx = 0;
  let dy = 0;
  if (pinned.length > 0) {
    for (const node of pinned) {
      const at = placed.get(node.id) as { x: number; y: number };
      dx += node.x - at.x;
      dy += node.y - at.y;
    }
    dx /= pinned.length;
    dy /= pinned.length;
  } else if (request.nodes.length > 0) {
    // Nothing pinned: keep the drawing where it was (its top-left corner), so the view does not jump.
    dx = Math.min(...request.nodes.map((node) => node.x));
    dy = Math.min(...request.nodes.map((node) => node.y));
  }
  return request.nodes
    .filter((node) => !node.pinned && placed.has(node.id))
    .map((node) => {
      const at = placed.get(node.id) as { x: number; y: number };
      return { key: node.id, x: Math.round(at.x + dx), y: Math.round(at.y + dy) };
    });
}

/** Lays the canvas out; resolves with the unpinned nodes' places and how long elkjs took. */
export async function runLayout(
  elk: Pick<ELK, "layout">,
  request: LayoutRequest,
): Promise<{ positions: LayoutPosition[]; milliseconds: number }> {
  const started = performance.now();
  const laidOut = await elk.layout(elkGraph(request));
  const milliseconds = performance.now() - started;
  return { positions: placeLaidOut(request, laidOut), milliseconds };
}
