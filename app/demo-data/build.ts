import { addDays, formatISO, parseISO } from "date-fns";
import { genders } from "../indicators/dimensions";
import { type Period, planPeriods } from "../indicators/periods";
import type { BreakdownCell } from "../indicators/values";
import type { LocalizedText } from "../plan-graph/vocabulary";
import {
  type DemoIndicator,
  demoCausalLinks,
  demoIndicators,
  demoOutline,
  demoPlan,
  demoPlanSlug,
  demoReturnNotes,
  demoStaffActivities,
} from "./content";
import { type Random, seededRandom, splitWhole } from "./random";

/**
 * Builds the synthetic demo plan from a seed, as plain data (no I/O): the same seed, entry count and day give the
 * same plan, targets and entries. `generate.server.ts` writes it.
 */

export type DemoEntry = {
  indicator: string;
  periodKey: string;
  /** The total for entries without a breakdown; null when the breakdown gives it. */
  total: number | null;
  breakdown: BreakdownCell[] | null;
  narrative: LocalizedText;
  reportedOn: string;
  status: "submitted" | "returned" | "approved";
  /** ISO moments. */
  submittedAt: string;
  decidedAt: string | null;
  returnNote: string | null;
  /** The activity it was logged from (null for an indicator measuring no activity). */
  element: string | null;
};

export type DemoTarget = { periodKey: string; cell: Record<string, string>; value: number };

export type DemoIndicatorData = {
  spec: DemoIndicator;
  baseline: { value: number; date: string; note: LocalizedText };
  targets: DemoTarget[];
};

export type DemoPlanData = {
  plan: typeof demoPlan & { slug: string; startDate: string; endDate: string };
  outline: typeof demoOutline;
  causal: typeof demoCausalLinks;
  indicators: DemoIndicatorData[];
  entries: DemoEntry[];
  locks: { indicator: string; periodKey: string }[];
  staffActivities: string[];
};

const monthsOf = { life_of_plan: 12, annual: 12, semi_annual: 6, quarterly: 3, monthly: 1 } as const;
const iso = (date: Date) => formatISO(date, { representation: "date" });
const plusDays = (isoDay: string, days: number) => iso(addDays(parseISO(isoDay), days));
const earlier = (a: string, b: string) => (a < b ? a : b);

/** The demo plan runs from 1 January two years before today to 31 December next year. */
export function demoPlanDates(today: string) {
  const year = Number(today.slice(0, 4));
  return { startDate: `${year - 2}-01-01`, endDate: `${year + 1}-12-31` };
}

/** The indicator's expected value for a period that starts `years` after the plan: the path its targets follow. */
function expected(spec: DemoIndicator, years: number, months: number): number {
  if (spec.measure === "qualitative") {
    return Math.min((spec.scale?.length ?? 1) - 1, Math.floor(spec.start + spec.yearly * years));
  }
  if (spec.measure === "percentage") return Math.min(100, Math.max(0, spec.start + spec.yearly * years));
  const growth = spec.yearly ** years;
  return spec.aggregation === "latest" ? spec.start * growth : (spec.start * growth * months) / 12;
}

function targetsOf(spec: DemoIndicator, periods: readonly Period[]): DemoTarget[] {
  const months = monthsOf[spec.frequency];
  const targets: DemoTarget[] = [];
  let running = 0;
  periods.forEach((period, i) => {
    const years = (i * months) / 12;
    const value = expected(spec, years, months);
    let target: number;
    if (spec.measure === "qualitative")
      target = Math.min((spec.scale?.length ?? 1) - 1, value + (i > 0 ? 1 : 0));
    else if (spec.direction === "maintain") target = spec.start;
    else if (spec.measure === "percentage") target = Math.min(100, Math.round(value + 4));
    else if (spec.aggregation === "latest")
      target = Math.round(spec.direction === "decrease" ? value * 0.92 : value * 1.05);
    else if (spec.aggregation === "cumulative") {
      running += Math.round(value * 1.05);
      target = running;
    } else target = Math.round(value * 1.05);
    targets.push({ periodKey: period.key, cell: {}, value: target });
    // One indicator shows targets per disaggregation value: by gender, as most funders ask.
    if (spec.code === "I1") {
      const shares = { women: 0.55, men: 0.2, trans: 0.25 };
      for (const gender of genders) {
        targets.push({ periodKey: period.key, cell: { gender }, value: Math.round(target * shares[gender]) });
      }
    }
  });
  return targets;
}

function baselineOf(spec: DemoIndicator, startDate: string): DemoIndicatorData["baseline"] {
  const months = monthsOf[spec.frequency];
  // Below the first targets (above them for a decrease), so progress reads as distance travelled from it.
  const value =
    spec.aggregation === "cumulative"
      ? 0
      : spec.measure === "qualitative" || spec.direction === "maintain"
        ? spec.start
        : spec.measure === "percentage"
          ? Math.max(0, spec.start - 10)
          : spec.aggregation === "per_period"
            ? Math.round(((spec.start * months) / 12) * 0.55)
            : Math.round(spec.start * (spec.direction === "decrease" ? 1.25 : 0.75));
  return {
    value,
    date: plusDays(startDate, -1),
    note: {
      en: "Estimated from the year before the plan (synthetic).",
      fr: "Estimé à partir de l’année précédant le plan (synthétique).",
    },
  };
}

/** The actual value of a period (what reality did), around the expected path. */
function actualOf(spec: DemoIndicator, years: number, months: number, random: Random): number {
  const value = expected(spec, years, months);
  if (spec.measure === "qualitative") return Math.max(0, value - (random.chance(0.3) ? 1 : 0));
  if (spec.direction === "maintain") return Math.round(spec.start + random.between(-7, 7));
  if (spec.measure === "percentage")
    return Math.min(100, Math.max(0, Math.round(value + random.between(-7, 4))));
  if (spec.aggregation === "latest") {
    const factor = spec.direction === "decrease" ? random.between(0.9, 1.05) : random.between(0.98, 1.12);
    return Math.round(value * factor);
  }
  return Math.max(1, Math.round(value * random.between(0.92, 1.3)));
}

type Weights = Record<string, Record<string, number>>;

function dimensionWeights(spec: DemoIndicator, values: Record<string, string[]>, random: Random): Weights {
  const base: Record<string, Record<string, number>> = {
    gender: { women: 0.55, men: 0.2, trans: 0.25 },
    language: { en: 0.35, fr: 0.25, es: 0.2, ru: 0.1, zh: 0.1 },
  };
  const weights: Weights = {};
  for (const dimension of spec.dimensions) {
    weights[dimension] = Object.fromEntries(
      (values[dimension] ?? []).map((code) => [
        code,
        (base[dimension]?.[code] ?? 0.2) * random.between(0.6, 1.4),
      ]),
    );
  }
  return weights;
}

function breakdownOf(
  spec: DemoIndicator,
  total: number,
  values: Record<string, string[]>,
  weights: Weights,
  random: Random,
): BreakdownCell[] {
  let cells: Record<string, string>[] = [{}];
  for (const dimension of spec.dimensions) {
    cells = cells.flatMap((cell) =>
      (values[dimension] ?? []).map((code) => ({ ...cell, [dimension]: code })),
    );
  }
  const cellWeights = cells.map(
    (cell) =>
      spec.dimensions.reduce(
        (product, dimension) => product * (weights[dimension]?.[cell[dimension] ?? ""] ?? 0),
        1,
      ) * random.between(0.7, 1.3),
  );
  const parts = splitWhole(total, cellWeights);
  return cells.flatMap((cell, i) =>
    (parts[i] as number) > 0 ? [{ values: cell, value: parts[i] as number }] : [],
  );
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export function buildDemoPlan({
  seed,
  entries: wanted,
  today,
  regions,
  languages,
}: {
  seed: number;
  entries: number;
  today: string;
  regions: readonly string[];
  languages: readonly string[];
}): DemoPlanData {
  const random = seededRandom(seed);
  const dates = demoPlanDates(today);
  const activityCodes = new Set(demoOutline.filter((e) => e.kind === "activity").map((e) => e.code));
  const dimensionValues: Record<string, string[]> = {
    region: [...regions],
    gender: [...genders],
    language: [...languages],
  };
  const lockBefore = `${Number(today.slice(0, 4)) - 1}-01-01`;

  const indicators: DemoIndicatorData[] = [];
  // Every (indicator, closed period): the places entries can go. The current period is left open.
  const slots: { spec: DemoIndicator; period: Period; index: number; lastClosed: boolean }[] = [];
  const locks: DemoPlanData["locks"] = [];
  for (const spec of demoIndicators) {
    const periods = planPeriods(dates, spec.frequency);
    indicators.push({ spec, baseline: baselineOf(spec, dates.startDate), targets: targetsOf(spec, periods) });
    const closed = periods.filter((period) => period.end < today);
    closed.forEach((period, index) => {
      slots.push({ spec, period, index, lastClosed: index === closed.length - 1 });
      if (period.end < lockBefore) locks.push({ indicator: spec.code, periodKey: period.key });
    });
  }

  // N entries over the slots: as evenly as possible, the remainder on slots drawn at random.
  const perSlot = Math.floor(wanted / Math.max(1, slots.length));
  const extra = new Set(
    shuffled(
      slots.map((_, i) => i),
      random,
    ).slice(0, wanted - perSlot * slots.length),
  );

  const entries: DemoEntry[] = [];
  const weightsOf = new Map(
    demoIndicators.map((spec) => [spec.code, dimensionWeights(spec, dimensionValues, random)]),
  );
  slots.forEach((slot, i) => {
    const { spec, period } = slot;
    const count = perSlot + (extra.has(i) ? 1 : 0);
    const months = monthsOf[spec.frequency];
    const actual = actualOf(spec, (slot.index * months) / 12, months, random);
    if (count === 0) return;
    // Sums split into parts (several reports adding up); levels are read several times, the last one counts.
    const isLevel = spec.aggregation === "latest";
    const parts = isLevel
      ? Array.from({ length: count }, (_, j) =>
          j === count - 1 ? actual : Math.round(actual * random.between(0.95, 1)),
        )
      : splitWhole(
          Math.round(actual),
          Array.from({ length: count }, () => random.between(0.5, 1.5)),
        );
    const offsets = Array.from({ length: count }, () => random.int(2, 28)).sort((a, b) => a - b);
    const element = spec.elements.find((code) => activityCodes.has(code)) ?? null;
    parts.forEach((value, j) => {
      const reportedOn = earlier(plusDays(period.end, offsets[j] as number), today);
      const submittedDay = earlier(plusDays(reportedOn, random.int(0, 2)), today);
      const roll = random.next();
      const status: DemoEntry["status"] = !slot.lastClosed
        ? "approved"
        : roll < 0.5
          ? "approved"
          : roll < 0.8
            ? "submitted"
            : "returned";
      const decidedDay =
        status === "submitted" ? null : earlier(plusDays(submittedDay, random.int(1, 10)), today);
      const withBreakdown = spec.dimensions.length > 0 && value > 0;
      entries.push({
        indicator: spec.code,
        periodKey: period.key,
        total: withBreakdown ? null : value,
        breakdown: withBreakdown
          ? breakdownOf(spec, value, dimensionValues, weightsOf.get(spec.code) as Weights, random)
          : null,
        narrative: spec.narrative,
        reportedOn,
        status,
        submittedAt: `${submittedDay}T00:00:00.000Z`,
        decidedAt: decidedDay ? `${decidedDay}T00:00:01.000Z` : null,
        returnNote: status === "returned" ? random.pick(demoReturnNotes) : null,
        element,
      });
    });
  });

  return {
    plan: { ...demoPlan, slug: demoPlanSlug, ...dates },
    outline: demoOutline,
    causal: demoCausalLinks,
    indicators,
    entries,
    locks,
    staffActivities: demoStaffActivities,
  };
}
