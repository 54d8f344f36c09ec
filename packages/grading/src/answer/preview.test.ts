import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { readAnswer } from "../learner-answer.ts";
import { previewLatex } from "./preview.ts";

function latex(text: string, type?: Parameters<typeof previewLatex>[1]): string {
  const preview = previewLatex(text, type);
  if (!preview.ok) throw new Error(`${JSON.stringify(text)}: ${preview.problem.message.en}`);
  return preview.latex;
}

describe("previewLatex", () => {
  it("writes a shape answer as its sizes, read as grading reads them", () => {
    expect(latex("[2, 8, 10, 64]", "shape")).toBe("2 \\times 8 \\times 10 \\times 64");
    expect(latex("（２，８）", "shape")).toBe("2 \\times 8");
    expect(previewLatex("[2, 8, d_k]", "shape")).toMatchObject({ ok: false, problem: { code: "not-a-size", at: 7 } });
  });

  it("writes plain answers as the math they stand for", () => {
    expect(latex("1/sqrt(2)")).toBe("\\frac{1}{\\sqrt{2}}");
    expect(latex("x^2+2x")).toBe("x^{2} + 2 x");
    expect(latex("-0.5")).toBe("-0.5");
    expect(latex("pi r^2")).toBe("\\pi r^{2}");
    expect(latex("2*3")).toBe("2 \\cdot 3");
    expect(latex("A'")).toBe("A^{\\top}");
    expect(latex("1e-3")).toBe("1 \\times 10^{-3}");
    expect(latex("x_1 + alpha")).toBe("x_{1} + \\alpha");
    expect(latex("abs(x) + log2(8)")).toBe("\\left| x \\right| + \\log_{2}\\left( 8 \\right)");
  });

  it("writes back the parentheses the grader's reading needs, and only those", () => {
    expect(latex("a-(b-c)")).toBe("a - \\left( b - c \\right)");
    expect(latex("(a-b)-c")).toBe("a - b - c");
    expect(latex("a+b*c")).toBe("a + b \\cdot c");
    expect(latex("(a+b)*c")).toBe("\\left( a + b \\right) \\cdot c");
    expect(latex("-(a+b)")).toBe("-\\left( a + b \\right)");
    expect(latex("2*-3")).toBe("2 \\cdot \\left( -3 \\right)");
    expect(latex("(-2)^2")).toBe("\\left( -2 \\right)^{2}");
    expect(latex("-2^2")).toBe("-2^{2}");
    expect(latex("e^(-x)")).toBe("e^{-x}");
    expect(latex("2(1+2)")).toBe("2 \\left( 1 + 2 \\right)");
  });

  it("shows that log is the natural logarithm", () => {
    expect(latex("log(10)")).toBe("\\ln\\left( 10 \\right)");
    expect(latex("ln 2")).toBe("\\ln\\left( 2 \\right)");
  });

  it("writes vectors and matrices as bmatrix, however they were typed", () => {
    const matrix = "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}";
    expect(latex("[[1,2],[3,4]]")).toBe(matrix);
    expect(latex("[1, 2; 3, 4]")).toBe(matrix);
    expect(latex("1, 2; 3, 4", "matrix")).toBe(matrix);
    expect(latex("1 , 2\n3, 4", "matrix")).toBe(matrix);
    expect(latex("\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}")).toBe(matrix);
    expect(latex("［［1，2］，［3，4］］")).toBe(matrix);
    expect(latex("1, 2, 3", "vector")).toBe("\\begin{bmatrix} 1 & 2 & 3 \\end{bmatrix}");
    expect(latex("(1, 2)")).toBe("\\left( 1, 2 \\right)");
  });

  it("reads LaTeX and Unicode math as grading does, and writes them back", () => {
    expect(latex("\\frac{1}{\\sqrt{2}}")).toBe("\\frac{1}{\\sqrt{2}}");
    expect(latex("$x^2$")).toBe("x^{2}");
    expect(latex("√2/2")).toBe("\\frac{\\sqrt{2}}{2}");
    expect(latex("π r²")).toBe("\\pi r^{2}");
    expect(latex("2\\times 3")).toBe("2 \\cdot 3");
  });

  it("writes sets in braces, eigenpairs with column vectors and named parts aligned", () => {
    expect(latex("{1, 3}", "set")).toBe("\\left\\{ 1, 3 \\right\\}");
    expect(latex("1, 3", "set")).toBe("\\left\\{ 1, 3 \\right\\}");
    expect(latex("[1, [1, -1]]; [3, [1, 1]]", "eigenpairs")).toBe(
      "\\begin{aligned} \\left[ 1, \\begin{bmatrix} 1 \\\\ -1 \\end{bmatrix} \\right] \\\\ " +
        "\\left[ 3, \\begin{bmatrix} 1 \\\\ 1 \\end{bmatrix} \\right] \\end{aligned}",
    );
    expect(latex("U = [[1,0],[0,1]]\nS = [2, 1]", "svd")).toBe(
      "\\begin{aligned} U &= \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix} \\\\ " +
        "S &= \\begin{bmatrix} 2 & 1 \\end{bmatrix} \\end{aligned}",
    );
    expect(latex("S = [2, 1]", "svd")).toBe("S = \\begin{bmatrix} 2 & 1 \\end{bmatrix}");
  });

  it("gives nothing for blank text", () => {
    expect(previewLatex("  ")).toEqual({ ok: true, latex: "" });
  });

  it("says where unreadable text goes wrong, in the text as typed", () => {
    const unclosed = previewLatex("[[1, 2], [3");
    expect(unclosed).toMatchObject({ ok: false, problem: { code: "unclosed-bracket", at: 9 } });
    expect(previewLatex("1/")).toMatchObject({ ok: false, problem: { code: "unexpected-end", at: 2 } });
    // Positions count what was typed: the full-width bracket is one character.
    expect(previewLatex("［1，2")).toMatchObject({ ok: false, problem: { code: "unclosed-bracket", at: 0 } });
  });

  it("reads an answer exactly when grading reads it", () => {
    for (const [text, type] of [
      ["1, 2", "vector"],
      ["1, 2", "scalar"],
      ["{1, 3}", "set"],
      ["[1 2]", "vector"],
      ["sqrt(", "scalar"],
    ] as const) {
      const asList = type === "vector" || type === "set";
      expect(previewLatex(text, type).ok, text).toBe(readAnswer(text, { asList }).ok);
    }
  });

  it("always gives LaTeX that KaTeX renders, for any text the grader reads", () => {
    const token = fc.constantFrom(
      ..."0 1 2.5 1e-3 x y pi e sqrt( ln exp( abs( log2( ( ) [ ] , ; + - * / ^ ' \\frac{1}{2} √ π ² − ×".split(" "),
      "\n",
      " ",
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 24 }),
        fc.constantFrom("scalar", "vector", "set", "svd"),
        (tokens, type) => {
          const text = tokens.join("");
          const preview = previewLatex(text, type);
          if (!preview.ok) return;
          expect(() => katex.renderToString(preview.latex, { throwOnError: true, strict: "ignore" })).not.toThrow();
        },
      ),
      { numRuns: 3000 },
    );
  });
});
