import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { PEER_SCHEME_HEADER, peerHeaders } from "./client-address";
import { requestIsHttps, secureCookie } from "./request-scheme";
import { stampedTestServer } from "./stamped-test-server";

describe("requestIsHttps on a running plain-http server", () => {
  // A plain Node server stands for the production server: the stamp goes on every request.
  const { request } = stampedTestServer();

  it("is false over plain http, whatever the client claims, without a trusted proxy", async () => {
    expect(requestIsHttps(await request(), 0)).toBe(false);
    const claims = await request({ "X-Forwarded-Proto": "https", [PEER_SCHEME_HEADER]: "https" });
    expect(claims.get(PEER_SCHEME_HEADER)).toBe("http");
    expect(requestIsHttps(claims, 0)).toBe(false);
  });

  it("with TRUST_PROXY=n, takes the n-th X-Forwarded-Proto entry from the right", async () => {
    expect(requestIsHttps(await request({ "X-Forwarded-Proto": "https" }), 1)).toBe(true);
    expect(requestIsHttps(await request({ "X-Forwarded-Proto": "HTTPS" }), 1)).toBe(true);
    expect(requestIsHttps(await request({ "X-Forwarded-Proto": "http" }), 1)).toBe(false);
    const chain = await request({ "X-Forwarded-Proto": "https, http" });
    expect(requestIsHttps(chain, 1)).toBe(false);
    expect(requestIsHttps(chain, 2)).toBe(true);
  });

  it("with TRUST_PROXY but no X-Forwarded-Proto (or fewer entries than proxies), the connection counts", async () => {
    expect(requestIsHttps(await request(), 1)).toBe(false);
    expect(requestIsHttps(await request({ "X-Forwarded-Proto": "https" }), 2)).toBe(false);
  });

  it("is true when the connection itself was TLS", () => {
    const overTls = { socket: { encrypted: true, remoteAddress: "10.0.0.9" } } as unknown as IncomingMessage;
    const stamped = new Headers(peerHeaders(overTls));
    expect(stamped.get(PEER_SCHEME_HEADER)).toBe("https");
    expect(requestIsHttps(stamped, 0)).toBe(true);
    // A proxy's word overrides the connection's: TLS to the proxy's own host is not the client's.
    stamped.set("x-forwarded-proto", "http");
    expect(requestIsHttps(stamped, 1)).toBe(false);
  });
});

describe("secureCookie (COOKIE_SECURE)", () => {
  it.each([
    ["auto", true, true],
    ["auto", false, false],
    ["always", false, true],
    ["never", true, false],
  ] as const)("%s over https=%s → Secure %s", (setting, https, secure) => {
    expect(secureCookie(setting, https)).toBe(secure);
  });
});
