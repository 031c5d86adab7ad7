import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountDelaySeconds, throttleAddress, throttleRules } from "./throttle.server";

describe("throttleAddress", () => {
  it("keeps an IPv4 address, also when it arrives IPv4-mapped in IPv6", () => {
    expect(throttleAddress("192.0.2.1")).toBe("192.0.2.1");
    expect(throttleAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(throttleAddress("::FFFF:c000:0201")).toBe("192.0.2.1");
    expect(throttleAddress("[::ffff:198.51.100.7]")).toBe("198.51.100.7");
  });

  it("counts an IPv6 address as its /64, written out in full whatever way it was written", () => {
    const key = "2001:0db8:0000:0001::/64";
    for (const written of [
      "2001:db8:0:1::1",
      "2001:DB8:0:1:0:0:0:1",
      "2001:0db8:0000:0001:ffff:ffff:ffff:ffff",
      "[2001:db8:0:1:abcd::]",
      "2001:db8::1:0:0:0:9",
      "2001:db8:0:1::192.0.2.1",
      "2001:db8:0:1::1%eth0",
    ]) {
      expect(throttleAddress(written), written).toBe(key);
    }
    expect(throttleAddress("2001:db8:0:2::1")).toBe("2001:0db8:0000:0002::/64");
    expect(throttleAddress("::1")).toBe("0000:0000:0000:0000::/64");
  });

  it("gives every address of one /64 the same key, and different /64s different keys", () => {
    const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const prefix = fc.array(hextet, { minLength: 4, maxLength: 4 });
    const suffix = fc.array(hextet, { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(prefix, prefix, suffix, suffix, (p, q, s, t) => {
        fc.pre(p[0] !== "0" || p[1] !== "0" || p[2] !== "0"); // leave ::ffff:0:0/96 (IPv4-mapped) aside
        const a = throttleAddress([...p, ...s].join(":"));
        expect(a).toMatch(/^([0-9a-f]{4}:){4}:\/64$/);
        expect(throttleAddress([...p, ...t].join(":"))).toBe(a);
        expect(throttleAddress([...p, ...s].join(":").toUpperCase())).toBe(a);
        const same = p.every((group, i) => Number.parseInt(group, 16) === Number.parseInt(q[i] ?? "", 16));
        expect(throttleAddress([...q, ...s].join(":")) === a).toBe(same);
      }),
    );
  });

  it("keeps what is no address as given", () => {
    expect(throttleAddress("unknown")).toBe("unknown");
  });
});

describe("accountDelaySeconds", () => {
  it("is none below the per-account limit, then doubles from 1 second, and never exceeds 15 minutes", () => {
    const n = throttleRules.perAccount;
    expect(accountDelaySeconds(0)).toBe(0);
    expect(accountDelaySeconds(n - 1)).toBe(0);
    expect([n, n + 1, n + 2, n + 3].map(accountDelaySeconds)).toEqual([1, 2, 4, 8]);
    expect(accountDelaySeconds(n + 9)).toBe(512);
    expect(accountDelaySeconds(n + 10)).toBe(15 * 60);
    expect(accountDelaySeconds(n + 1000)).toBe(15 * 60);
  });
});
