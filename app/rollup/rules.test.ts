import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandOf, countByStatus, defaultRollUpRules, maintainScore, rollUpRules } from "./rules";

describe("B1: status bands", () => {
  it("B1: on track from 95% of expected, behind from 85%, at risk below", () => {
    const { bands } = defaultRollUpRules;
    expect([100, 95, 94.9, 85, 84.9, 0, -20].map((score) => bandOf(score, bands))).toEqual([
      "on_track",
      "on_track",
      "behind",
      "behind",
      "at_risk",
      "at_risk",
      "at_risk",
    ]);
    expect(bandOf(94.99999999999, bands)).toBe("on_track"); // floating-point slack
  });

  it("B2: the bands are configurable: on track from 90%, behind from 70%", () => {
    const rules = rollUpRules({ bands: { onTrack: 90, behind: 70 } });
    expect([92, 80, 60].map((score) => bandOf(score, rules.bands))).toEqual([
      "on_track",
      "behind",
      "at_risk",
    ]);
    expect(() => rollUpRules({ bands: { onTrack: 80, behind: 90 } })).toThrow(RangeError);
    expect(() => rollUpRules({ bands: { onTrack: 90, behind: 90 } })).toThrow(RangeError);
    expect(() => rollUpRules({ scoreCap: 50 })).toThrow(RangeError);
  });

  it("B3: a maintain percent maps onto the common scale: 100 → 100, 80 → 91, 50 → 85, 20 → 34", () => {
    expect([100, 80, 50, 20, 0].map((p) => maintainScore(p, defaultRollUpRules))).toEqual([
      100, 91, 85, 34, 0,
    ]);
  });

  it("counts every status", () => {
    expect(countByStatus([{ status: "on_track" }, { status: "no_data" }, { status: "on_track" }])).toEqual({
      on_track: 2,
      behind: 0,
      at_risk: 0,
      no_data: 1,
      not_yet_due: 0,
      not_applicable: 0,
    });
  });
});

it("a maintain score is monotone and its band is the maintain band of its percent (property)", () => {
  const bandsArb = (min: number) =>
    fc
      .tuple(fc.integer({ min, max: 100 }), fc.integer({ min, max: 100 }))
      .filter(([a, b]) => min === 0 || a !== b)
      .map(([a, b]) => ({ onTrack: Math.max(a, b), behind: Math.min(a, b) }));
  const percent = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100);
  fc.assert(
    fc.property(bandsArb(1), bandsArb(0), percent, percent, (bands, maintainBands, p, q) => {
      const rules = rollUpRules({ bands, maintainBands, scoreCap: 100 });
      expect(bandOf(maintainScore(p, rules), rules.bands)).toBe(bandOf(p, rules.maintainBands));
      if (p <= q) expect(maintainScore(p, rules)).toBeLessThanOrEqual(maintainScore(q, rules) + 1e-9);
    }),
  );
});
