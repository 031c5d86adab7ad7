import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionCookie } from "./request.server";

beforeAll(() => {
  // A real installation's settings (the cookie's name and attributes differ in demo mode).
  vi.stubEnv("DEMO", "false");
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("APP_SECRET", "q7Lw2XnR9vKp4TcZ8mYb3HsJ6dFg1AeU0oVi5NrB");
});

describe("the session cookie", () => {
  it("is a browser-session cookie: no Max-Age or Expires when it carries a token", () => {
    const cookie = sessionCookie("token-value");
    expect(cookie).toMatch(/^__Host-throughline_session=token-value; /);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("is cleared with Max-Age=0", () => {
    expect(sessionCookie(null)).toMatch(/^__Host-throughline_session=; Max-Age=0; /);
  });
});
