import { describe, expect, it } from "vitest";
import { parseCsv } from "../csv/csv";
import { csvCell, tableCsv } from "./csv";

describe("dashboard CSV downloads", () => {
  it("never lets a text cell start with = + - @ unescaped", () => {
    for (const risky of ["=1+1", "+SUM(A1)", "-1+1", "@cmd", "\tx", "- text"])
      expect(csvCell(risky).startsWith("'"), risky).toBe(true);
    expect(csvCell("On track")).toBe("On track");
    expect(csvCell("-5")).toBe("-5");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(91.66666)).toBe("91.667");
    expect(csvCell(null)).toBe("");
  });

  it("writes rows a CSV reader reads back, with a byte-order mark in the download", () => {
    const text = tableCsv(
      ["code", "title"],
      [
        ["O1", 'Laws, "policies"'],
        ["O2", "=HYPERLINK()"],
      ],
    );
    expect(parseCsv(text).records).toEqual([
      ["code", "title"],
      ["O1", 'Laws, "policies"'],
      ["O2", "'=HYPERLINK()"],
    ]);
  });
});
