import { describe, expect, it } from "vitest";
import { refusalResponse, requestRefusal } from "./request-guard";

const routerState = (state: unknown) => encodeURIComponent(JSON.stringify(state));

describe("requestRefusal", () => {
  it("passes what Next.js serves: paths, Chinese paths, queries with odd escapes, a real router state", () => {
    for (const url of ["/", "/softmax/", "/%E4%BD%A0%E5%A5%BD/", "/?q=%ff", "/api/v1/exercises"])
      expect(requestRefusal({ method: "GET", url, headers: {} })).toBeUndefined();
    const headers = { rsc: "1", "next-router-state-tree": routerState(["", { children: ["__PAGE__", {}] }]) };
    expect(requestRefusal({ method: "GET", url: "/softmax/", headers })).toBeUndefined();
    expect(requestRefusal({ method: "POST", url: "/signup/", headers: {} })).toBeUndefined();
  });

  it("refuses a path whose %-escapes are not UTF-8", () => {
    for (const url of ["/%ff/", "/%/", "/%c0%af/", "/en/%E0%A4%A/", "/api/%ff", "/%ed%a0%80/"])
      expect(requestRefusal({ method: "GET", url, headers: {} })).toMatchObject({ status: 400, code: "malformed-url" });
  });

  it("refuses a request target that is not a path (OPTIONS *, absolute-form)", () => {
    expect(requestRefusal({ method: "OPTIONS", url: "*", headers: {} })).toMatchObject({ status: 400 });
    expect(requestRefusal({ method: "GET", url: "http://evil.example/", headers: {} })).toMatchObject({ status: 400 });
  });

  it("refuses TRACE, TRACK and CONNECT with a 405 that says what is allowed", () => {
    for (const method of ["TRACE", "TRACK", "CONNECT"])
      expect(requestRefusal({ method, url: "/", headers: {} })).toEqual({
        status: 405,
        code: "method-not-allowed",
        message: `${method} is not allowed here; use GET, HEAD, POST, OPTIONS`,
        allow: "GET, HEAD, POST, OPTIONS",
      });
  });

  it("refuses a Next-Router-State-Tree header that is not a router state", () => {
    for (const tree of ["%ff", "[1", routerState([1, 2]), routerState(["", { children: 5 }]), "x".repeat(50_000)])
      expect(
        requestRefusal({ method: "GET", url: "/softmax/", headers: { rsc: "1", "next-router-state-tree": tree } }),
      ).toMatchObject({ status: 400, code: "malformed-header" });
  });
});

describe("refusalResponse", () => {
  it("is the API's JSON error under /api/ and a sentence elsewhere, never cached", () => {
    const refusal = requestRefusal({ method: "TRACE", url: "/api/v1/grade", headers: {} });
    if (!refusal) throw new Error("TRACE was not refused");
    const api = refusalResponse(refusal, "/api/v1/grade");
    expect(api.status).toBe(405);
    expect(api.headers).toMatchObject({ allow: "GET, HEAD, POST, OPTIONS", "cache-control": "no-store" });
    expect(JSON.parse(api.body)).toEqual({
      error: { code: "method-not-allowed", message: "TRACE is not allowed here; use GET, HEAD, POST, OPTIONS" },
    });
    const page = refusalResponse(refusal, "/softmax/");
    expect(page.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(page.body).toBe("Method Not Allowed: TRACE is not allowed here; use GET, HEAD, POST, OPTIONS\n");
    expect(page.headers["content-length"]).toBe(String(Buffer.byteLength(page.body)));
  });
});
