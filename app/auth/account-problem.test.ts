import { describe, expect, it } from "vitest";
import { answerRefused, Refused } from "../errors";
import { messages } from "../i18n/messages";
import { AccountProblem, type AccountProblemKind, accountMessages } from "./accounts.server";

describe("AccountProblem", () => {
  it("is the one domain error, naming the field at fault with a message key", () => {
    const refusal = new AccountProblem("password", "tooShort");
    expect(refusal).toBeInstanceOf(Refused);
    expect(refusal.problems).toEqual([{ field: "password", message: { key: "password.tooShort" } }]);
    expect(refusal.status).toBe(400);
  });

  it("has an English and a French message for every refusal", () => {
    for (const kind of Object.keys(accountMessages) as AccountProblemKind[]) {
      const key = new AccountProblem("email", kind).problems[0]?.message.key;
      expect(key && messages.en[key], kind).toBeTruthy();
      expect(key && messages.fr[key], kind).toBeTruthy();
    }
  });

  it("answers a form with the refusal, and 429 when the password was tried too often", () => {
    const answer = answerRefused(new AccountProblem("currentPassword", "throttled"), { intent: "password" });
    expect(answer.init?.status).toBe(429);
    expect(answer.data).toEqual({
      problems: [{ field: "currentPassword", message: { key: "users.throttled" } }],
      values: { intent: "password" },
    });
  });
});
