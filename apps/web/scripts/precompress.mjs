// Compresses the build's text assets once (`.next/static`: scripts, style sheets, SVG, TrueType
// fonts), after `next build`: `x.js.br` (Brotli at quality 11, the best, too slow to do per
// request) and `x.js.gz` (gzip 9) beside each. The production server sends them from memory
// (server/static-assets.ts). A copy no smaller than the file is not written.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

// The directory may be given (the unit test does); it is the build's otherwise.
const staticDir = path.resolve(
  process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../.next/static"),
);
// The text types server/static-assets.ts serves (fonts in WOFF and WOFF2 are compressed already).
const compressible = new Set([".js", ".css", ".json", ".map", ".svg", ".ttf", ".wasm"]);

let files = 0;
let before = 0;
let after = 0;
for (const entry of readdirSync(staticDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !compressible.has(path.extname(entry.name))) continue;
  const file = path.join(entry.parentPath, entry.name);
  const body = readFileSync(file);
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  const gz = gzipSync(body, { level: 9 });
  if (br.length < body.length) writeFileSync(`${file}.br`, br);
  if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
  files += 1;
  before += body.length;
  after += Math.min(br.length, body.length);
}
console.log(
  `${path.relative(process.cwd(), staticDir) || "."}: ${files} files compressed, ${Math.round(before / 1024)} KB → ${Math.round(after / 1024)} KB with Brotli`,
);
