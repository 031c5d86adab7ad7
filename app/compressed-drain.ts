import { EventEmitter } from "node:events";
import type { RequestHandler } from "express";

/**
 * Makes a compressed response's "drain" listeners removable. `compression` sends `res.on("drain", fn)` to its zlib
 * stream but leaves `removeListener`/`off` (and so `once`, whose wrapper removes itself through them) on the
 * response, where the listener never was (expressjs/compression#135, #152). React Router writes a page with
 * `writable.once("drain")` each time the zlib stream is full, then `off`: on a large page every wait left a dead
 * listener on the zlib stream, until Node warned "MaxListenersExceededWarning: 11 drain listeners".
 *
 * Mounted right after `compression()`: the response's "drain" listeners live on an emitter of its own, fed by one
 * listener registered through compression's `on`, so adding, `once` and removing all work and nothing piles up.
 */
export function removableDrainListeners(): RequestHandler {
  return (_request, response, next) => {
    // biome-ignore lint/suspicious/noExplicitAny: EventEmitter's listener signature, as Node types it.
    type Listener = (...args: any[]) => void;
    const compressionOn = response.on;
    const drains = new EventEmitter();
    let fed = false;
    const feed = () => {
      if (fed) return;
      fed = true;
      compressionOn.call(response, "drain", () => drains.emit("drain"));
    };
    const add = (method: "on" | "once" | "prependListener" | "prependOnceListener") =>
      function (this: typeof response, event: string | symbol, listener: Listener) {
        if (event !== "drain") {
          // Everything else as before: `on` through compression, the rest as EventEmitter does it.
          if (method === "on") return compressionOn.call(this, event, listener);
          return EventEmitter.prototype[method].call(this, event, listener) as typeof response;
        }
        feed();
        drains[method]("drain", listener);
        return this;
      };
    const remove = function (this: typeof response, event: string | symbol, listener: Listener) {
      if (event === "drain") drains.removeListener("drain", listener);
      else EventEmitter.prototype.removeListener.call(this, event, listener);
      return this;
    };
    response.on = add("on");
    response.addListener = response.on;
    response.once = add("once");
    response.prependListener = add("prependListener");
    response.prependOnceListener = add("prependOnceListener");
    response.removeListener = remove;
    response.off = remove;
    next();
  };
}
