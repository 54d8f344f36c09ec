import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { FormulaRenderer } from "./math-render.ts";
import type { RenderedDocument } from "./pipeline.ts";
import { annotations, renderSnippet } from "./test-helpers.ts";

const seed = readFileSync(new URL("../../../content/_index.md", import.meta.url), "utf8");

describe("the seed home page", () => {
  let page: RenderedDocument;
  beforeAll(async () => {
    page = await renderSnippet(seed);
  });

  it("renders all 33 formulas: 13 display and 20 inline, with no diagnostics", async () => {
    expect(page.formulas).toEqual({ display: 13, inline: 20 });
    expect(page.diagnostics).toEqual([]);
    expect(page.html.match(/class="katex"/g)).toHaveLength(33);
    expect(page.html.match(/class="katex-display"/g)).toHaveLength(13);
    expect(page.html).not.toContain("katex-error");
  });

  it("hands KaTeX the formulas exactly as written: `_`, `*`, `\\\\` and `'` untouched", async () => {
    const tex = annotations(page.html);
    expect(tex).toContain(String.raw`\text{head}_i = \text{Attention}(QW_i^Q, KW_i^K, VW_i^V)`);
    expect(tex.some((t) => t.includes(String.raw`a_{11} & a_{12} & \cdots & a_{1n} \\`))).toBe(true);
    expect(tex).toContain(String.raw`\nabla J(\theta)`);
    expect(page.html).not.toMatch(/<em>[^<]*_/);
  });

  it("splits the one-line $$ formulas out of the numbered list's paragraphs", async () => {
    expect(page.html).toMatch(
      /<li>\s*<p><strong>矩阵加法<\/strong>：相同维度的矩阵对应元素相加<\/p>\s*<div class="math math-display">/,
    );
  });

  it("resolves the ref inside the link destination", async () => {
    expect(page.html).toContain('<a href="/matrix_basics/">矩阵基础知识</a>');
  });
});

describe("math delimiters as Hugo's passthrough reads them", () => {
  it("leaves single dollars as text unless the site turns them on", async () => {
    const off = await renderSnippet("It costs $5 and $10.");
    expect(off.formulas).toEqual({ display: 0, inline: 0 });
    expect(off.html).toContain("It costs $5 and $10.");
    const on = await renderSnippet("Let $x_1$ be given.", { singleDollar: true });
    expect(on.formulas).toEqual({ display: 0, inline: 1 });
  });

  it("reads \\( \\) as inline math and never as Markdown", async () => {
    const page = await renderSnippet(
      String.raw`Where \( a_1 * b_2 * c_{3} \) and \(\{x \mid x > 0\}\) and \( 50\% \).`,
    );
    expect(page.formulas).toEqual({ display: 0, inline: 3 });
    expect(annotations(page.html)).toEqual(["a_1 * b_2 * c_{3}", String.raw`\{x \mid x > 0\}`, String.raw`50\%`]);
    expect(page.html).not.toContain("<em>");
  });

  it("treats \\[ \\] and $$ $$ inside a paragraph as display math that splits it", async () => {
    const page = await renderSnippet(String.raw`Before \[ x^2 \] middle $$ y_1 $$ after.`);
    expect(page.formulas).toEqual({ display: 2, inline: 0 });
    expect(page.html).toMatch(
      /<p>Before<\/p>\s*<div class="math math-display">[\s\S]*<p>middle<\/p>[\s\S]*<p>after.<\/p>/,
    );
  });

  it("reads a multi-line \\[ block and a $$ block", async () => {
    const page = await renderSnippet(
      "\\[\na \\\\\nb\n\\]\n\n$$\n\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}\n$$\n",
    );
    expect(page.formulas).toEqual({ display: 2, inline: 0 });
    expect(page.diagnostics).toEqual([]);
  });

  it("keeps an escaped \\\\( as text, and code spans win over math", async () => {
    const page = await renderSnippet("A literal \\\\(x\\) and `\\(y\\)` in code.");
    expect(page.formulas).toEqual({ display: 0, inline: 0 });
    expect(page.html).toContain("<code>\\(y\\)</code>");
  });

  it("does not close \\( at a \\\\ followed by )", async () => {
    const page = await renderSnippet(String.raw`\( \begin{pmatrix} a \\) \end{pmatrix} \)`);
    expect(annotations(page.html)).toEqual([String.raw`\begin{pmatrix} a \\) \end{pmatrix}`]);
  });

  it("after an unclosed \\( still finds other kinds of math, and math in the next paragraph", async () => {
    const page = await renderSnippet("\\( a \\( b \\[ c \\] and more\n\nNext \\( d \\)");
    expect(annotations(page.html)).toEqual(["c", "d"]);
    // As in Hugo: an opener that never closes is an ordinary Markdown escape.
    expect(page.html).toContain("<p>( a ( b</p>");
  });

  it("leaves an unclosed \\( as text instead of swallowing the page", async () => {
    const page = await renderSnippet("An open \\( x and the rest *stays* Markdown.");
    expect(page.formulas).toEqual({ display: 0, inline: 0 });
    expect(page.html).toContain("<em>stays</em>");
  });
});

describe("formulas KaTeX rejects", () => {
  it("reports a parse error at the file, line and column of the bad token", async () => {
    const page = await renderSnippet("# T\n\nGood \\( x \\) then bad \\( \\frac{1}{ \\) here.");
    expect(page.diagnostics).toHaveLength(1);
    expect(page.diagnostics[0]).toMatchObject({ severity: "error", rule: "math-parse", file: "page.md", line: 3 });
    expect(page.diagnostics[0]?.message).toContain("KaTeX cannot parse");
    // No red error text reaches a reader: the source is shown quietly instead.
    expect(page.html).not.toContain("katex-error");
    expect(page.html).toContain('<code class="math-source">');
  });

  it("locates an error inside a multi-line $$ block on its own line", async () => {
    const page = await renderSnippet("Intro\n\n$$\nx = 1 \\\\\ny = \\undefinedmacro\n$$\n");
    expect(page.diagnostics[0]).toMatchObject({ rule: "math-parse", line: 5, column: 5 });
  });

  it("refuses \\href and \\url (trust is off) as errors, not red text", async () => {
    const page = await renderSnippet(String.raw`\( \href{javascript:alert(1)}{click} \)`);
    expect(page.diagnostics[0]).toMatchObject({ severity: "error", rule: "math-untrusted" });
    expect(page.html).not.toContain('href="javascript:');
    expect(page.html).not.toContain("katex-error");
  });

  it("stops runaway macros (maxExpand)", async () => {
    const page = await renderSnippet(String.raw`\( \def\a{\a}\a \)`);
    expect(page.diagnostics[0]).toMatchObject({ severity: "error", rule: "math-parse" });
  });

  it("warns about bare Chinese in math mode and suggests \\text", async () => {
    const page = await renderSnippet("\\( 注意力 = 1 \\)");
    expect(page.diagnostics[0]).toMatchObject({ severity: "warning", rule: "math-strict" });
    expect(page.diagnostics[0]?.message).toContain("\\text{…}");
    expect((await renderSnippet("\\( \\text{注意力} = 1 \\)")).diagnostics).toEqual([]);
  });
});

describe("positions and robustness", () => {
  it("points at the bad command even after padding, inside a blockquote and a list item", async () => {
    const padded = await renderSnippet("text \\(   \\bad \\)");
    expect(padded.diagnostics[0]).toMatchObject({ rule: "math-parse", line: 1, column: 11 });
    const quoted = await renderSnippet("> $$\n> x = 1 \\\\\n> y = \\bad\n> $$");
    expect(quoted.diagnostics[0]).toMatchObject({ rule: "math-parse", line: 3, column: 7 });
    const listed = await renderSnippet("- a \\(x +\n  \\bad\\)");
    expect(listed.diagnostics[0]).toMatchObject({ rule: "math-parse", line: 2, column: 3 });
  });

  it("warns once per formula about bare Chinese, not once per character", async () => {
    const page = await renderSnippet("\\( 注意力机制的权重 = 1 \\)");
    expect(page.diagnostics).toHaveLength(1);
  });

  it("turns absurd nesting into a diagnostic instead of a crash", async () => {
    const page = await renderSnippet(`\\( ${"{".repeat(3000)}x${"}".repeat(3000)} \\)`);
    expect(page.diagnostics[0]).toMatchObject({ severity: "error", rule: "math-parse" });
    const quotes = await renderSnippet(`${">".repeat(5000)} x`);
    expect(quotes.diagnostics).toEqual([expect.objectContaining({ rule: "render-failed", line: 1, column: 1 })]);
  }, 60_000); // a 5,000-deep blockquote takes micromark seconds before the stack gives out

  it("ignores a byte order mark: display math and front matter still work", async () => {
    const page = await renderSnippet("\uFEFF---\ntitle: T\ndraft: true\n---\na \\[x\\] b $$y$$ c");
    expect(page.frontMatter).toMatchObject({ title: "T", draft: true });
    expect(page.formulas).toEqual({ display: 2, inline: 0 });
  });
});

describe("$$ blocks as Hugo reads them", () => {
  it("keeps text on the opening line and closes at the first $$, even mid-line", async () => {
    const cases: Array<[string, string]> = [
      ["$$ x_1 + y\n= z\n$$", "x_1 + y\n= z"],
      ["$$\\sum_i x_i\n$$", "\\sum_i x_i"],
      ["$$\\begin{aligned}a &= b\\end{aligned}$$", "\\begin{aligned}a &= b\\end{aligned}"],
      ["$$\nx = 1\ny = 2 $$", "x = 1\ny = 2"],
      ["$$\na\n+ b\n- c\n* d\n$$", "a\n+ b\n- c\n* d"],
    ];
    for (const [source, tex] of cases) {
      const page = await renderSnippet(source);
      expect(page.formulas, source).toEqual({ display: 1, inline: 0 });
      expect(annotations(page.html), source).toEqual([tex]);
    }
  });

  it("does not swallow the rest of the page when a $$ is never closed, and says so", async () => {
    const page = await renderSnippet("$$\nx = 1\n\n这是剩下的课程内容，*强调*。\n\n## 下一节\n");
    expect(page.formulas).toEqual({ display: 0, inline: 0 });
    expect(page.html).toContain("<em>强调</em>");
    expect(page.headings.map((h) => h.text)).toEqual(["下一节"]);
    expect(page.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", rule: "math-unclosed", line: 1, column: 1 }),
    ]);
  });
});

describe("FormulaRenderer's cache", () => {
  it("keeps at most maxEntries formulas, dropping the least recently used", () => {
    const formulas = new FormulaRenderer({ maxEntries: 2 });
    const first = formulas.render("x^1", false);
    formulas.render("x^2", false);
    expect(formulas.render("x^1", false)).toBe(first); // used again: now the most recent
    formulas.render("x^3", false);
    expect(formulas.size).toBe(2);
    expect(formulas.render("x^1", false)).toBe(first);
    expect(new FormulaRenderer().render("x^1", false)).not.toBe(first);
  });
});
