import { describe, expect, it } from "vitest";
import { error, pointedAt, text } from "./normalize-test-helpers.ts";

describe("LaTeX", () => {
  it("writes ^{…} as ^(…), keeps ^2, and reads T and \\top exponents as a transpose", () => {
    expect(text("x^{2}")).toBe("x^(2)");
    expect(text("e^{-x}")).toBe("e^(-x)");
    expect(text("\\pi^2")).toBe("pi^2");
    expect(text("\\pi^{-1}")).toBe("pi^(-1)");
    expect(text("\\mathbf{A}^T")).toBe("A'");
    expect(text("A^{T}")).toBe("A'");
    expect(text("A^{\\top}")).toBe("A'");
    expect(text("\\mathbf{A}^\\top")).toBe("A'");
    expect(text("A^{\\mathsf{T}}")).toBe("A'");
    expect(text("\\mathbf{x}\\top")).toBe("x'");
    expect(text("\\frac{QK^T}{\\sqrt{d_k}}")).toBe("((Q K')/(sqrt(d_k)))");
  });

  it("reads an unbraced exponent as the plain syntax does", () => {
    expect(text("\\pi^10")).toBe("pi^10");
    expect(text("\\pi^-1")).toBe("pi^-1");
  });

  it("glues subscripts to the name and refuses them anywhere else", () => {
    expect(text("\\pi x_1")).toBe("pi x_1");
    expect(text("x_{12}")).toBe("x_12");
    expect(text("x_{ij}")).toBe("x_ij");
    expect(text("d_{\\text{model}}")).toBe("d_model");
    expect(text("W_{\\mathrm{Q}} x")).toBe("W_Q x");
    expect(text("\\lambda_1")).toBe("lambda_1");
    expect(text("x_\\alpha")).toBe("x_alpha");
    expect(text("\\mathbf{x}_1^T")).toBe("x_1'");
    expect(text("\\pi a_1b_1")).toBe("pi a_1 b_1");
    expect(text("\\pi x_12")).toBe("pi x_12");

    const target = "(x+y)_{1} \\cdot 2";
    const e1 = error(target);
    expect(e1.code).toBe("latex-subscript-target");
    expect(pointedAt(target, e1)).toBe("_");
    expect(error("\\pi + 2_1").code).toBe("latex-subscript-target");

    const content = "x_{i,j}";
    const e2 = error(content);
    expect(e2.code).toBe("latex-bad-subscript");
    expect(pointedAt(content, e2)).toBe(",");
    expect(error("x_{}").code).toBe("latex-bad-subscript");
    // Found by the fuzz test: a subscript cut off after its backslash points at that backslash only.
    const cut = "\\mathrm{e}_\\";
    const e3 = error(cut);
    expect(e3.code).toBe("latex-bad-subscript");
    expect(pointedAt(cut, e3)).toBe("\\");
  });
});
