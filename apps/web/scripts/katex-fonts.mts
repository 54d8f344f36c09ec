// KaTeX's style sheet and fonts, with each font also cut down to the characters the course's
// formulas use, before `next build` and `next dev`: src/generated/katex-fonts/ (not in git),
// whose katex.css the layout imports in place of KaTeX's own.
//
// A lesson's first screen needs four or five of KaTeX's fonts, 75 KB whole, fetched before its
// formulas can be drawn; the course uses a small part of each (KaTeX_AMS, 28 KB, draws ℝ and a
// few more). Each subset is declared as the same font (family, style, weight) as KaTeX's own,
// with a `unicode-range` of the characters it holds. A browser checks the faces of a font from
// the last declared to the first and fetches one only for a character in its range, so a page
// fetches just the subsets; a character outside them — in a formula a learner types into an
// answer field, say, or in an exercise's numbers — brings KaTeX's whole font, as before. Each
// whole font is declared for the characters it has: KaTeX's own rules cover every character, so
// a zero-width space (KaTeX writes one after each subscript) or a Chinese word in `\text{}`
// fetched every font of its formula, to find no glyph in them.
//
//   pnpm --filter @llm-basics/web fonts        (`build` and `dev` run it first)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadSite } from "@llm-basics/content";
import { Blob, Face } from "harfbuzzjs";
import subsetFont from "subset-font";
import { type FontFace, fontFacesOf, type KatexFont, katexStyleSheet, textOfHtml } from "./katex-fonts-css.ts";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(webDir, "src/generated/katex-fonts");
const require = createRequire(import.meta.url);
const katexDir = path.dirname(require.resolve("katex/package.json"));
const contentDir = process.env.CONTENT_DIR ?? path.join(webDir, "../../content");

/** The characters a font has glyphs for (harfbuzzjs, subset-font's engine, reads its cmap). */
function charactersOf(font: Buffer): Set<number> {
  return new Set(new Face(new Blob(new Uint8Array(font)), 0).collectUnicodes());
}

// Every character on every page, drafts left out as the production build leaves them; plus
// printable ASCII, which exercises' numbers and most answers are written in.
const site = await loadSite({ contentDir, includeDrafts: false });
const used = new Set<number>();
for (let code = 0x20; code < 0x7f; code++) used.add(code);
const pages = site.languages.flatMap(({ code }) => [site.homeIn(code), ...site.lessonsIn(code)]);
for (const page of pages) {
  for (const character of textOfHtml(page?.html ?? "")) used.add(character.codePointAt(0) ?? 0);
}

const katexCss = readFileSync(path.join(katexDir, "dist/katex.min.css"), "utf8");
const faces: FontFace[] = fontFacesOf(katexCss);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const fonts: KatexFont[] = [];
let whole = 0;
let cut = 0;
for (const face of faces) {
  const ttf = readFileSync(path.join(katexDir, "dist/fonts", `${face.file}.ttf`));
  const woff2 = readFileSync(path.join(katexDir, "dist/fonts", `${face.file}.woff2`));
  const has = [...charactersOf(ttf)].sort((a, b) => a - b);
  // Every browser the course supports reads WOFF2: KaTeX's WOFF and TrueType copies are left out.
  writeFileSync(path.join(outDir, `${face.file}.woff2`), woff2);
  const characters = has.filter((code) => used.has(code));
  if (characters.length === 0) {
    fonts.push({ face, file: `${face.file}.woff2`, has });
    continue;
  }
  const subset = await subsetFont(ttf, String.fromCodePoint(...characters), { targetFormat: "woff2" });
  writeFileSync(path.join(outDir, `${face.file}.course.woff2`), subset);
  fonts.push({ face, file: `${face.file}.woff2`, has, subset: { file: `${face.file}.course.woff2`, characters } });
  whole += woff2.length;
  cut += subset.length;
}
writeFileSync(path.join(outDir, "katex.css"), katexStyleSheet(katexCss, fonts));
console.log(
  `src/generated/katex-fonts: ${fonts.filter((font) => font.subset).length} of KaTeX's ${faces.length} fonts hold ` +
    `the course's characters; those cut from ${Math.round(whole / 1024)} KB to ${Math.round(cut / 1024)} KB`,
);
