import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import express from "express";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.server";
import { requestLogContext, viewerContext } from "../../app/request-context";
import {
  answerUnhandledError,
  recordRequest,
  reportRequestError,
  requestLogger,
} from "../../app/request-log.server";
import type { Database } from "../../db/client";
import { users } from "../../db/schema";
import { createTestDatabase } from "../support/database";

/** A logger writing into an array of lines, as the server's would write to stdout. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: "debug", destination });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const secret = "SECRET-argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db
    .insert(users)
    .values({ email: "someone@example.org", name: "Someone", passwordHash: "x" });
});
afterAll(async () => {
  await database?.close();
});

/** The error the database gives for a statement, exactly as the app would see it thrown. */
async function failure(statement: () => Promise<unknown>): Promise<Error> {
  try {
    await statement();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the statement to fail");
}

const duplicateUser = () =>
  failure(() =>
    database.db
      .insert(users)
      .values({ email: "someone@example.org", name: "Narrative SECRET-name", passwordHash: secret }),
  );

describe("database errors in the log", () => {
  it("reports a failed query through React Router's error report without its parameters", async () => {
    const error = await duplicateUser();
    // The premise: drizzle's error carries the parameters, in its message too.
    expect(String(error.message)).toContain(secret);

    const { logger, lines, records } = capturedLogger();
    const context = new RouterContextProvider();
    context.set(requestLogContext, { id: "req-1", route: "/admin/users", userId: "user-1" });
    reportRequestError(
      error,
      { request: new Request("http://localhost/admin/users", { method: "POST" }), context },
      logger,
    );

    expect(lines).toHaveLength(1);
    expect(lines.join("\n")).not.toContain("SECRET");
    const [record] = records();
    expect(record).toMatchObject({ level: "error", reqId: "req-1", route: "/admin/users", userId: "user-1" });
    // Still identifiable: which statement, which constraint, which database code.
    const err = record?.err as {
      type: string;
      message: string;
      stack: string;
      cause: Record<string, unknown>;
    };
    expect(err.type).toBe("DrizzleQueryError");
    expect(err.message).toMatch(/^Failed query: insert into "users"/);
    expect(err.stack).toContain("logging.test.ts");
    expect(err.cause).toMatchObject({ code: "23505" });
    expect(String(err.cause.message)).toContain("duplicate key value violates unique constraint");
  });

  it("hides a parameter the database quotes back in its own message", async () => {
    const error = await failure(() =>
      database.db.select().from(users).where(eq(users.id, "SECRET-not-a-uuid-token-hash")),
    );
    expect(String((error.cause as Error).message)).toContain("SECRET");

    const { logger, lines, records } = capturedLogger();
    reportRequestError(error, { request: new Request("http://localhost/entries") }, logger);
    expect(lines.join("\n")).not.toContain("SECRET");
    const err = records()[0]?.err as { cause: { code: string; message: string } };
    expect(err.cause.code).toBe("22P02");
    expect(err.cause.message).toContain("invalid input syntax for type uuid");
  });

  it("hides a stored value the database quotes back, which is no parameter of the query", async () => {
    const error = await failure(() =>
      database.db.transaction(async (tx) => {
        await tx
          .insert(users)
          .values({ email: "stored@example.org", name: "SECRET-stored", passwordHash: "x" });
        await tx.execute(sql`select name::uuid from users where email = 'stored@example.org'`);
      }),
    );
    expect(String((error.cause as Error).message)).toContain("SECRET-stored");
    const { logger, lines } = capturedLogger();
    logger.error({ err: error }, "a raw statement failed");
    expect(lines.join("\n")).not.toContain("SECRET");
  });

  it("hides the parameters however the error is handed to the logger", async () => {
    const error = await duplicateUser();
    const { logger, lines, records } = capturedLogger();
    logger.error(error); // pino would take the raw message as the line's message
    logger.error({ err: error }); // likewise
    logger.warn({ err: new Error("wrapped", { cause: error }) }, "wrapped");
    logger.error({ error }, "under another key");
    expect(lines).toHaveLength(4);
    expect(lines.join("\n")).not.toContain("SECRET");
    expect(records()[0]).toMatchObject({ msg: expect.stringMatching(/^Failed query: insert into "users"/) });
  });

  it("answers an error that reaches Express with a 500 and a sanitised request line", async () => {
    const error = await duplicateUser();
    const { logger, lines, records } = capturedLogger();
    const app = express();
    app.use(requestLogger(logger));
    app.post("/admin/users", (_request, _response, next) => next(error));
    app.use(answerUnhandledError);
    const response = await request(app, "/admin/users", { method: "POST" });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("SECRET");
    expect(lines.join("\n")).not.toContain("SECRET");
    const [record] = records();
    expect(record).toMatchObject({ level: "error", res: { statusCode: 500 } });
    expect(record?.err).toMatchObject({ cause: { code: "23505" } });
  });
});

/** Runs an Express app on a free loopback port for one request. */
async function request(app: express.Express, path: string, init?: RequestInit): Promise<Response> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${path}`, init);
    await response.clone().arrayBuffer();
    // The line is written when the response finishes, on the server's side.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return response;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("the request log", () => {
  it("has method, route, status, duration, request id and user id, and no query values or headers", async () => {
    const { logger, lines, records } = capturedLogger();
    const app = express();
    app.use(requestLogger(logger));
    // As app/http-server.ts hands the entry to React Router, whose root middleware fills in route and user.
    app.get("/plans/:slug/dashboard", async (_request, response) => {
      const context = new RouterContextProvider();
      context.set(requestLogContext, response.locals.requestLog);
      const viewer = { id: "user-42", email: "SECRET-someone@example.org", name: "Someone" };
      const answer = await recordRequest(
        {
          context,
          pattern: "plans/:slug/dashboard",
          request: new Request("http://localhost/plans/nswp/dashboard"),
          params: { slug: "nswp" },
          url: new URL("http://localhost/plans/nswp/dashboard"),
        },
        async () => {
          context.set(viewerContext, viewer as never); // what `protect` does for a signed-in user
          return new Response("ok");
        },
      );
      if (!answer) throw new Error("the middleware gave no response");
      response.status(answer.status).send(await answer.text());
    });
    const response = await request(app, "/plans/nswp/dashboard?asOf=SECRETVALUE", {
      headers: { Cookie: "throughline_session=SECRET-token", Authorization: "Bearer SECRET-bearer" },
    });
    expect(response.status).toBe(200);
    const id = response.headers.get("X-Request-Id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("SECRET");
    expect(lines[0]).not.toContain("asOf");
    expect(records()[0]).toMatchObject({
      level: "info",
      reqId: id,
      req: { method: "GET", path: "/plans/nswp/dashboard" },
      route: "/plans/:slug/dashboard",
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      userId: "user-42",
      msg: expect.stringMatching(/^GET \/plans\/:slug\/dashboard 200 \d+ ms$/),
    });
  });

  it("falls back to the path without its query string when no route matched", async () => {
    const { logger, records } = capturedLogger();
    const app = express();
    app.use(requestLogger(logger));
    await request(app, "/nowhere?token=SECRET");
    const [record] = records();
    expect(record).toMatchObject({ route: "/nowhere", res: { statusCode: 404 } });
    expect(record).not.toHaveProperty("userId");
    expect(JSON.stringify(record)).not.toContain("SECRET");
  });
});
