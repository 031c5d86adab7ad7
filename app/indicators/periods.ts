import { addMonths, endOfMonth, formatISO, max, min, parseISO, startOfMonth } from "date-fns";

/** How often an indicator has a target and is reported. */
export const frequencies = ["life_of_plan", "annual", "semi_annual", "quarterly", "monthly"] as const;
export type Frequency = (typeof frequencies)[number];

/**
 * A reporting period. `key` names it stably and sorts in time order within one frequency: `lop` (life of plan),
 * `2011`, `2011-H2`, `2011-Q3`, `2011-07`. Dates are ISO days, inclusive, clipped to the plan's own dates.
 */
export type Period = { key: string; start: string; end: string };

const monthsPer: Record<Exclude<Frequency, "life_of_plan">, number> = {
  annual: 12,
  semi_annual: 6,
  quarterly: 3,
  monthly: 1,
};

const day = (date: Date) => formatISO(date, { representation: "date" });
const toDate = (isoDay: string) => parseISO(isoDay);

function keyOf(frequency: Exclude<Frequency, "life_of_plan">, start: Date) {
  const year = start.getFullYear();
  const month = start.getMonth(); // 0-based
  switch (frequency) {
    case "annual":
      return String(year);
    case "semi_annual":
      return `${year}-H${month < 6 ? 1 : 2}`;
    case "quarterly":
      return `${year}-Q${Math.floor(month / 3) + 1}`;
    case "monthly":
      return `${year}-${String(month + 1).padStart(2, "0")}`;
  }
}

/**
 * The periods of a plan at a frequency. Periods follow the calendar (years, halves, quarters, months); the first and
 * last are clipped to the plan's dates, so a plan from 2010-04-01 has a first quarter `2010-Q2` starting on its day.
 */
export function planPeriods(
  plan: { startDate: string; endDate: string },
  frequency: Frequency,
): readonly Period[] {
  // The roll-up asks for the same few calendars thousands of times a request: compute each once, frozen.
  const key = `${plan.startDate}|${plan.endDate}|${frequency}`;
  let periods = calendars.get(key);
  if (!periods) {
    if (calendars.size >= 1_000) calendars.clear();
    periods = Object.freeze(computePeriods(plan, frequency).map((period) => Object.freeze(period)));
    calendars.set(key, periods);
  }
  return periods;
}

const calendars = new Map<string, readonly Period[]>();

function computePeriods(plan: { startDate: string; endDate: string }, frequency: Frequency): Period[] {
  const planStart = toDate(plan.startDate);
  const planEnd = toDate(plan.endDate);
  if (planEnd < planStart) throw new Error("the plan ends before it starts");
  if (frequency === "life_of_plan") return [{ key: "lop", start: plan.startDate, end: plan.endDate }];
  const step = monthsPer[frequency];
  const periods: Period[] = [];
  // The calendar period containing the plan's first day: months are grouped from January.
  const first = startOfMonth(planStart);
  let periodStart = new Date(first.getFullYear(), Math.floor(first.getMonth() / step) * step, 1);
  while (periodStart <= planEnd) {
    const periodEnd = endOfMonth(addMonths(periodStart, step - 1));
    periods.push({
      key: keyOf(frequency, periodStart),
      start: day(max([periodStart, planStart])),
      end: day(min([periodEnd, planEnd])),
    });
    periodStart = addMonths(periodStart, step);
  }
  return periods;
}

/** The period that contains a day, or undefined when the day is outside the plan. */
export function periodContaining(periods: readonly Period[], isoDay: string): Period | undefined {
  return periods.find((period) => period.start <= isoDay && isoDay <= period.end);
}

/** An ISO day as a count of days (since 1970-01-01): day arithmetic without building dates through date-fns. */
export const dayNumber = (isoDay: string) =>
  Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) /
  86_400_000;

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);
