import { describe, expect, it } from "vitest";
import { MAX_LATEX_NESTING } from "./latex-to-plain.ts";
import { error, text, value } from "./normalize-test-helpers.ts";

describe("LaTeX", () => {
  it("is recognised by a command, \\\\, &, ^{ or _{, or $…$, and only then", () => {
    expect(value("\\pi").latex).toBe(true);
    expect(value("a \\, b").latex).toBe(true);
    expect(value("x^{2}").latex).toBe(true);
    expect(value("x_{1}").latex).toBe(true);
    expect(value("$2$").latex).toBe(true);
    expect(error("1 & 2").code).toBe("latex-misplaced-ampersand");
    expect(value("x^2 + y_1").latex).toBe(false);
    expect(value("√2").latex).toBe(false);
  });

  it("reads plain letters as TeX does: one variable each, except known function names", () => {
    expect(text("\\pi xy")).toBe("pi x y");
    expect(text("\\pi x2")).toBe("pi x 2");
    expect(text("\\pi + sqrt(2) + softmax(x)")).toBe("pi + sqrt(2) + softmax(x)");
    expect(text("\\pi \\cdot 1e-3 + 2e")).toBe("pi * 1e-3 + 2 e");
  });

  it("reports unbalanced braces at the brace, before anything else", () => {
    const unclosed = "\\frac{1}{2 + \\foo";
    const e1 = error(unclosed);
    expect(e1.code).toBe("latex-unclosed-brace");
    expect(e1.at).toBe(8);
    expect(e1.hint).toEqual({ zh: "每个 { 都需要一个对应的 }。", en: "Every { needs a matching }." });

    const extra = "\\frac{1}{2}}";
    const e2 = error(extra);
    expect(e2.code).toBe("latex-unmatched-brace");
    expect(e2.at).toBe(11);
    expect(error("\\foo + 1}").at).toBe(8);

    expect(error("\\pi{{x}").at).toBe(3);
    expect(error("\\sqrt[3{8}").code).toBe("latex-unclosed-bracket");
  });

  it("refuses & outside a matrix", () => {
    const e = error("x & y");
    expect(e.at).toBe(2);
    expect(e.message.en).toContain("matrix");
    expect(error("\\begin{bmatrix} {1 & 2} \\end{bmatrix}").message.zh).toContain("{ }");
  });

  it("applies the full-width replacements inside LaTeX too", () => {
    expect(text("\\frac{1}{2}，\\sqrt{2}")).toBe("((1)/(2)),sqrt(2)");
    expect(text("\\frac｛１｝｛２｝")).toBe("((1)/(2))");
    expect(text("\\begin{bmatrix}1＆2\\end{bmatrix}")).toBe("[[1, 2]]");
    expect(text("\\pi × 2²。")).toBe("pi * 2^2");
  });

  it("unwraps $…$, $$…$$, \\(…\\) and \\[…\\]", () => {
    expect(value(" $x^2$ ")).toEqual({ text: "x^2", positions: [2, 3, 4, 7], latex: true });
    expect(text("$$\\frac12$$")).toBe("((1)/(2))");
    expect(text("\\(x\\)")).toBe("x");
    expect(text("\\[\\pi\\]")).toBe("pi");
  });

  it("keeps a line break between answers and treats one inside brackets as a space", () => {
    expect(text("\\frac{1}{2}\n3")).toBe("((1)/(2))\n3");
    expect(text("\\pi \\\\ 2")).toBe("pi \n 2");
    expect(text("\\left(1,\n2\\right)")).toBe("(1, 2)");
    expect(text("\\frac{1\n}{2}")).toBe("((1 )/(2))");
  });

  it("refuses nesting deeper than MAX_LATEX_NESTING", () => {
    const ok = `${"{".repeat(MAX_LATEX_NESTING - 2)}x${"}".repeat(MAX_LATEX_NESTING - 2)}^{2}`;
    expect(value(ok).latex).toBe(true);
    const deep = `${"{".repeat(MAX_LATEX_NESTING)}x${"}".repeat(MAX_LATEX_NESTING)}`;
    const e = error(`\\pi${deep}`);
    expect(e.code).toBe("too-deep");
    expect(e.message.zh).toContain(String(MAX_LATEX_NESTING));
  });
});
