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
  return {
    asOf,
    plan,
    elements,
    indicators,
    completeness: reportCompleteness({ ...data, asOf, rules }),
    ignoredLinks: graph.ignoredLinks,
  };
}
