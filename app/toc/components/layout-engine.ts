import type { ELK as ElkApi } from "elkjs/lib/elk-api";
import ELK from "elkjs/lib/elk-api.js";
import elkWorkerUrl from "elkjs/lib/elk-worker.min.js?url";
import { type LayoutPosition, type LayoutRequest, runLayout } from "./layout";

/**
 * elkjs in a Web Worker, so that laying out a large canvas never freezes the page: `elk-api` (small) stays on the
 * page and posts the graph to elkjs's own worker script, served as a file of the build. Should the worker not start
 * (an old browser, a blocked script), the layout runs on the page with the bundled elkjs instead, loaded then.
 */

type Engine = { elk: Pick<ElkApi, "layout">; failed: Promise<never> };

let engine: Engine | null = null;
/** Set once the worker failed to start: later layouts go straight to the page. */
let workerBroken = false;

/** What `failed` rejects with: the worker did not start (a layout's own error is thrown as it is). */
const workerFailure = new Error("elkjs's worker did not start");

function workerEngine(): Engine {
  let fail: () => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = () => reject(workerFailure);
  });
  // Never an unhandled rejection: callers race against it.
  failed.catch(() => {});
  const elk = new ELK({
    workerFactory: () => {
      const worker = new Worker(elkWorkerUrl);
      worker.addEventListener("error", () => fail());
      return worker;
    },
  });
  return { elk, failed };
}

async function onThePage(request: LayoutRequest) {
  const { default: BundledElk } = await import("elkjs/lib/elk.bundled.js");
  return runLayout(new BundledElk(), request);
}

/**
 * Starts elkjs's worker and lays out a small graph in it, so that the first auto-layout a person asks for does not
 * also pay for loading elkjs (1.6 MB of script) and for its code being compiled and optimised on a first run: the
 * editor calls this once it is idle after opening. Never fails: a failure shows on the real layout.
 */
export async function warmUpLayout(): Promise<void> {
  // A layered graph of 200 nodes laid out three times: enough for the engine's hot code to be optimised.
  const ids = Array.from({ length: 200 }, (_, index) => `w${index}`);
  const request: LayoutRequest = {
    direction: "RIGHT",
    nodes: ids.map((id) => ({ id, width: 220, height: 96, x: 0, y: 0, pinned: false })),
    edges: ids.slice(1).flatMap((id, index) => [
      { id: `a${id}`, source: ids[Math.floor(index / 2)] as string, target: id },
      { id: `b${id}`, source: ids[Math.floor(index / 3)] as string, target: id },
    ]),
  };
  try {
    // Only in the worker: warming up on the page would freeze it.
    for (let run = 0; run < 3; run++) if (!(await inTheWorker(request))) return;
  } catch {
    // The layout a person asks for reports the failure.
  }
}

/** The layout in elkjs's worker, or null if the worker cannot start (a layout's own error is thrown as it is). */
async function inTheWorker(request: LayoutRequest) {
  if (workerBroken) return null;
  try {
    engine ??= workerEngine();
    return await Promise.race([runLayout(engine.elk, request), engine.failed]);
  } catch (error) {
    if (error !== workerFailure) throw error;
    workerBroken = true;
    engine = null;
    return null;
  }
}

/** The unpinned nodes' laid-out places, and how long elkjs took (in the worker, or on the page if it had to). */
export async function layOut(
  request: LayoutRequest,
): Promise<{ positions: LayoutPosition[]; milliseconds: number; inWorker: boolean }> {
  const result = await inTheWorker(request);
  if (result) return { ...result, inWorker: true };
  return { ...(await onThePage(request)), inWorker: false };
}
