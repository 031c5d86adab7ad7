import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldRules } from "./rules.server";

describe("the browser's share of a form's schema", () => {
  it("mirrors required, lengths, patterns and bounds from the schema the action parses with", () => {
    const rules = fieldRules(
      z.object({
        name: z.string().trim().min(1, "users.nameRequired").max(200, "users.nameRequired"),
        note: z.string().max(2000).default(""),
        code: z.string().regex(/^\d{6}$/, "secondFactor.codeFormat"),
        email: z.email("users.emailInvalid").max(254),
        count: z.number().min(0).max(100),
      }),
    );
    expect(rules).toEqual({
      name: { required: true, maxLength: 200 },
      note: { maxLength: 2000 },
      code: { pattern: "^\\d{6}$" },
      email: { maxLength: 254 },
      count: { min: 0, max: 100 },
    });
  });

  it("leaves to the server a pattern the browser would not read (its `v` flag refuses a bare '-' in a class)", () => {
    expect(fieldRules(z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/) }))).toEqual({ slug: {} });
  });

  it("reads the fields of every form of a union (one per intent)", () => {
    const rules = fieldRules(
      z.discriminatedUnion("intent", [
        z.object({ intent: z.literal("enrol"), code: z.string().max(64) }),
        z.object({ intent: z.literal("remove"), currentPassword: z.string().min(1).max(1024) }),
      ]),
    );
    expect(rules.code).toEqual({ maxLength: 64 });
    expect(rules.currentPassword).toEqual({ required: true, maxLength: 1024 });
  });
});
