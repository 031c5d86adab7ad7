/**
 * The roll-up engine's rules: approved progress → indicator status → element status up the plan graph → plan
 * health, and data completeness. Pure TypeScript: no I/O, no clock (every function takes `asOf`, an ISO day, and
 * reads it as the end of that day). Every rule is explained, with worked examples the unit tests encode, in
 * docs/rollup.md.
 *
 * API
 * - `rollUp(input, { asOf, rules? })` → `PlanRollUp`: the whole plan as of a day. `input` is plain data a database
 *   layer can load: the plan's dates, its elements (status, optional weight), links (`part_of`, `contributes_to`,
 *   `precondition_of`), indicators (definition, total targets, measured elements, optional weight) and entries (any
 *   status, with the days they were submitted and decided).
 * - `assessIndicator({ plan, indicator, entries, asOf, rules })` → `IndicatorAssessment`: one indicator.
 * - `compareRollUps(previous, current)` → `StatusChange[]`, and `previousPeriodEnd({ plan, frequency, asOf })`: the
 *   day to roll up again for "what changed since the last period".
 * - `rollUpRules(overrides)` / `defaultRollUpRules`: the configurable status bands (on track ≥ 95% of expected,
 *   behind 85–95%, at risk < 85%; `maintain` against its tolerance), the score cap and the reporting days.
 * - `countByStatus(items)`: counts by status for the overview.
 * Statuses: `on_track`, `behind`, `at_risk` (judged), `no_data`, `not_yet_due`, `not_applicable` (never averaged).
 */
import { type CompletenessReport, reportCompleteness } from "./completeness";
import {
  buildRollUpGraph,
  type ElementRollUp,
  type NodeRollUp,
  type RollUpElement,
  type RollUpLink,
  rollUpElements,
} from "./graph";
import {
  assessIndicator,
  type IndicatorAssessment,
  type RollUpEntry,
  type RollUpIndicator,
  type RollUpPlan,
} from "./indicator";
import { type RollUpRules, rollUpRules } from "./rules";

export type { ChangeKind, StatusChange } from "./changes";
export { compareRollUps, previousPeriodEnd } from "./changes";
export type {
  Completeness,
  CompletenessReport,
  IndicatorCompleteness,
  ReportCell,
  ReportState,
} from "./completeness";
export type { ElementRollUp, NodeRollUp, RollUpElement, RollUpInput, RollUpLink } from "./graph";
export type { EntryStatus, IndicatorAssessment, RollUpEntry, RollUpIndicator, RollUpPlan } from "./indicator";
export { assessIndicator } from "./indicator";
export type { Bands, JudgedStatus, NotApplicableReason, RollUpRules, RollUpStatus } from "./rules";
export { countByStatus, defaultRollUpRules, rollUpRules, statuses } from "./rules";

/** Everything the roll-up reads, for one plan. */
export type RollUpData = {
  plan: RollUpPlan;
  elements: readonly RollUpElement[];
  links: readonly RollUpLink[];
  indicators: readonly RollUpIndicator[];
  entries: readonly RollUpEntry[];
};

/** A plan's roll-up as of a day. Arrays are sorted by id, so two roll-ups of the same data compare equal. */
export type PlanRollUp = {
  asOf: string;
  /** The plan: its top-level elements (those with no roll-up parent) combined like an element's children. */
  plan: NodeRollUp;
  elements: ElementRollUp[];
  indicators: IndicatorAssessment[];
  completeness: CompletenessReport;
  /** `contributes_to` links left out of the roll-up because they would close a cycle. */
  ignoredLinks: RollUpLink[];
};

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The plan's roll-up as of `asOf` (an ISO day, read as the end of that day). */
export function rollUp(
  data: RollUpData,
  options: { asOf: string; rules?: Partial<RollUpRules> },
): PlanRollUp {
  const { asOf } = options;
  if (!isoDay.test(asOf)) throw new RangeError(`asOf must be an ISO day (yyyy-mm-dd), got ${asOf}`);
  const rules = rollUpRules(options.rules);
  const entriesOf = new Map<string, RollUpEntry[]>();
  for (const entry of data.entries) {
    const list = entriesOf.get(entry.indicatorId);
    if (list) list.push(entry);
    else entriesOf.set(entry.indicatorId, [entry]);
  }
  const indicators = [...data.indicators]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((indicator) =>
      assessIndicator({
        plan: data.plan,
        indicator,
        entries: entriesOf.get(indicator.id) ?? [],
        asOf,
        rules,
      }),
    );
  const graph = buildRollUpGraph(data);
  const { elements, plan } = rollUpElements({
    elements: data.elements,
    indicators: data.indicators,
    graph,
    assessments: new Map(indicators.map((assessment) => [assessment.indicatorId, assessment])),
    rules,
  });
  // The completeness is computed later, from the data as it is now (copies of the lists, in case they change).
  const inputs = { plan: data.plan, indicators: [...data.indicators], entries: [...data.entries] };
  return withLazyCompleteness({ asOf, plan, elements, indicators, ignoredLinks: graph.ignoredLinks }, () =>
    reportCompleteness({ ...inputs, asOf, rules }),
  );
}

/**
 * Adds `completeness` to a roll-up as a property computed when first read, then kept (frozen). Every indicator ×
 * period of the plan is a cell, so it is the costliest part of a roll-up, and a dashboard that rolls a plan up on
 * twenty days for a trend reads it for one. It reads as a plain property (enumerable: spread, JSON and equality see
 * it), but a spread computes it: build a derived roll-up with this again, as `scopeRollUp` does.
 */
export function withLazyCompleteness(
  rollUp: Omit<PlanRollUp, "completeness">,
  compute: () => CompletenessReport,
): PlanRollUp {
  let report: CompletenessReport | undefined;
  return Object.defineProperty(rollUp, "completeness", {
    enumerable: true,
    get: () => {
      report ??= deepFreeze(compute());
      return report;
    },
  }) as PlanRollUp;
}

/** Freezes a value and everything in it (plain data: no property computed on read inside). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Freezes a roll-up to share it between requests, without computing its completeness (which freezes itself). */
export function freezeRollUp(rollUp: PlanRollUp): PlanRollUp {
  Object.freeze(rollUp);
  deepFreeze(rollUp.plan);
  deepFreeze(rollUp.elements);
  deepFreeze(rollUp.indicators);
  deepFreeze(rollUp.ignoredLinks);
  return rollUp;
}
