import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { PAGE_CACHE_CONTROL } from "@/lib/http/page-cache";

// The prerendered pages (the home pages and every lesson, in each language), served from memory
// and compressed once at start rather than once per view. They are the same for every visitor
// (a learner's own numbers come from GET /api/my-exercises), so they are sent with a shared-cache
// policy and an ETag, and without running Next.js, the proxy or any per-request code. Next.js
// wrote them at build time (.next/server/app/<lang>/<path>.html) and would serve the same bytes
// from the same files; anything else (RSC requests, server actions, other pages, 404s) is left
// to Next.js.

/** As Next.js varies a page's URL (its client router asks the same URL for RSC with these headers). */
const VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";

/** Headers with which Next.js's client router asks a page's URL for something other than its HTML. */
const ROUTER_HEADERS = [
  "rsc",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-action",
];

/** A response body prepared once: as it is, and compressed in the encodings it has. */
export interface Prepared {
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  /** The body's hash; each encoding's ETag adds its name. */
  tag: string;
}

interface StaticPage extends Prepared {
  gzip: Buffer;
  br: Buffer;
  /** A page's `text/html`, or what a prerendered route handler said its body is. */
  contentType: string;
}

/** The first 22 characters of the body's SHA-256, for an ETag. */
export function contentTag(body: Buffer): string {
  return createHash("sha256").update(body).digest("base64url").slice(0, 22);
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * The prerendered pages under `appDir` (`.next/server/app`) by their public path: `zh.html` →
 * `/`, `zh/attention.html` → `/attention/` (the default language lives at the root),
 * `en.html` → `/en/`, `en/attention.html` → `/en/attention/`.
 */
export async function loadStaticPages(
  appDir: string,
  languages: { code: string; root: string }[],
): Promise<Map<string, StaticPage>> {
  const pages = new Map<string, StaticPage>();
  const files: Array<{ file: string; url: string }> = [];
  const roots = new Map(languages.map(({ code, root }) => [code, root]));
  // One walk of the build output: a language's pages (`zh.html`, `zh/attention.html`) and the
  // prerendered route handlers' bodies (`search-index/zh.json.body` → `/search-index/zh.json`).
  for (const entry of await readdir(appDir, { recursive: true }).catch(() => [] as string[])) {
    const body = entry.endsWith(".body");
    if (!body && !entry.endsWith(".html")) continue;
    const [first = "", ...rest] = entry.slice(0, entry.lastIndexOf(".")).split(path.sep);
    const root = roots.get(first);
    const file = path.join(appDir, entry);
    if (body) {
      const segments = root === undefined ? [first, ...rest] : rest;
      files.push({ file, url: `${root ?? "/"}${segments.map(encodeSegment).join("/")}` });
    } else if (root !== undefined) {
      files.push({ file, url: rest.length === 0 ? root : `${root}${rest.map(encodeSegment).join("/")}/` });
    }
  }
  await Promise.all(
    files.map(async ({ file, url }) => {
      // Only what Next.js prerendered as a 200 (its .meta beside the file says so).
      const metaText = await readFile(file.replace(/\.(?:html|body)$/, ".meta"), "utf8").catch(() => undefined);
      if (metaText === undefined) return;
      const meta = JSON.parse(metaText) as { status?: number; headers?: Record<string, string> };
      if ((meta.status ?? 200) !== 200) return;
      const contentType = file.endsWith(".html") ? "text/html; charset=utf-8" : meta.headers?.["content-type"];
      if (contentType === undefined) return;
      const identity = await readFile(file);
      const [gzipped, br] = await Promise.all([
        gzipAsync(identity, { level: 9 }),
        brotliAsync(identity, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
        }),
      ]);
      pages.set(url, { identity, gzip: gzipped, br, tag: contentTag(identity), contentType });
    }),
  );
  return pages;
}

/** A file name's segment as a browser sends it in a URL (`注意力` → `%E6%B3%A8…`). */
function encodeSegment(segment: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(segment));
  } catch {
    return encodeURIComponent(segment);
  }
}

/**
 * The encoding to send: Brotli, else gzip, else none, as the request's Accept-Encoding allows
 * and among those `available`.
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  available: { br?: unknown; gzip?: unknown } = { br: true, gzip: true },
): "br" | "gzip" | "identity" {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name = "", ...parameters] = part.split(";").map((s) => s.trim());
    if (name === "") continue;
    const q = parameters.find((p) => p.startsWith("q="));
    accepted.set(name, q === undefined ? 1 : Number(q.slice(2)));
  }
  const weight = (name: string) => accepted.get(name) ?? (accepted.has("*") ? (accepted.get("*") as number) : 0);
  if (available.br && weight("br") > 0) return "br";
  if (available.gzip && weight("gzip") > 0) return "gzip";
  return "identity";
}

/**
 * Answers `req` from `pages` when it is a GET or HEAD of a prerendered page's HTML or route
 * handler's body; false
 * (nothing sent) for anything else.
 */
export function serveStaticPage(
  pages: ReadonlyMap<string, StaticPage>,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string> = {},
): boolean {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);
  const page = pages.get(pathname);
  if (!page) return false;
  const html = page.contentType.startsWith("text/html");
  if (req.method !== "GET" && req.method !== "HEAD") {
    // A page takes POSTs (its server actions, through Next.js); a data file only is read.
    if (html) return false;
    res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
    res.end(`${req.method} is not allowed here: this file is only read (GET or HEAD)\n`);
    return true;
  }
  if (query !== -1 && /(?:^|&)_rsc=/.test(url.slice(query + 1))) return false;
  if (ROUTER_HEADERS.some((name) => req.headers[name] !== undefined)) return false;

  sendPrepared(page, req, res, {
    // The extra headers are a page's (its fonts' preload), not a data file's.
    ...(html ? headers : {}),
    "Cache-Control": PAGE_CACHE_CONTROL,
    "Content-Type": page.contentType,
    Vary: html ? VARY : "Accept-Encoding",
  });
  return true;
}

/**
 * Sends `body` in the best encoding the request accepts and it has, with a strong ETag per
 * encoding (a 304 when the request already holds it), and `headers` (its type, its caching).
 */
export function sendPrepared(
  body: Prepared,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
): void {
  const encoding = chooseEncoding(req.headers["accept-encoding"], body);
  const etag = `"${body.tag}-${encoding}"`;
  const { "Content-Type": contentType, ...rest } = headers;
  const common = { ...rest, ETag: etag };
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const bytes = body[encoding] ?? body.identity;
  res.writeHead(200, {
    ...common,
    ...(contentType ? { "Content-Type": contentType } : {}),
    "Content-Length": String(bytes.length),
    ...(encoding === "identity" ? {} : { "Content-Encoding": encoding }),
  });
  res.end(req.method === "HEAD" ? undefined : bytes);
}
