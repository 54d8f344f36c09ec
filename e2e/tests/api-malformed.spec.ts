import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { PRODUCTION_PORT } from "./servers.ts";

// What an attacker's tools send, over a plain socket (Playwright's request refuses most of it):
// malformed paths, methods fetch cannot carry, tampered router headers, junk in every header.
// Each is the client's error: a 4xx, with a sentence or the site's 404 page, never a 500, never
// a connection dropped without an answer, never a wait.

interface Answer {
  status: number;
  body: string;
}

/** Sends `head` (and `body`) as one raw HTTP/1.1 request and reads the answer to its end. */
function raw(head: string, body = ""): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(PRODUCTION_PORT, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer within 10 s to ${head.split("\r\n")[0]}`)));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1];
      if (!status) return reject(new Error(`no HTTP answer to ${head.split("\r\n")[0]}: ${JSON.stringify(text)}`));
      resolve({
        status: Number(status),
        body: Buffer.from(text.slice(text.indexOf("\r\n\r\n") + 4), "latin1").toString(),
      });
    });
    const length = body === "" ? "" : `Content-Length: ${Buffer.byteLength(body, "latin1")}\r\n`;
    // Written, not ended: Node drops a page still rendering when the client half-closes.
    socket.write(Buffer.from(`${head}\r\n${length}Connection: close\r\n\r\n${body}`, "latin1"));
  });
}

const host = `Host: 127.0.0.1:${PRODUCTION_PORT}`;
const origin = `Origin: http://127.0.0.1:${PRODUCTION_PORT}`;
const get = (path: string, ...headers: string[]) => raw([`GET ${path} HTTP/1.1`, host, ...headers].join("\r\n"));

test("malformed paths are a 400 saying so, or the site's 404 page", async () => {
  for (const path of ["/%ff/", "/%/", "/%c0%af/", "/en/%ff/", "/%ed%a0%80/", "/softmax/%ff", "/_next/%ff"]) {
    const answer = await get(path);
    expect([path, answer.status]).toEqual([path, 400]);
    expect(answer.body).toContain("malformed %-escape");
  }
  const api = await get("/api/%ff");
  expect(api.status).toBe(400);
  expect(JSON.parse(api.body)).toMatchObject({ error: { code: "malformed-url" } });
  // Well-formed but no page: the site's own 404 page.
  for (const path of ["/%00/", "/..%2f/", "/%e4%bd%a0%e5%a5%bd/", `/${"a".repeat(4000)}/`, "/en/%f0%9f%98%80/"]) {
    const answer = await get(path);
    expect([path, answer.status]).toEqual([path, 404]);
    expect(answer.body).toContain("<html");
  }
  // Targets that are not a path at all.
  for (const target of ["*", "http://elsewhere.example/"]) {
    const answer = await raw(`OPTIONS ${target} HTTP/1.1\r\n${host}`);
    expect([target, answer.status]).toEqual([target, 400]);
    expect(answer.body).toContain("must be a path");
  }
});

test("TRACE, TRACK and CONNECT are refused with a 405 naming what is allowed", async () => {
  for (const [method, path] of [
    ["TRACE", "/"],
    ["TRACE", "/softmax/"],
    ["CONNECT", "/"],
    ["CONNECT", "127.0.0.1:22"],
  ]) {
    const answer = await raw(`${method} ${path} HTTP/1.1\r\n${host}`);
    expect([method, path, answer.status]).toEqual([method, path, 405]);
    expect(answer.body).toContain(`${method} is not allowed here; use GET, HEAD, POST, OPTIONS`);
  }
  const api = await raw(`TRACE /api/v1/grade HTTP/1.1\r\n${host}`);
  expect(api.status).toBe(405);
  expect(JSON.parse(api.body)).toMatchObject({ error: { code: "method-not-allowed" } });
  // Node's own parser refuses a method it does not know.
  expect((await raw(`TRACK / HTTP/1.1\r\n${host}`)).status).toBe(400);
});

test("a tampered router header is a 400 asking for a reload, on every kind of page", async () => {
  const tampered = ["%ff", "[1", encodeURIComponent("[1,2]"), encodeURIComponent('["",{"children":5}]')];
  for (const path of ["/softmax/", "/en/softmax/", "/signup/", "/progress/", "/instructor/", "/no-such-page/"])
    for (const tree of tampered) {
      // With the `_rsc` Next.js asks for, so the request reaches the page rather than its redirect.
      const answer = await get(`${path}?_rsc=x`, "RSC: 1", `Next-Router-State-Tree: ${tree}`);
      expect([path, tree, answer.status]).toEqual([path, tree, 400]);
      expect(answer.body).toContain("Next-Router-State-Tree");
    }
});

test("junk in any header, on pages and APIs, is never a 500", async () => {
  const paths = ["/", "/softmax/", "/signup/", "/progress/", "/no-such-page/", "/api/session", "/api/v1/exercises"];
  const junk = [
    "Host: \xff\xfe",
    "Host: [::1",
    "Cookie: lb_session=%ff; lb_learner=\xff",
    `Cookie: lb_session=${"a".repeat(4000)}; ${"c=v; ".repeat(500)}`,
    "Accept-Language: *;q=abc, \xff, zh;q=2",
    "Next-Action: not-an-action",
    "Next-Url: %ff",
    "RSC: 1\r\nNext-Router-Prefetch: 1\r\nNext-Router-Segment-Prefetch: /%ff",
    "X-Forwarded-Host: %ff\r\nX-Forwarded-Proto: gopher\r\nX-Forwarded-For: junk, ::::\r\nX-Forwarded-Port: abc",
    "x-middleware-subrequest: middleware:middleware:middleware:middleware:middleware",
    "Authorization: Bearer \xff",
    "Range: bytes=\xff\r\nIf-None-Match: \xff\r\nIf-Modified-Since: yesterday",
  ];
  for (const path of paths)
    for (const header of junk) {
      const answer = await get(path, ...header.split("\r\n"));
      expect([path, header.slice(0, 40), answer.status < 500]).toEqual([path, header.slice(0, 40), true]);
    }
});

test("every method on pages and APIs, and POSTs with bad bodies and content types, are never a 500", async () => {
  const paths = ["/", "/softmax/", "/signup/", "/instructor/", "/no-such-page/", "/api/answer", "/api/v1/grade"];
  const methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "SEARCH"];
  for (const path of paths)
    for (const method of methods) {
      const answer = await raw(`${method} ${path} HTTP/1.1\r\n${host}`);
      expect([method, path, answer.status < 500]).toEqual([method, path, true]);
    }
  const bodies: [string, string][] = [
    ["Content-Type: junk", "%ff{]"],
    ["Content-Type: multipart/form-data", "--\r\n"],
    ["Content-Type: multipart/form-data; boundary=b", "--b\r\nnot a part"],
    ["Content-Type: application/json; charset=utf-16", "\xff\xfe{}"],
    ["Content-Type: text/plain;charset=UTF-8\r\nNext-Action: 7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "[}"],
    ["Content-Type: application/json\r\nContent-Encoding: gzip", "not gzip"],
  ];
  for (const path of paths)
    for (const [headers, body] of bodies) {
      const answer = await raw(`POST ${path} HTTP/1.1\r\n${host}\r\n${origin}\r\n${headers}`, body);
      expect([path, headers, answer.status < 500]).toEqual([path, headers, true]);
    }
});
