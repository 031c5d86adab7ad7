import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { I18nContext, translator } from "../i18n/i18n";
import { type FormRefusal, problem, wholeForm } from "./problem";
import { type ShownProblems, useProblems } from "./use-problems";

/** What `useProblems` gives a page for `answer`, read in `locale`. */
function shown(answer: unknown, locale: "en" | "fr" = "en"): ShownProblems {
  let result: ShownProblems | undefined;
  function Probe() {
    result = useProblems(answer);
    return null;
  }
  renderToStaticMarkup(
    <I18nContext.Provider value={{ locale, t: translator(locale) }}>
      <Probe />
    </I18nContext.Provider>,
  );
  if (!result) throw new Error("the probe did not render");
  return result;
}

const refusal: FormRefusal = {
  problems: [
    problem("rows[3]", "kobo.mapping.cellLine", { line: 1 }),
    problem("rows[3].value", "kobo.mapping.cellLine", { line: 2 }),
    problem("rows[31].value", "kobo.mapping.cellLine", { line: 3 }),
    problem("rows[3].value", "kobo.mapping.cellLine", { line: 4 }),
    problem("rows", "kobo.mapping.cellLine", { line: 5 }),
    problem(wholeForm, "kobo.mapping.noIndicator"),
  ],
};

describe("the problems a page shows for a refused form", () => {
  it("gathers every problem about a field and the fields nested in it, translated, in the order found", () => {
    const t = translator("fr");
    const under = shown(refusal, "fr").under("rows[3]");
    expect(under).toEqual([
      { field: "rows[3]", text: t("kobo.mapping.cellLine", { line: 1 }) },
      { field: "rows[3].value", text: t("kobo.mapping.cellLine", { line: 2 }) },
      { field: "rows[3].value", text: t("kobo.mapping.cellLine", { line: 4 }) },
    ]);
    expect(under[0]?.text).not.toBe("kobo.mapping.cellLine");
  });

  it("does not take a field whose name only starts the same (rows[31] is not under rows[3])", () => {
    expect(
      shown(refusal)
        .under("rows[31]")
        .map((found) => found.field),
    ).toEqual(["rows[31].value"]);
    expect(shown(refusal).under("row")).toEqual([]);
  });

  it("shows the first problem of a field, and nothing for an answer that is no refusal", () => {
    expect(shown(refusal).of("rows[3].value")).toBe(translator("en")("kobo.mapping.cellLine", { line: 2 }));
    expect(shown(refusal).form).toBe(translator("en")("kobo.mapping.noIndicator"));
    expect(shown({ saved: true }).under("rows")).toEqual([]);
    expect(shown(undefined).form).toBeUndefined();
  });
});
