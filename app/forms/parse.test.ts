import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldOf, formValues, parseForm, parseValues, problemsOf } from "./parse.server";
import { problemAt } from "./problem";

const post = (fields: [string, string][]) =>
  new Request("http://localhost/form", { method: "POST", body: new URLSearchParams(fields) });

describe("the one form contract", () => {
  it("answers a refused form with 400, one problem per field by catalogue key, and the values typed", async () => {
    const schema = z.object({
      name: z.string().trim().min(1, "users.nameRequired").max(5, "indicators.error.tooLong"),
      email: z.email("users.emailInvalid"),
    });
    const parsed = await parseForm(
      post([
        ["name", "A long name"],
        ["email", "nope"],
      ]),
      schema,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.response.init?.status).toBe(400);
    expect(parsed.response.data).toEqual({
      problems: [
        { field: "name", message: { key: "indicators.error.tooLong", values: { max: 5 } } },
        { field: "email", message: { key: "users.emailInvalid" } },
      ],
      values: { name: "A long name", email: "nope" },
    });
    expect(problemAt(parsed.response.data, "email")).toEqual({ key: "users.emailInvalid" });
  });

  it("never sends secrets back: passwords and codes are left out of the values", async () => {
    const schema = z.object({ email: z.string(), password: z.string().min(12, "password.tooShort") });
    const parsed = await parseForm(
      post([
        ["email", "a@example.org"],
        ["password", "short"],
        ["currentCode", "123456"],
        ["code", "654321"],
        ["token", "kobo-api-token"],
        ["funderCode", "mama-cash"],
      ]),
      schema,
    );
    if (parsed.ok) throw new Error("the short password should be refused");
    // A funder's code names an organisation: it is typed back; sign-in codes and API tokens are not.
    expect(parsed.refusal.values).toEqual({ email: "a@example.org", funderCode: "mama-cash" });
    expect(JSON.stringify(parsed.response.data)).not.toContain("short");
    expect(JSON.stringify(parsed.response.data)).not.toContain("123456");
    expect(JSON.stringify(parsed.response.data)).not.toContain("kobo-api-token");
  });

  it("lets a form with a non-secret code field say what is secret", () => {
    const parsed = parseValues({ code: "I4", name: "" }, z.object({ name: z.string().min(1) }), {
      secret: /password/i,
    });
    if (parsed.ok) throw new Error("refused");
    expect(parsed.refusal.values).toEqual({ code: "I4", name: "" });
  });

  it("names nested fields as the form does (rows[2].value), and the whole form as `form`", () => {
    expect(fieldOf(["rows", 2, "value"])).toBe("rows[2].value");
    expect(fieldOf(["targets", 0])).toBe("targets[0]");
    expect(fieldOf([])).toBe("form");
    const schema = z.object({
      rows: z.array(z.object({ value: z.string().regex(/^\d+$/, "indicators.error.notANumber") })),
    });
    const parsed = schema.safeParse({ rows: [{ value: "1" }, { value: "x" }] });
    expect(parsed.success).toBe(false);
    expect(problemsOf(parsed.error?.issues ?? [])).toEqual([
      { field: "rows[1].value", message: { key: "indicators.error.notANumber" } },
    ]);
  });

  it("turns zod's own English (a missing or mistyped field) into the generic catalogue key", () => {
    const parsed = parseValues({}, z.object({ intent: z.literal("save") }));
    if (parsed.ok) throw new Error("refused");
    expect(parsed.refusal.problems).toEqual([{ field: "intent", message: { key: "form.invalid" } }]);
  });

  it("keeps only the first problem of a field", () => {
    const parsed = parseValues(
      { name: "" },
      z.object({ name: z.string().min(1, "users.nameRequired").regex(/x/, "form.invalid") }),
    );
    if (parsed.ok) throw new Error("refused");
    expect(parsed.refusal.problems).toEqual([
      { field: "name", message: { key: "users.nameRequired", values: { min: 1 } } },
    ]);
  });

  it("reads a name sent several times (checkboxes) as a list", () => {
    const form = new FormData();
    form.append("roles", "admin");
    form.append("roles", "staff");
    form.append("name", "Ada");
    expect(formValues(form)).toEqual({ roles: ["admin", "staff"], name: "Ada" });
  });

  it("gives the safe values on success too, for a later domain refusal", () => {
    const parsed = parseValues({ email: "a@b.c", password: "secret" }, z.object({ email: z.string() }));
    expect(parsed).toMatchObject({ ok: true, data: { email: "a@b.c" }, values: { email: "a@b.c" } });
  });
});
