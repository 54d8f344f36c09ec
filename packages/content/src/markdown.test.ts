import { describe, expect, it } from "vitest";
import { renderSnippet } from "./test-helpers.ts";

describe("Markdown beyond math", () => {
  it("gives Chinese headings stable ids", async () => {
    const page = await renderSnippet("## 矩阵运算\n\n### 转置（Transpose）\n\n## 矩阵运算\n");
    expect(page.headings).toEqual([
      expect.objectContaining({ depth: 2, id: "矩阵运算", text: "矩阵运算" }),
      expect.objectContaining({ depth: 3, id: "转置transpose", text: "转置（Transpose）" }),
      expect.objectContaining({ depth: 2, id: "矩阵运算-1", text: "矩阵运算" }),
    ]);
    expect(page.html).toContain('<h2 id="矩阵运算">矩阵运算</h2>');
  });

  it("renders GFM tables, with inline math in cells", async () => {
    const page = await renderSnippet("| 名称 | 定义 |\n|---|:-:|\n| 单位矩阵 | \\( I \\) |\n");
    expect(page.html).toContain("<table>");
    expect(page.html).toContain('<td align="center"><span class="math math-inline">');
  });

  it("highlights code on the server and leaves math-looking code alone", async () => {
    const page = await renderSnippet("```python\nimport numpy as np\nA @ B  # $$ not math $$\n```\n");
    expect(page.html).toContain('<code class="hljs language-python">');
    expect(page.html).toContain('<span class="hljs-keyword">import</span>');
    expect(page.formulas).toEqual({ display: 0, inline: 0 });
  });

  it("sanitizes raw HTML: no scripts, event handlers or javascript: links", async () => {
    const page = await renderSnippet(
      '<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(2)">\n\n<a href="javascript:alert(3)">x</a> <details><summary>提示</summary>答案</details>',
    );
    expect(page.html).not.toMatch(/<script|onerror|javascript:/);
    expect(page.html).toContain('<img src="x.png">');
    expect(page.html).toContain("<details><summary>提示</summary>答案</details>");
  });

  it("does not let raw HTML pose as a formula", async () => {
    const page = await renderSnippet('<span data-formula="0">fake</span> and \\( x \\)');
    expect(page.formulas).toEqual({ display: 0, inline: 1 });
    expect(page.html.match(/class="katex"/g)).toHaveLength(1);
  });

  it("keeps full-width punctuation and emphasis next to CJK", async () => {
    const page = await renderSnippet("**矩阵加法**：相同维度的矩阵（例如 2×2）对应元素相加。");
    expect(page.html).toBe("<p><strong>矩阵加法</strong>：相同维度的矩阵（例如 2×2）对应元素相加。</p>");
  });
});

describe("code languages", () => {
  it("warns about a fence language it cannot highlight, and shows the code as text", async () => {
    const page = await renderSnippet("Text\n\n```cobol\nDISPLAY 'x'.\n```\n\n```text\nplain\n```\n");
    expect(page.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", rule: "code-language", line: 3, column: 1 }),
    ]);
    expect(page.html).toContain("<code class=\"language-cobol\">DISPLAY 'x'.\n</code>");
  });
});

describe("footnotes", () => {
  it("link to ids that exist, in the page's language, and stay out of the table of contents", async () => {
    const page = await renderSnippet("## 小节\n\n正文[^1]，以及 ~~旧说法~~。\n\n[^1]: 注释 \\( x \\)。\n");
    const ids = [...page.html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    const targets = [...page.html.matchAll(/ href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBe(2);
    for (const target of targets) expect(ids).toContain(target);
    expect(page.html).toContain(">脚注</h2>");
    expect(page.html).toContain("<del>旧说法</del>");
    expect(page.headings.map((h) => h.text)).toEqual(["小节"]);
  });
});

describe("raw HTML that would swallow the page", () => {
  it.each(["template", "textarea", "style", "select", "iframe", "plaintext", "script"])(
    "an unclosed <%s> leaves the rest of the lesson intact",
    async (tag) => {
      const page = await renderSnippet(`<${tag}>\n\nPara with \\( x_1 \\) and *em*.\n\n## Heading\n`);
      expect(page.html).toContain("<em>em</em>");
      expect(page.html.match(/class="katex"/g)).toHaveLength(1);
      expect(page.headings.map((h) => h.text)).toEqual(["Heading"]);
      expect(page.diagnostics).toEqual([expect.objectContaining({ rule: "html-disallowed", line: 1, column: 1 })]);
      expect(page.html).not.toContain(`<${tag}`);
    },
  );
});

it("shows <script> in a code example without a warning", async () => {
  const page = await renderSnippet("```html\n<script>alert(1)</script>\n```\n\nand `<style>` inline.");
  expect(page.diagnostics).toEqual([]);
  expect(page.html).toContain('<span class="hljs-tag">&lt;<span class="hljs-name">script</span>');
  expect(page.html).toContain("&#x3C;style>");
});

it("gives the table of contents rendered formulas, and titles readable text", async () => {
  const page = await renderSnippet("## Softmax  \\( \\sigma(z)_i \\) 与 `code`\n");
  expect(page.headings[0]?.text).toBe("Softmax \\sigma(z)_i 与 code");
  expect(page.headings[0]?.html).toContain('<span class="katex">');
  expect(page.headings[0]?.html).toContain("<code>code</code>");
});
