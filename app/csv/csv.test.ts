import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formulaPrefix, neutraliseFormula, parseCsv, writeCsv } from "./csv";

// ---------------------------------------------------------------- RFC 4180

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and ignores a BOM", () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n1,,3\r\n';
    expect(parseCsv(text)).toEqual({
      records: [
        ["a", "b", "c"],
        ["x, y", 'say "hi"', "two\r\nlines"],
        ["1", "", "3"],
      ],
      problems: [],
    });
  });

  it("keeps a last record without a line break, and an empty last field after a final comma", () => {
    expect(parseCsv("a,b\n1,").records).toEqual([
      ["a", "b"],
      ["1", ""],
    ]);
  });

  it("names the record and cell of an unclosed quote, a stray quote, and text after a closing quote", () => {
    expect(parseCsv('a,b\n1,"open\n2,3').problems).toEqual([{ row: 2, cell: 1, code: "unterminatedQuote" }]);
    expect(parseCsv('a,b\n1,5"\n').problems).toEqual([{ row: 2, cell: 1, code: "strayQuote" }]);
    expect(parseCsv('a,b\n"1"x,2\n').problems).toEqual([{ row: 2, cell: 0, code: "textAfterQuote" }]);
  });

  it("gives back what writeCsv wrote, whatever the fields hold (round trip)", () => {
    const cell = fc.string({
      unit: fc.oneof(
        fc.constantFrom(",", '"', "\r", "\n", "\r\n", " ", "\uFEFF", "é", "="),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
      maxLength: 12,
    });
    const records = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(records, (written) => {
        expect(parseCsv(writeCsv(written))).toEqual({ records: written, problems: [] });
      }),
    );
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", "1") }), (text) => {
        const { records, problems } = parseCsv(text);
        for (const problem of problems) expect(problem.row).toBeLessThanOrEqual(records.length + 1);
      }),
    );
  });
});

describe("the formula guard", () => {
  it("refuses what a spreadsheet would run as a formula, and lets plain negative numbers through", () => {
    for (const [cell, prefix] of [
      ["=cmd|' /C calc'!A0", "="],
      ["+1+1", "+"],
      ["@SUM(A1)", "@"],
      ["\t=1", "tab"],
      ["\r=1", "CR"],
      ["-1+1", "-"],
      ["- trained 5 people", "-"],
      ["  =1+1", "="],
    ] as const) {
      expect(formulaPrefix(cell), cell).toBe(prefix);
    }
    for (const cell of ["-5", "-2.5", "12", "trained 5", "", "a=b"])
      expect(formulaPrefix(cell), cell).toBeUndefined();
  });

  it("neutralises a cell starting with = + - @ tab or CR with an apostrophe, and leaves the rest as typed", () => {
    for (const risky of ["=1+1", "+SUM(A1)", "-1+1", "- text", "@cmd", "\tx", "\r=1", "  =1+1"])
      expect(neutraliseFormula(risky), JSON.stringify(risky)).toBe(`'${risky}`);
    for (const safe of ["On track", "-5", "-2.5", "12", "", "a=b", "'=already text"])
      expect(neutraliseFormula(safe), JSON.stringify(safe)).toBe(safe);
  });

  it("a neutralised cell is written and read back quoted where needed, and never starts like a formula", () => {
    const risky = ['=HYPERLINK("http://x","a, b")', "\r=1", "@SUM(A1)\r\n2"];
    const text = writeCsv([risky.map(neutraliseFormula)]);
    expect(text).toBe(`"'=HYPERLINK(""http://x"",""a, b"")","'\r=1","'@SUM(A1)\r\n2"\r\n`);
    const [read] = parseCsv(text).records;
    for (const cell of read ?? []) expect(formulaPrefix(cell), cell).toBeUndefined();
  });

  it("never lets any text through that still starts like a formula (property)", () => {
    const cell = fc.string({
      unit: fc.oneof(
        fc.constantFrom("=", "+", "-", "@", "\t", "\r", " ", "'", "1"),
        fc.string({ maxLength: 1 }),
      ),
      maxLength: 8,
    });
    fc.assert(
      fc.property(cell, (text) => {
        expect(formulaPrefix(neutraliseFormula(text))).toBeUndefined();
      }),
    );
  });
});
