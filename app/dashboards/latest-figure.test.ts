import { describe, expect, it } from "vitest";
import { translator } from "../i18n/i18n";
import { latestFigureText } from "./latest-figure";

const en = translator("en");
const fr = translator("fr");

describe("a latest figure as the dashboards write it (page and CSV)", () => {
  it("gives a milestone's level by its label, not its index", () => {
    const policy = {
      measure: "qualitative" as const,
      unit: null,
      scale: ["None", "Drafted", "Consulted", "Adopted"].map((level) => ({
        label: { en: level, fr: `${level} (fr)` },
      })),
    };
    expect(latestFigureText({ value: 2, periodKey: "2015" }, policy, en, "en")).toBe("2. Consulted (2015)");
    expect(latestFigureText({ value: 2, periodKey: "2015" }, policy, fr, "fr")).toBe(
      "2. Consulted (fr) (2015)",
    );
  });

  it("keeps the percent sign of a percentage, and the unit and period name of a count", () => {
    const share = { measure: "percentage" as const, unit: null, scale: null };
    expect(latestFigureText({ value: 45, periodKey: "2015-Q2" }, share, en, "en")).toBe("45 % (2015-Q2)");
    const members = { measure: "number" as const, unit: { en: "members", fr: "membres" }, scale: null };
    expect(latestFigureText({ value: 237, periodKey: "2015" }, members, en, "en")).toBe("237 members (2015)");
    expect(latestFigureText({ value: 126, periodKey: "lop" }, members, fr, "fr")).toBe(
      "126 membres (Toute la durée du plan)",
    );
  });
});
