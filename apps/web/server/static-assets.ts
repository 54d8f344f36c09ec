import { readdir, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { contentTag, type Prepared, sendPrepared } from "./static-pages";

// The build's static assets (`.next/static`: the pages' scripts and style sheets, KaTeX's fonts),
// served from memory under /_next/static/. Their names carry their content's hash, so browsers
// and shared caches keep them for a year without asking again (as Next.js sends them). The build
// compressed the text ones once with Brotli at its best and gzip (scripts/precompress.mjs, files
// beside each asset): Next.js would gzip each one again for every request, and never with
// Brotli, which makes the scripts every lesson loads about a sixth smaller.

export const STATIC_ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** Served assets' types by extension; others are left to Next.js. */
const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
};

interface StaticAsset extends Prepared {
  type: string;
}

/**
 * The assets under `staticDir` (`.next/static`) by URL path (`/_next/static/chunks/x.js`), with
 * the compressed copies the build wrote beside them (`x.js.br`, `x.js.gz`): an asset without one
 * (a font, a file too small to gain from it) goes out as it is.
 */
export async function loadStaticAssets(staticDir: string): Promise<Map<string, StaticAsset>> {
  const assets = new Map<string, StaticAsset>();
  const entries = await readdir(staticDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const present = new Set(files);
  const copy = (file: string) => (present.has(file) ? readFile(file) : Promise.resolve(undefined));
  await Promise.all(
    files.map(async (file) => {
      const type = TYPES[path.extname(file)];
      if (!type) return;
      const [identity, br, gzip] = await Promise.all([readFile(file), copy(`${file}.br`), copy(`${file}.gz`)]);
      const url = `/_next/static/${path.relative(staticDir, file).split(path.sep).join("/")}`;
      assets.set(url, { identity, br, gzip, tag: contentTag(identity), type });
    }),
  );
  return assets;
}

/** Answers `req` from `assets` when it is a GET or HEAD of one of them; false (nothing sent) otherwise. */
export function serveStaticAsset(
  assets: ReadonlyMap<string, StaticAsset>,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "/";
  if (!url.startsWith("/_next/static/")) return false;
  const query = url.indexOf("?");
  const asset = assets.get(query === -1 ? url : url.slice(0, query));
  if (!asset) return false;
  sendPrepared(asset, req, res, {
    "Cache-Control": STATIC_ASSET_CACHE_CONTROL,
    "Content-Type": asset.type,
    ...(asset.gzip || asset.br ? { Vary: "Accept-Encoding" } : {}),
  });
  return true;
}

/**
 * KaTeX's fonts that nearly every lesson's first screen draws with: the course's cuts of
 * KaTeX_Main (text, digits) and KaTeX_Math (italic variables) from scripts/katex-fonts.mts.
 */
const FIRST_SCREEN_FONTS = ["KaTeX_Main-Regular.course.", "KaTeX_Math-Italic.course."];

/**
 * A `Link` header that preloads `FIRST_SCREEN_FONTS` as the build named them (`assets` is
 * loadStaticAssets' map), or undefined when the build has none of them. Without it a browser
 * asks for a font only once its style sheet is read and a formula laid out, and draws the
 * first screen's formulas in a fallback font first: when the font arrives they change width and
 * the text below them moves (Lighthouse measured a layout shift of 0.07 on the gradient descent
 * lesson, bench/RESULTS.md).
 */
export function fontPreloadLink(assets: ReadonlyMap<string, unknown>): string | undefined {
  const links: string[] = [];
  for (const prefix of FIRST_SCREEN_FONTS) {
    const url = [...assets.keys()].find(
      (key) => key.startsWith(`/_next/static/media/${prefix}`) && key.endsWith(".woff2"),
    );
    if (url) links.push(`<${url}>; rel=preload; as=font; type="font/woff2"; crossorigin`);
  }
  return links.length > 0 ? links.join(", ") : undefined;
}
