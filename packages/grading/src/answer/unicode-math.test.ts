import { describe, expect, it } from "vitest";
import { error, pointedAt, text, value } from "./normalize-test-helpers.ts";

describe("full-width forms typed with a Chinese IME", () => {
  it("reads 。 as a decimal point before a digit and drops it at the very end", () => {
    expect(value("0。5")).toEqual({ text: "0.5", positions: [0, 1, 2, 3], latex: false });
    expect(text("。5")).toBe(".5");
    expect(value("x = 0.5。")).toEqual({ text: "x = 0.5", positions: [0, 1, 2, 3, 4, 5, 6, 8], latex: false });
    expect(text("3。 。 ")).toBe("3  ");
    // Anywhere else it is not ours to guess: the parser reports it where it was typed.
    expect(text("x 。y")).toBe("x 。y");
  });
});

describe("Unicode math", () => {
  it("turns minus signs and dashes between numbers into -", () => {
    expect(text("3−2")).toBe("3-2");
    expect(text("3–2")).toBe("3-2");
    expect(text("3—2")).toBe("3-2");
    expect(text("﹣1")).toBe("-1");
  });

  it("turns multiplication and division signs into * and /", () => {
    expect(text("2×3·4⋅5∙6∗7")).toBe("2*3*4*5*6*7");
    expect(text("6÷3∕2⁄1")).toBe("6/3/2/1");
  });

  it("spells π and Greek letters as names, apart from neighbouring letters and digits", () => {
    expect(text("π")).toBe("pi");
    expect(text("2π")).toBe("2 pi");
    expect(text("πr²")).toBe("pi r^2");
    expect(text("2πr")).toBe("2 pi r");
    expect(text("λx")).toBe("lambda x");
    expect(text("σ(z)")).toBe("sigma(z)");
    expect(text("Σ")).toBe("Sigma");
    expect(text("ϵ+ε")).toBe("epsilon+epsilon");
  });

  it("turns superscripts into powers and ᵀ into a transpose", () => {
    expect(text("x²")).toBe("x^2");
    expect(text("x³+y⁴")).toBe("x^3+y^4");
    expect(text("x¹⁰")).toBe("x^10");
    expect(text("A⁻¹")).toBe("A^(-1)");
    expect(text("xⁿ⁺¹")).toBe("x^(n+1)");
    expect(text("Aᵀ")).toBe("A'");
    expect(text("(AB)ᵀ")).toBe("(AB)'");
  });

  it("turns subscripts after a name into part of the name, and leaves others alone", () => {
    expect(text("x₁")).toBe("x_1");
    expect(text("x₁₂+y₂")).toBe("x_12+y_2");
    expect(text("dₖ")).toBe("d_k");
    expect(text("λ₁")).toBe("lambda_1");
    expect(text("2₁")).toBe("2₁");
  });

  it("writes vulgar fractions in parentheses and refuses a mixed number", () => {
    expect(text("½")).toBe("(1/2)");
    expect(text("¼+¾")).toBe("(1/4)+(3/4)");
    expect(text("x⅓")).toBe("x(1/3)");
    const e = error("y=12½");
    expect(e.code).toBe("ambiguous-mixed-number");
    expect(pointedAt("y=12½", e)).toBe("12½");
    expect(e.hint?.zh).toContain("12+1/2");
    expect(e.hint?.en).toContain("12*(1/2)");
  });

  it("leaves ∞ for the parser to reject", () => {
    expect(text("∞")).toBe("∞");
  });

  it("reads Word's math italic letters and digits", () => {
    const input = "𝑥²+𝑦𝟐";
    expect(value(input)).toEqual({ text: "x^2+y 2", positions: [0, 2, 2, 3, 4, 6, 6, 8], latex: false });
    expect(text("𝜋𝑟")).toBe("pi r");
    expect(text("ℎ")).toBe("h");
  });

  it("reads the IME's —— (Shift+-) as an underscore after a name and …… (Shift+6) as a caret", () => {
    expect(text("x——1")).toBe("x_1");
    expect(text("x……2")).toBe("x^2");
    expect(text("3——2")).toBe("3——2");
    expect(text("…")).toBe("…");
  });

  it("drops zero-width characters and reads other Unicode spaces, apostrophes and line breaks", () => {
    expect(text("\ufeff1\u200b+\u00a02")).toBe("1+ 2");
    expect(text("A’+B′")).toBe("A'+B'");
    expect(text("1\r\n2\r3\u20284\t5")).toBe("1\n2\n3\n4 5");
  });
});
