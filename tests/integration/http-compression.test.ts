import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeReadableStreamToWritable } from "@react-router/node";
import compression from "compression";
import express from "express";
import { afterAll, describe, expect, it } from "vitest";
import { removableDrainListeners } from "../../app/compressed-drain";

/**
 * A large page through the server's compression, written the way React Router writes every page
 * (`writeReadableStreamToWritable`: write, and when the zlib stream is full, `once("drain")` then `off`).
 */
const pageBytes = 3 * 1024 * 1024;
const bigPage = () => {
  // Text that does not compress to nothing, so zlib's buffer fills and the writer waits for "drain" many times.
  const chunk = () => new TextEncoder().encode(`<p>${randomBytes(1536).toString("base64")}</p>`);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= pageBytes) return controller.close();
      const bytes = chunk();
      sent += bytes.length;
      controller.enqueue(bytes);
    },
  });
};

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

async function serveBigPage(withFix: boolean) {
  const app = express();
  app.use(compression());
  if (withFix) app.use(removableDrainListeners());
  app.get("/big", async (_request, response) => {
    response.type("html");
    await writeReadableStreamToWritable(bigPage(), response);
  });
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, "127.0.0.1", () => resolve(started));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/big`;
}

async function warningsWhile(work: () => Promise<void>) {
  const warnings: string[] = [];
  const listen = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on("warning", listen);
  try {
    await work();
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off("warning", listen);
  }
  return warnings.filter((warning) => warning.startsWith("MaxListenersExceededWarning"));
}

describe("a large page, compressed", () => {
  it("arrives whole with no MaxListenersExceededWarning: each wait for drain removes its listener", async () => {
    const url = await serveBigPage(true);
    const warnings = await warningsWhile(async () => {
      const response = await fetch(url, { headers: { "Accept-Encoding": "gzip" } });
      expect(response.headers.get("content-encoding")).toBe("gzip");
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThanOrEqual(pageBytes);
    });
    expect(warnings).toEqual([]);
  });

  it("(the cause) without it, compression keeps every once('drain') listener until Node warns", async () => {
    const url = await serveBigPage(false);
    const warnings = await warningsWhile(async () => {
      const response = await fetch(url, { headers: { "Accept-Encoding": "gzip" } });
      await response.arrayBuffer();
    });
    expect(warnings.join("\n")).toMatch(/drain listeners added to \[Gzip\]/);
  });
});
