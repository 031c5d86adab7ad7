import { describe, expect, it } from "vitest";
import { inCi, sourcesDir, sourceTexts } from "../support/sources";

/**
 * The quote checks (the NSWP seed and draft theory of change against ../shared/sources) may skip only outside CI:
 * in CI a missing folder fails them, so they cannot pass without having run.
 */
describe("the source documents the quote checks read", () => {
  /** A stand-in for the test context that records the skip notes it is given. */
  const recordingSkips = () => {
    const skipped: string[] = [];
    const skip = (note?: string) => {
      skipped.push(note ?? "");
      throw new Error("skipped");
    };
    return { skipped, context: { skip: skip as never } };
  };
  const missing = `${sourcesDir}-that-does-not-exist`;

  it("fail the check in CI when the folder is missing, naming it", () => {
    const { skipped, context } = recordingSkips();
    expect(() => sourceTexts(context, { dir: missing, env: { CI: "true" } })).toThrow(
      `${missing} is missing: in CI (CI=true)`,
    );
    expect(skipped).toEqual([]);
  });

  it("skip it outside CI, saying why and that CI would fail", () => {
    const { skipped, context } = recordingSkips();
    for (const env of [{}, { CI: "false" }, { CI: "0" }]) {
      expect(() => sourceTexts(context, { dir: missing, env })).toThrow("skipped");
    }
    expect(skipped).toHaveLength(3);
    expect(skipped[0]).toBe(`${missing} is missing: skipped outside CI only (with CI=true this test fails)`);
  });

  it("read CI=true and CI=1 as CI", () => {
    expect([inCi({ CI: "true" }), inCi({ CI: "1" }), inCi({}), inCi({ CI: "" })]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
