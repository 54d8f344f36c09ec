import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { serveForTest } from "./serve-for-test";
import { fontPreloadLink, loadStaticAssets, serveStaticAsset } from "./static-assets";

// The build's assets as the production server sends them, over real HTTP, from a `.next/static`
// laid out as Next.js writes it and compressed by the build's own script.

const dir = mkdtempSync(path.join(tmpdir(), "static-assets-"));
const file = (name: string, body: string | Buffer) => {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), body);
};
const script = `globalThis.lesson = ${JSON.stringify("注意力，".repeat(3000))};\n`;
file("chunks/0abc.js", script);
file("chunks/1def.css", `.katex { font: 1em KaTeX_Main; }\n${".a{color:red}".repeat(500)}`);
file("chunks/tiny.js", "1");
// A font is compressed already: sent as it is.
const font = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251));
file("media/KaTeX_Main-Regular.abc.woff2", font);
file("media/notes.unknown", "not an asset type");

const server = serveForTest(async () => {
  execFileSync(process.execPath, [path.join(import.meta.dirname, "../scripts/precompress.mjs"), dir]);
  const assets = await loadStaticAssets(dir);
  return (req, res) => serveStaticAsset(assets, req, res);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The response's status, headers and the bytes on the wire (not decoded). */
function wire(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      get(`${server.origin}${url}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      }).on("error", reject);
    },
  );
}

describe("the build's compressed copies", () => {
  it("are written beside each text asset, not beside fonts or a file compression would not shrink", () => {
    expect(existsSync(path.join(dir, "chunks/0abc.js.br"))).toBe(true);
    expect(existsSync(path.join(dir, "chunks/0abc.js.gz"))).toBe(true);
    expect(existsSync(path.join(dir, "chunks/1def.css.br"))).toBe(true);
    expect(existsSync(path.join(dir, "media/KaTeX_Main-Regular.abc.woff2.br"))).toBe(false);
    expect(existsSync(path.join(dir, "chunks/tiny.js.br"))).toBe(false);
  });
});

describe("serveStaticAsset", () => {
  it("sends a script compressed with Brotli when the browser accepts it, gzip otherwise, kept for a year", async () => {
    const brotli = await wire("/_next/static/chunks/0abc.js", { "Accept-Encoding": "gzip, deflate, br" });
    expect(brotli.status).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(brotli.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotli.headers.vary).toBe("Accept-Encoding");
    expect(brotliDecompressSync(brotli.body).toString()).toBe(script);
    expect(brotli.body.length).toBeLessThan(Buffer.byteLength(script) / 20);

    const gzipped = await fetch(`${server.origin}/_next/static/chunks/0abc.js`, {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(await gzipped.text()).toBe(script);
    const plain = await wire("/_next/static/chunks/0abc.js", { "Accept-Encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it("sends a font as it is, and a style sheet as CSS", async () => {
    const woff2 = await wire("/_next/static/media/KaTeX_Main-Regular.abc.woff2", { "Accept-Encoding": "gzip, br" });
    expect(woff2.headers["content-type"]).toBe("font/woff2");
    expect(woff2.headers["content-encoding"]).toBeUndefined();
    expect(woff2.headers.vary).toBeUndefined();
    expect(woff2.body.equals(font)).toBe(true);
    const css = await fetch(`${server.origin}/_next/static/chunks/1def.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain("KaTeX_Main");
  });

  it("answers a matching If-None-Match with 304, and HEAD without a body", async () => {
    const first = await fetch(`${server.origin}/_next/static/chunks/1def.css`, {
      headers: { "Accept-Encoding": "br" },
    });
    const etag = first.headers.get("etag") as string;
    const again = await fetch(`${server.origin}/_next/static/chunks/1def.css`, {
      headers: { "Accept-Encoding": "br", "If-None-Match": etag },
    });
    expect(again.status).toBe(304);
    const head = await wire("/_next/static/chunks/1def.css", { "Accept-Encoding": "br" });
    expect(Number(head.headers["content-length"])).toBe(head.body.length);
    const headOnly = await fetch(`${server.origin}/_next/static/chunks/1def.css`, { method: "HEAD" });
    expect(headOnly.status).toBe(200);
    expect(await headOnly.text()).toBe("");
  });

  it("leaves to Next.js what is not one of the build's assets", async () => {
    for (const [url, init] of [
      ["/_next/static/chunks/missing.js", {}],
      ["/_next/static/chunks/0abc.js", { method: "POST", body: "x" }],
      ["/_next/static/media/notes.unknown", {}],
      ["/_next/static/chunks/0abc.js.br", {}],
      ["/chunks/0abc.js", {}],
    ] as Array<[string, RequestInit]>) {
      expect((await fetch(`${server.origin}${url}`, init)).status, url).toBe(418);
    }
    // A query string is the same asset (Next.js adds ?dpl= on some deployments).
    expect((await fetch(`${server.origin}/_next/static/chunks/0abc.js?dpl=x`)).status).toBe(200);
  });
});

describe("fontPreloadLink", () => {
  it("names the first screen's KaTeX fonts as the build hashed them, or nothing when there are none", () => {
    const assets = new Map<string, unknown>([
      ["/_next/static/media/KaTeX_Main-Regular.0aa.woff2", {}],
      ["/_next/static/media/KaTeX_Main-Regular.course.1bb.woff2", {}],
      ["/_next/static/media/KaTeX_Math-Italic.course.2cc.woff2", {}],
      ["/_next/static/media/KaTeX_AMS-Regular.course.3dd.woff2", {}],
      ["/_next/static/chunks/KaTeX_Main-Regular.course.js", {}],
    ]);
    expect(fontPreloadLink(assets)).toBe(
      '</_next/static/media/KaTeX_Main-Regular.course.1bb.woff2>; rel=preload; as=font; type="font/woff2"; crossorigin, ' +
        '</_next/static/media/KaTeX_Math-Italic.course.2cc.woff2>; rel=preload; as=font; type="font/woff2"; crossorigin',
    );
    expect(fontPreloadLink(new Map([["/_next/static/chunks/0abc.js", {}]]))).toBeUndefined();
  });
});
