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

/** Compares element codes so that O1.S2.A10 comes after O1.S2.A9. */
export function compareCodes(a: string, b: string) {
  return a.localeCompare(b, "en", { numeric: true });
}

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
