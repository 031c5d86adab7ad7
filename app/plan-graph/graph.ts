/** Pure graph rules shared by the importer, the outline and (later) the theory-of-change editor. */

export type Edge = { from: string; to: string };

/**
 * Returns one cycle as the list of nodes along it (first node repeated at the end), or undefined when the
 * edges form a directed acyclic graph.
 */
export function findCycle(edges: readonly Edge[]): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    const targets = next.get(from);
    if (targets) targets.push(to);
    else next.set(from, [to]);
  }
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];

  const visit = (node: string): string[] | undefined => {
    state.set(node, "visiting");
    stack.push(node);
    for (const target of next.get(node) ?? []) {
      const seen = state.get(target);
      if (seen === "visiting") return [...stack.slice(stack.indexOf(target)), target];
      if (seen === undefined) {
        const cycle = visit(target);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };

  for (const node of next.keys()) {
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

const codeCollator = new Intl.Collator("en", { numeric: true });

/** Compares element and indicator codes so that O1.S2.A10 comes after O1.S2.A9 and I10 after I2. One collator:
 *  `localeCompare` with options builds a new one on every call, which shows when sorting hundreds of codes. */
export const compareCodes = (a: string, b: string) => codeCollator.compare(a, b);

/**
 * Orders elements as the outline reads: each root (an element with no parent), then its children depth first,
 * siblings by code. `parentOf` maps a child code to its parent code.
 */
export function outlineOrder(codes: readonly string[], parentOf: ReadonlyMap<string, string>): string[] {
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const code of codes) {
    const parent = parentOf.get(code);
    if (parent === undefined) roots.push(code);
    else children.set(parent, [...(children.get(parent) ?? []), code]);
  }
  const ordered: string[] = [];
  const walk = (code: string) => {
    ordered.push(code);
    for (const child of (children.get(code) ?? []).sort(compareCodes)) walk(child);
  };
  for (const root of roots.sort(compareCodes)) walk(root);
  return ordered;
}
