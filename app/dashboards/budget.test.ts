import { describe, expect, it } from "vitest";
import { historicalDay, RequestBudget } from "./budget.server";

describe("the per-user budget for past days", () => {
  const rule = { perMinute: 3, maxUsers: 2 };

  it("allows perMinute distinct days, then says when the next one is back", () => {
    const budget = new RequestBudget(rule);
    const t0 = 1_000_000;
    for (const day of ["2014-01-01", "2014-01-02", "2014-01-03"])
      expect(budget.take("a", day, t0)).toEqual({ ok: true });
    // A token is back after a third of a minute.
    expect(budget.take("a", "2014-01-04", t0)).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(budget.take("a", "2014-01-04", t0 + 10_000)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(budget.take("a", "2014-01-04", t0 + 20_000)).toEqual({ ok: true });
    // Another user has a budget of their own.
    expect(budget.take("b", "2014-01-04", t0 + 20_000)).toEqual({ ok: true });
  });

  it("lets a day asked for within the last minute through again, and charges it after the minute", () => {
    const budget = new RequestBudget(rule);
    const t0 = 5_000_000;
    for (const day of ["2014-01-01", "2014-01-02", "2014-01-03"]) budget.take("a", day, t0);
    expect(budget.take("a", "2014-01-02", t0 + 1_000)).toEqual({ ok: true });
    expect(budget.take("a", "2014-01-02", t0 + 61_000)).toEqual({ ok: true });
    // That charge emptied the refilled bucket down again: the next new day waits.
    for (const day of ["2014-02-01", "2014-02-02"]) budget.take("a", day, t0 + 61_000);
    expect(budget.take("a", "2014-02-03", t0 + 61_000).ok).toBe(false);
  });

  it("keeps at most maxUsers buckets, forgetting the least recently seen", () => {
    const budget = new RequestBudget(rule);
    for (const day of ["2014-01-01", "2014-01-02", "2014-01-03"]) budget.take("a", day, 0);
    expect(budget.take("a", "2014-01-04", 0).ok).toBe(false);
    budget.take("b", "2014-01-01", 0);
    budget.take("c", "2014-01-01", 0); // "a" is forgotten: a fresh bucket next time
    expect(budget.take("a", "2014-01-04", 0).ok).toBe(true);
  });

  it("counts only a past or future day that is not today", () => {
    const url = (query: string) => new URL(`http://localhost/plans/p/dashboard${query}`);
    expect(historicalDay(url(""), "2026-12-07")).toBeNull();
    expect(historicalDay(url("?asOf=2026-12-07"), "2026-12-07")).toBeNull();
    expect(historicalDay(url("?asOf=yesterday"), "2026-12-07")).toBeNull();
    expect(historicalDay(url("?asOf=2014-03-01"), "2026-12-07")).toBe("2014-03-01");
  });
});

describe("a budget charged on every request", () => {
  it("counts each request when no day is named, even one just asked for", () => {
    const budget = new RequestBudget({ perMinute: 2, maxUsers: 10 });
    expect(budget.take("f", null, 0).ok).toBe(true);
    expect(budget.take("f", null, 1).ok).toBe(true);
    expect(budget.take("f", null, 2).ok).toBe(false);
  });
});
