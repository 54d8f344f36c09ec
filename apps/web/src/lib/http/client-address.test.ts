import { describe, expect, it } from "vitest";
import { addressKey, clientKey, PEER_ADDRESS_HEADER } from "./client-address";
import { stampedTestServer } from "./stamped-test-server";

describe("addressKey", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["2001:db8:0:1:aaaa:bbbb:cccc:dddd", "2001:db8:0:1::/64"],
    ["2001:db8:0:1::5", "2001:db8:0:1::/64"],
    ["[2001:0db8::1]:443", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["not an address", "not an address"],
  ])("%s → %s", (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe("a running server", () => {
  // A plain Node server stands for the production server: the stamp goes on every request.
  const { request } = stampedTestServer();

  it("stamps the connection's address over any value a client sent, and X-Forwarded-For does not count", async () => {
    const headers = await request({ [PEER_ADDRESS_HEADER]: "6.6.6.6", "X-Forwarded-For": "7.7.7.7" });
    expect(headers.get(PEER_ADDRESS_HEADER)).toMatch(/127\.0\.0\.1$/);
    expect(clientKey(headers, 0)).toBe("127.0.0.1");
  });

  it("with TRUST_PROXY=n, takes the n-th X-Forwarded-For entry from the right", async () => {
    const headers = await request({ "X-Forwarded-For": "6.6.6.6, 203.0.113.7, 10.0.0.2" });
    expect(clientKey(headers, 1)).toBe("10.0.0.2");
    expect(clientKey(headers, 2)).toBe("203.0.113.7");
    // Fewer entries than proxies: the request did not come through them all; the connection counts.
    expect(clientKey(headers, 5)).toBe("127.0.0.1");
  });
});
