import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { KoboFake } from "../../app/mocks/kobo";

/**
 * Serves a fake over real HTTP on 127.0.0.1 (for the browser tests, where the app runs in its own process: demo mode
 * accepts `http://127.0.0.1` as a server address). A network failure closes the connection.
 */
export async function serveKoboFake(fake: KoboFake): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (incoming, outgoing) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === "string") headers.set(name, value);
    const address = server.address() as AddressInfo;
    const response = await fake.handle(
      new Request(`http://127.0.0.1:${address.port}${incoming.url}`, { method: incoming.method, headers }),
    );
    if (response.type === "error") {
      outgoing.destroy();
      return;
    }
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
