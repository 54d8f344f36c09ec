import { describe, expect, it } from "vitest";
import { MarkdownRenderer } from "./pipeline.ts";
import { formulaWords, plainTex } from "./search-sections.ts";

const renderer = new MarkdownRenderer();
const render = (source: string) => renderer.render(source, { file: "s.md", resolveRef: () => ({ error: "none" }) });

describe("a page's search sections", () => {
  it("cuts at level 1–3 headings, with their anchors, and keeps formulas as words, not KaTeX", async () => {
    const page = await render(
      [
        "开头的一段，没有标题。",
        "## 缩放点积注意力",
        "分数是 \\(QK^\\top\\)，再除以 \\(\\sqrt{d_k}\\)。",
        "$$\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V$$",
        "```python\nprint('代码不算')\n```",
        "#### 更小的标题",
        "仍在同一节。",
        "### 因果掩码（causal mask）",
        "$$\\text{注意力}(Q, K, V)$$",
      ].join("\n\n"),
    );
    expect(page.sections).toEqual([
      { id: "", heading: "", text: "开头的一段，没有标题。", formulaWords: [] },
      {
        id: "缩放点积注意力",
        heading: "缩放点积注意力",
        // Inline formulas as plain text; the displayed one and the code block are not prose.
        text: "分数是 QKᵀ，再除以 √d_k。 更小的标题 仍在同一节。",
        formulaWords: ["softmax"],
      },
      { id: "因果掩码causal-mask", heading: "因果掩码（causal mask）", text: "", formulaWords: ["注意力"] },
    ]);
  });

  it("reads the words a formula is written with, not its commands or one-letter symbols", () => {
    expect(formulaWords("\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}")).toEqual(["softmax"]);
    expect(formulaWords("\\text{Attention}(Q, K, V) = \\text{多头注意力}")).toEqual(["attention", "多头注意力"]);
    expect(formulaWords("\\begin{bmatrix} a & b \\end{bmatrix} + relu(x)")).toEqual(["relu"]);
    expect(formulaWords("QK^\\top / \\sqrt{d_k}")).toEqual([]);
  });

  it("shows a formula in a snippet as plain text", () => {
    expect(plainTex("X \\in \\mathbb{R}^{n \\times d_{\\text{model}}}")).toBe("X ∈ R^n × d_model");
    expect(plainTex("\\mathrm{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}")).toBe(
      "softmax(z)_i = (e^z_i)/(Σ_j e^z_j)",
    );
    expect(plainTex("M \\in \\{0, 1\\}^{n \\times n}")).toBe("M ∈ {0, 1}^n × n");
    expect(plainTex("\\frac{1}{1 + e^{\\sqrt{2}}}")).toBe("1/(1 + e^√2)");
    expect(plainTex("\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}")).toBe("1 2 ; 3 4");
  });
});
