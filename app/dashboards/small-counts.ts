/**
 * Small counts in what funders see (docs/rollup.md, "Small counts"). A breakdown cell of a count (an indicator
 * measured as a `number`: the app cannot tell a count of people from a count of anything else, so every count is
 * treated as one) whose value is above 0 and below the installation's threshold (`SMALL_COUNT_THRESHOLD`, default
 * 5) is shown as "< 5", and its value never leaves the server. The indicator's totals are never suppressed.
 *
 * Complementary suppression: the cells of a table row (the values of a dimension, the part not broken down, and
 * the row's total) add up, and so do the periods of a flow and their sum over the range. Where exactly one cell of
 * such a line is suppressed, the others would give it away by subtraction, so the smallest other cell of the line
 * is suppressed too (a zero first: "< 5" is true of it; never an empty cell, whose row shows it empty). A page
 * registers every table it shows in
 * one `SmallCounts`, naming a cell by what it counts (`cellId`), so a cell shown in two tables is suppressed in
 * both, and the rule is applied again until no line has a single suppressed cell.
 *
 * Pure, no I/O: the dashboards' server modules call it, so the loader data, the charts and the CSV downloads built
 * from it all carry `{ lessThan: 5 }` instead of the value.
 */

/** A count shown as "fewer than `lessThan`" (0 included). */
export type Suppressed = { lessThan: number };

/** A figure as a page receives it: a number, nothing, or a suppressed small count. */
export type Shown = number | null | Suppressed;

export const isSuppressed = (value: unknown): value is Suppressed =>
  typeof value === "object" && value !== null && "lessThan" in value;

/** The number of a figure for charts and sums: a suppressed count is drawn as nothing. */
export const numberOf = (value: Shown): number | null => (isSuppressed(value) ? null : value);

/** A cell's name: the selection it counts (`cellKey`, "" for the total) and its period ("range" for the range). */
export const cellId = (selectionKey: string, periodKey: string) => `${selectionKey}@${periodKey}`;

export class SmallCounts {
  private readonly values = new Map<string, number | null>();
  private readonly totals = new Set<string>();
  private readonly lines: string[][] = [];
  private hidden: Set<string> | null = null;

  /** `threshold` null: nothing is suppressed (readers of the whole plan, measures that are not counts). */
  constructor(readonly threshold: number | null) {}

  /** Registers a cell with its value; a `total` (the indicator's own) is never suppressed. */
  cell(id: string, value: number | null, { total = false }: { total?: boolean } = {}): void {
    if (!this.values.has(id)) this.values.set(id, value);
    if (total) this.totals.add(id);
    this.hidden = null;
  }

  /** Cells whose values add up (a row and its total, the periods of a flow and their sum): none may be alone. */
  line(ids: readonly string[]): void {
    const unique = [...new Set(ids)];
    if (unique.length > 1) this.lines.push(unique);
    this.hidden = null;
  }

  /** The suppressed cells: the small ones, then their complements until no line has exactly one. */
  suppressed(): ReadonlySet<string> {
    if (this.hidden) return this.hidden;
    const hidden = new Set<string>();
    const threshold = this.threshold;
    if (threshold !== null) {
      for (const [id, value] of this.values)
        if (!this.totals.has(id) && value !== null && value > 0 && value < threshold) hidden.add(id);
      for (let changed = hidden.size > 0; changed; ) {
        changed = false;
        for (const line of this.lines) {
          if (line.filter((id) => hidden.has(id)).length !== 1) continue;
          // An empty cell (nothing reported) is no cover: its row says so. A zero is, and costs least.
          const candidates = line
            .flatMap((id, order) => {
              const value = this.values.get(id) ?? null;
              return hidden.has(id) || this.totals.has(id) || value === null ? [] : [{ id, order, value }];
            })
            .sort((a, b) => a.value - b.value || a.order - b.order);
          const next = candidates[0];
          if (next) {
            hidden.add(next.id);
            changed = true;
          }
        }
      }
    }
    this.hidden = hidden;
    return hidden;
  }

  /** What a page shows of a registered cell: its value, or "< threshold" when it is suppressed. */
  shown(id: string): Shown {
    const value = this.values.get(id) ?? null;
    return this.threshold !== null && this.suppressed().has(id) ? { lessThan: this.threshold } : value;
  }
}
