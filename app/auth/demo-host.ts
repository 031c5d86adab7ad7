/**
 * Demo mode that nobody asked for (a fresh clone's `npm start`) serves this machine only
 * (docs/decisions/010-demo-mode.md): besides listening on loopback, the server answers only requests addressed to
 * localhost, so neither a reverse proxy nor a DNS-rebinding page can publish the demo and its published passwords.
 */

/** The host names a request may be addressed to in loopback-only demo mode (any port). */
const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The host name of a Host header value, without its port: `[::1]:3000` → `[::1]`, `Localhost:80` → `localhost`. */
export function hostName(host: string): string {
  const value = host.trim().toLowerCase();
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    return end < 0 ? value : value.slice(0, end + 1);
  }
  return value.split(":")[0] ?? "";
}

export function isLoopbackHost(host: string | null | undefined): boolean {
  return Boolean(host) && loopbackHosts.has(hostName(host as string));
}

/** Headers a reverse proxy adds: a loopback-only demo refuses requests that came through one. */
const proxyHeaders = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip"];

/**
 * Why a request must be refused by a loopback-only demo (a plain-text reason for the 421 answer), or null when it
 * is addressed to localhost and did not come through a proxy.
 */
export function demoHostRefusal(headers: { get(name: string): string | null | undefined }): string | null {
  const host = headers.get("host");
  if (!isLoopbackHost(host)) {
    return `This is a demo installation, served to this computer only: it answers requests for localhost, 127.0.0.1 or [::1], not for "${host ?? ""}". A real installation sets APP_SECRET (see the README); DEMO=true serves the demo to other machines.`;
  }
  const forwarded = proxyHeaders.find((name) => headers.get(name));
  if (forwarded) {
    return `This is a demo installation, served to this computer only: it does not answer requests forwarded by a proxy (${forwarded}). A real installation sets APP_SECRET (see the README); DEMO=true serves the demo to other machines.`;
  }
  return null;
}

/** The answer to a refused request: 421 Misdirected Request, plain text. */
export const demoRefusalStatus = 421;
