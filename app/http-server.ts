import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { crossSiteRefusal } from "./auth/cross-site";
import { demoHostRefusal, demoRefusalStatus } from "./auth/demo-host";
import { removableDrainListeners } from "./compressed-drain";
import { logger } from "./logger.server";
import type { RequestLog } from "./request-context";
import { answerUnhandledError, requestLogger } from "./request-log.server";

/** Headers through which a client could claim another host, protocol or address; read only under TRUST_PROXY. */
const forwardingHeaders = ["forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-for"];

/**
 * The origin the request was addressed to, read exactly as @react-router/express reads it: X-Forwarded-Host and
 * X-Forwarded-Proto count only when TRUST_PROXY trusts the peer (otherwise they were removed before this).
 */
function requestOrigin(request: express.Request) {
  const [, forwardedPort] = request.app.enabled("trust proxy")
    ? (request.get("X-Forwarded-Host")?.split(":") ?? [])
    : [];
  const [, hostPort] = request.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort]
    .map((text) => Number.parseInt(text ?? "", 10))
    .find((value) => Number.isSafeInteger(value));
  const hostname = request.hostname.split(/[\\/?#@]/)[0] || "localhost";
  return `${request.protocol}://${hostname}${port ? `:${port}` : ""}`;
}

/**
 * Serves the production build. A small Express server rather than react-router-serve because the sign-in throttle
 * needs the client's address, which only the server sees (docs/decisions/006-own-http-server.md).
 */
export async function serve({
  port,
  trustProxy,
  loopbackOnly,
}: {
  port: number;
  trustProxy: false | number | string[];
  /** Loopback-only demo mode (docs/decisions/010-demo-mode.md): listen on 127.0.0.1 and ::1, answer localhost only. */
  loopbackOnly: boolean;
}) {
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
  if (loopbackOnly) {
    app.use((request, response, next) => {
      const refusal = demoHostRefusal({ get: (name) => request.get(name) });
      if (!refusal) return next();
      response.status(demoRefusalStatus).type("text/plain").set("Cache-Control", "no-store").send(refusal);
    });
  }
  if (trustProxy === false) {
    // Nothing downstream (React Router's request conversion, the app) may take a client's word for these.
    app.use((request, _response, next) => {
      for (const name of forwardingHeaders) delete request.headers[name];
      next();
    });
  }
  app.use(compression());
  // compression cannot remove a "drain" listener: without this, each wait on a large page left one behind.
  app.use(removableDrainListeners());
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
      url: `${requestOrigin(request)}${request.originalUrl}`,
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
  if (loopbackOnly) {
    await listen(app, port, "127.0.0.1");
    // IPv6 loopback as well when the machine has it, so that http://localhost:PORT works whichever address it names.
    await listen(app, port, "::1").catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRNOTAVAIL" && error.code !== "EAFNOSUPPORT") throw error;
    });
  } else {
    await listen(app, port);
  }
  logger.info(`Throughline is serving http://localhost:${port}`);
}

function listen(app: express.Express, port: number, host?: string) {
  return new Promise<void>((resolve, reject) => {
    const server = host ? app.listen(port, host, resolve) : app.listen(port, resolve);
    server.once("error", reject);
  });
}
