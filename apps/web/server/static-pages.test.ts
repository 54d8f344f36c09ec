import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { serveForTest } from "./serve-for-test";
import { chooseEncoding, loadStaticPages, serveStaticPage } from "./static-pages";

// The prerendered pages as the production server sends them, over real HTTP, from a build
// output laid out as Next.js writes it.

const dir = mkdtempSync(path.join(tmpdir(), "static-pages-"));
const page = (file: string, html: string, status?: number) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), html);
  writeFileSync(
    path.join(dir, file.replace(/\.html$/, ".meta")),
    JSON.stringify(status ? { status } : { headers: {} }),
  );
};
page("zh.html", "<html>首页</html>");
page("zh/attention.html", `<html>注意力${"，".repeat(2000)}</html>`);
page("zh/注意力.html", "<html>中文网址</html>");
page("en.html", "<html>home</html>");
page("en/attention.html", "<html>attention</html>");
page("en/gone.html", "<html>not found</html>", 404);
writeFileSync(path.join(dir, "zh/notes.txt"), "not a page");
// Prerendered route handlers: a body and its meta, with the type the handler gave it.
const body = (file: string, text: string, contentType: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
  writeFileSync(
    path.join(dir, file.replace(/\.body$/, ".meta")),
    JSON.stringify({ status: 200, headers: { "content-type": contentType } }),
  );
};
body("search-index/zh.json.body", '{"language":"zh"}', "application/json");
body("en/index.xml.body", "<rss/>", "application/rss+xml; charset=utf-8");

const server = serveForTest(async () => {
  const pages = await loadStaticPages(dir, [
    { code: "zh", root: "/" },
    { code: "en", root: "/en/" },
  ]);
  return (req, res) => serveStaticPage(pages, req, res);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("serveStaticPage", () => {
  it("serves each language's pages at their public paths, the default language at the root", async () => {
    for (const [url, text] of [
      ["/", "首页"],
      ["/attention/", "注意力"],
      [`/${encodeURIComponent("注意力")}/`, "中文网址"],
      ["/en/", "home"],
      ["/en/attention/", "attention"],
    ]) {
      const response = await fetch(`${server.origin}${url}`, { headers: { "Accept-Encoding": "identity" } });
      expect(response.status, url).toBe(200);
      expect(await response.text(), url).toContain(text);
      expect(response.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=\d+/);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
  });

  it("serves a prerendered route handler's body at its path, with its type and without a page's headers", async () => {
    const index = await fetch(`${server.origin}/search-index/zh.json`, { headers: { "Accept-Encoding": "br" } });
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("application/json");
    expect(index.headers.get("content-encoding")).toBe("br");
    expect(index.headers.get("vary")).toBe("Accept-Encoding");
    expect(index.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=\d+/);
    expect(await index.json()).toEqual({ language: "zh" });
    const feed = await fetch(`${server.origin}/en/index.xml`);
    expect(feed.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(await feed.text()).toBe("<rss/>");
    expect((await fetch(`${server.origin}/search-index/zh.json.body`)).status).not.toBe(200);
    const post = await fetch(`${server.origin}/search-index/zh.json`, { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("sends the encoding the request accepts, compressed once, with an ETag per encoding", async () => {
    const raw = await (
      await fetch(`${server.origin}/attention/`, { headers: { "Accept-Encoding": "identity" } })
    ).text();
    const gzipped = await fetch(`${server.origin}/attention/`, { headers: { "Accept-Encoding": "gzip" } });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    const brotli = await fetch(`${server.origin}/attention/`, { headers: { "Accept-Encoding": "gzip, br" } });
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(await brotli.text()).toBe(raw);
    expect(brotli.headers.get("etag")).not.toBe(gzipped.headers.get("etag"));
    expect(gzipped.headers.get("vary")).toContain("Accept-Encoding");
    // fetch decodes gzip itself; the bytes on the wire are gzip of the same page.
    const wire = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      import("node:http").then(({ get }) =>
        get(`${server.origin}/attention/`, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve(Buffer.concat(chunks)));
        }).on("error", reject),
      );
    });
    expect(gunzipSync(wire).toString()).toBe(raw);
    expect(wire.length).toBeLessThan(Buffer.byteLength(raw) / 5);
  });

  it("answers a matching If-None-Match with 304 and HEAD without a body", async () => {
    const first = await fetch(`${server.origin}/en/`, { headers: { "Accept-Encoding": "gzip" } });
    const etag = first.headers.get("etag") as string;
    const again = await fetch(`${server.origin}/en/`, {
      headers: { "Accept-Encoding": "gzip", "If-None-Match": `"x", ${etag}` },
    });
    expect(again.status).toBe(304);
    const other = await fetch(`${server.origin}/en/`, {
      headers: { "Accept-Encoding": "identity", "If-None-Match": etag },
    });
    expect(other.status).toBe(200);
    const head = await fetch(`${server.origin}/en/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("leaves to Next.js what is not a prerendered page's HTML", async () => {
    const cases: Array<[string, RequestInit]> = [
      ["/attention/", { method: "POST", body: "x" }],
      ["/attention/", { headers: { RSC: "1" } }],
      ["/attention/", { headers: { "Next-Router-Prefetch": "1" } }],
      ["/attention/?_rsc=abc", {}],
      ["/attention", {}],
      ["/en/gone/", {}],
      ["/notes/", {}],
      ["/nowhere/", {}],
    ];
    for (const [url, init] of cases) {
      expect((await fetch(`${server.origin}${url}`, init)).status, `${init.method ?? "GET"} ${url}`).toBe(418);
    }
    // Another query string is the same page.
    expect((await fetch(`${server.origin}/attention/?utm_source=x`)).status).toBe(200);
  });
});

describe("chooseEncoding", () => {
  it("prefers Brotli, then gzip, and honours q=0", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*, br;q=0")).toBe("gzip");
    expect(chooseEncoding(undefined)).toBe("identity");
    expect(chooseEncoding("identity")).toBe("identity");
  });
});
