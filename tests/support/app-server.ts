import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the app the way a person does (`npm start`: build if needed, migrate, seed, serve) on a free port with a
 * fresh data folder (the browser tests, `npm run bench:toc`); resolves once it answers `/healthz`. Without `env`,
 * it is the demo a fresh clone shows; `env` adds variables (APP_SECRET for a real installation), `dataDir` reuses
 * a data folder. With `onOutput`, what the app writes on stdout (its log) goes there instead of the terminal.
 * `readyWithin` bounds the wait (ms): the default leaves room for the start-up, a caller that may build gives more.
 */
export async function startApp({
  env = {},
  dataDir = mkdtempSync(path.join(tmpdir(), "throughline-app-")),
  onOutput,
  readyWithin = 180_000,
}: {
  env?: Record<string, string>;
  dataDir?: string;
  onOutput?: (text: string) => void;
  readyWithin?: number;
} = {}): Promise<{
  baseUrl: string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
}> {
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/cli/main.ts", "start"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      // A line per request would drown the test output: on the terminal, only warnings and errors (unless LOG_LEVEL).
      LOG_LEVEL: onOutput ? "info" : (process.env.LOG_LEVEL ?? "warn"),
      ...env,
    },
    stdio: ["ignore", onOutput ? "pipe" : "inherit", "inherit"],
    detached: true,
  });
  if (onOutput) server.stdout?.on("data", (chunk) => onOutput(String(chunk)));
  const stop = async () => {
    if (server.exitCode !== null || !server.pid) return;
    process.kill(-server.pid, "SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithin;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`the app exited with code ${server.exitCode} before it served`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer /healthz within ${readyWithin / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { baseUrl, port, dataDir, stop };
}
