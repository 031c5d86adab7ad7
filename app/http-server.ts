import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { crossSiteRefusal } from "./auth/cross-site";
import { logger } from "./logger.server";
import type { RequestLog } from "./request-context";
import { answerUnhandledError, requestLogger } from "./request-log.server";

/**
 * Serves the production build. A small Express server rather than react-router-serve because the sign-in throttle
 * needs the client's address, which only the server sees (docs/decisions/006-own-http-server.md).
 */
export async function serve({ port, trustProxy }: { port: number; trustProxy: string | number | boolean }) {
  // Importing the build opens the database (app/entry.server.tsx) before the server listens.
  const build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
  // The build has its own copy of app modules: take the context object from it so that both sides share it.
  const { clientAddressContext, requestLogContext } = build.entry.module as unknown as {
    clientAddressContext: import("react-router").RouterContext<string>;
    requestLogContext: import("react-router").RouterContext<RequestLog | null>;
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  // First, so that every response (refusals and static files included) gets its line, its id and its duration.
  app.use(requestLogger());
  app.use(compression());
  // Headers every response gets, static files and refusals included (pages get CSP and more from the app).
  app.use((_request, response, next) => {
    response.set({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
    });
    next();
  });
  // Before anything else, React Router's own data-request checks included: refuse cross-site writes with 403.
  // The host is read as @react-router/express reads it, so both see the same origin behind a proxy.
  app.use((request, response, next) => {
    const refusal = crossSiteRefusal({
      method: request.method,
      url: `${request.protocol}://${request.get("X-Forwarded-Host") ?? request.get("host")}${request.originalUrl}`,
      headers: { get: (name) => request.get(name) ?? null },
    });
    if (!refusal) return next();
    response
      .status(403)
      .type("text/plain")
      .set("Cache-Control", "no-store")
      .send(`Cross-site request refused: ${refusal}.`);
  });
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y", index: false }));
  app.use(express.static("build/client", { maxAge: "1h", index: false }));
  app.all(
    "*",
    createRequestHandler({
      build,
      getLoadContext(request, response) {
        const context = new RouterContextProvider();
        context.set(clientAddressContext, request.ip ?? "unknown");
        context.set(requestLogContext, response.locals.requestLog);
        return context;
      },
    }),
  );
  app.use(answerUnhandledError);
  await new Promise<void>((resolve) => app.listen(port, resolve));
  logger.info(`Throughline is serving http://localhost:${port}`);
}
