import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type FontFace, fontFacesOf, katexStyleSheet, textOfHtml, unicodeRange } from "./katex-fonts-css";

const require = createRequire(import.meta.url);
const katexCss = readFileSync(
  path.join(path.dirname(require.resolve("katex/package.json")), "dist/katex.min.css"),
  "utf8",
);

describe("fontFacesOf", () => {
  it("reads every font KaTeX's style sheet declares, with its style, weight and file", () => {
    const faces = fontFacesOf(katexCss);
    expect(faces).toHaveLength(20);
    expect(faces).toContainEqual({
      family: "KaTeX_Main",
      style: "normal",
      weight: "400",
      display: "block",
      file: "KaTeX_Main-Regular",
    });
    expect(faces).toContainEqual(expect.objectContaining({ family: "KaTeX_Math", style: "italic", weight: "700" }));
  });
});

describe("textOfHtml", () => {
  it("drops tags and decodes character references, so KaTeX's ℝ and a Chinese heading both count", () => {
    expect(textOfHtml('<h2 id="x">小结</h2><span class="mord">&#x211D;</span>&lt;&amp;&#8722;')).toBe(" 小结  ℝ <&−");
    expect(textOfHtml("&nosuch; &#x110000;")).toBe("&nosuch; &#x110000;");
  });
});

describe("unicodeRange", () => {
  it("merges runs of code points and writes them as CSS does", () => {
    expect(unicodeRange([0x32, 0x30, 0x31, 0x211d, 0x41, 0x30])).toBe("U+30-32,U+41,U+211D");
    expect(unicodeRange([])).toBe("");
  });
});

describe("katexStyleSheet", () => {
  it("declares each font whole for the characters it has, then its subset, and drops KaTeX's own rules", () => {
    const [main] = fontFacesOf(katexCss).filter((face) => face.file === "KaTeX_Main-Regular");
    const css = katexStyleSheet(katexCss, [
      {
        face: main as FontFace,
        file: "KaTeX_Main-Regular.woff2",
        has: [0x28, 0x29, 0x3d, 0x41],
        subset: { file: "KaTeX_Main-Regular.course.woff2", characters: [0x28, 0x29, 0x3d] },
      },
    ]);
    const rules = css.match(/@font-face \{[^}]*\}/g) ?? [];
    expect(rules).toHaveLength(2);
    expect(rules[0]).toContain('src: url("./KaTeX_Main-Regular.woff2") format("woff2");');
    expect(rules[0]).toContain("unicode-range: U+28-29,U+3D,U+41;");
    // Declared last, tried first.
    expect(rules[1]).toContain('src: url("./KaTeX_Main-Regular.course.woff2") format("woff2");');
    expect(rules[1]).toContain("unicode-range: U+28-29,U+3D;");
    for (const rule of rules) {
      expect(rule).toContain("font-family: KaTeX_Main;");
      expect(rule).toContain("font-style: normal;");
      expect(rule).toContain("font-weight: 400;");
      expect(rule).toContain("font-display: block;");
    }
    // The rest of KaTeX's style sheet is kept, without a rule that fetches its fonts.
    expect(css).toContain(".katex{");
    expect(css).not.toContain("url(fonts/");
  });
});
