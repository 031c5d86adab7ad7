/**
 * What a new canvas shows, and where, before anyone has moved anything (pure, no I/O). The editor lays out unpinned
 * nodes with elkjs; these positions only make a canvas readable before that, and in the JSON export.
 */
import { compareCodes } from "../plan-graph/graph";
import type { ElementKind, LayoutDirection } from "../plan-graph/vocabulary";

type Element = { id: string; code: string; kind: ElementKind };
type Link = { kind: "part_of" | "contributes_to" | "precondition_of"; from: string; to: string };

/**
 * The elements a new canvas draws. Without a focus: the whole plan. With one: the focus and its parts (down the
 * outline), everything with a causal path into them (their causes) and everything they lead to (their effects, up
 * to the impact).
 */
export function canvasElementIds({
  elements,
  links,
  focusId,
}: {
  elements: readonly Element[];
  links: readonly Link[];
  focusId: string | null;
}): string[] {
  if (focusId === null) return elements.map((element) => element.id);
  const partsOf = new Map<string, string[]>();
  const causes = new Map<string, string[]>();
  const effects = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, value: string) =>
    map.set(key, [...(map.get(key) ?? []), value]);
  for (const link of links) {
    if (link.kind === "part_of") push(partsOf, link.to, link.from);
    else {
      push(effects, link.from, link.to);
      push(causes, link.to, link.from);
    }
  }
  const walk = (starts: Iterable<string>, next: ReadonlyMap<string, string[]>) => {
    const seen = new Set<string>(starts);
    const queue = [...seen];
    for (let i = 0; i < queue.length; i++)
      for (const target of next.get(queue[i] as string) ?? [])
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
    return seen;
  };
  const subtree = walk([focusId], partsOf);
  const shown = new Set([...subtree, ...walk(subtree, causes), ...walk(subtree, effects)]);
  return elements.filter((element) => shown.has(element.id)).map((element) => element.id);
}

/** Causes on one side, effects on the other: the column of each kind, in the direction of the layout. */
const column: Record<ElementKind, number> = {
  activity: 0,
  assumption: 0,
  strategy: 1,
  output: 2,
  outcome: 3,
  objective: 3,
  impact: 4,
};
const layerGap = 320;
const rowGap = 120;

/** A provisional grid: one column per kind (activities first, impacts last), rows in code order. Not pinned. */
export function provisionalPositions(
  elements: readonly Element[],
  direction: LayoutDirection,
): Map<string, { x: number; y: number }> {
  const rows = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const element of [...elements].sort((a, b) => compareCodes(a.code, b.code))) {
    const layer = column[element.kind];
    const row = rows.get(layer) ?? 0;
    rows.set(layer, row + 1);
    const along = layer * layerGap;
    const across = row * rowGap;
    positions.set(
      element.id,
      direction === "RIGHT"
        ? { x: along, y: across }
        : direction === "LEFT"
          ? { x: -along, y: across }
          : direction === "DOWN"
            ? { x: across * 2, y: along / 2 }
            : { x: across * 2, y: -along / 2 },
    );
  }
  return positions;
}
