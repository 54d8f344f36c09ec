import { describe, expect, it } from "vitest";
import { error, pointedAt, text } from "./normalize-test-helpers.ts";

describe("LaTeX", () => {
  it("writes fractions as ((a)/(b)), with braced or one-token arguments", () => {
    expect(text("\\frac{1}{2}")).toBe("((1)/(2))");
    expect(text("\\dfrac{a+b}{c}")).toBe("((a+b)/(c))");
    expect(text("\\tfrac{3}{4}")).toBe("((3)/(4))");
    expect(text("\\frac12")).toBe("((1)/(2))");
    expect(text("\\frac 1 2")).toBe("((1)/(2))");
    expect(text("\\frac\\pi2")).toBe("((pi)/(2))");
    expect(text("\\frac{1}{\\frac{1}{2}}")).toBe("((1)/(((1)/(2))))");
    expect(text("2\\frac{1}{2}")).toBe("2((1)/(2))");
  });

  it("writes square roots as sqrt(…) and n-th roots as powers", () => {
    expect(text("\\sqrt{x}")).toBe("sqrt(x)");
    expect(text("\\sqrt2")).toBe("sqrt(2)");
    expect(text("2\\sqrt{2}")).toBe("2 sqrt(2)");
    expect(text("\\sqrt[3]{x}")).toBe("((x)^(1/(3)))");
    expect(text("\\sqrt[n]{x+1}")).toBe("((x+1)^(1/(n)))");
    expect(text("\\sqrt[]{4}")).toBe("sqrt(4)");
  });

  it("turns sized delimiters into brackets, \\{ \\} into [ ] and grouping braces into ( )", () => {
    expect(text("\\left( x \\right)")).toBe("( x )");
    expect(text("\\left[ 1, 2 \\right]")).toBe("[ 1, 2 ]");
    expect(text("\\left. x \\right|")).toBe(" x |");
    expect(text("\\bigl( x \\bigr)\\Big[y\\Big]")).toBe("( x )[y]");
    expect(text("\\{1, 2\\}")).toBe("[1, 2]");
    expect(text("\\left\\{ 1 \\right\\}")).toBe("[ 1 ]");
    expect(text("2\\cdot{x+1}")).toBe("2*(x+1)");
    expect(text("{}^{2}\\pi")).toBe("^(2)pi");
    const e = error("\\left x");
    expect(e.code).toBe("latex-bad-delimiter");
    expect(pointedAt("\\left x", e)).toBe("\\left");
  });

  it("turns operators, names and functions into the plain syntax", () => {
    expect(text("a \\cdot b \\times c \\ast d \\div e")).toBe("a * b * c * d / e");
    expect(text("\\pi r^2")).toBe("pi r^2");
    expect(text("\\mathrm{e}^{x}")).toBe("e^(x)");
    expect(text("\\operatorname{e}")).toBe("e");
    expect(text("\\operatorname{softmax}(x)")).toBe("softmax(x)");
    expect(text("\\exp(x) + \\ln x + \\log 2")).toBe("exp(x) + log x + log 2");
    expect(text("\\sin\\cos\\tan\\max\\min")).toBe("sin cos tan max min");
    expect(text("\\lambda\\alpha\\sigma\\Sigma\\varepsilon")).toBe("lambda alpha sigma Sigma epsilon");
    expect(text("\\infty")).toBe("∞");
  });

  it("turns LaTeX spacing into spaces and ignores style commands", () => {
    // Blanks typed after a command stay, like all blanks: the parser ignores them.
    expect(text("a\\,b\\;c\\:d\\!e\\quad f\\qquad g~h\\ i")).toBe("a b c d e  f  g h i");
    expect(text("\\displaystyle\\frac12")).toBe("((1)/(2))");
  });

  it("drops font commands and refuses text", () => {
    expect(text("\\mathbf{x} + \\boldsymbol{\\alpha} + \\vec{v}")).toBe("x + alpha + v");
    expect(text("\\mathbf{x+1}")).toBe("(x+1)");
    expect(text("1\\text{ }2")).toBe("1 2");
    const input = "5\\text{ cm}";
    const e = error(input);
    expect(e.code).toBe("latex-text");
    expect(pointedAt(input, e)).toBe("\\text{ cm}");
  });

  it("names an unknown command in both languages, with a hint", () => {
    for (const cmd of ["\\dots", "\\ldots", "\\cdots", "\\foo"]) {
      const input = `1, 2, ${cmd}`;
      const e = error(input);
      expect(e.code).toBe("latex-unknown-command");
      expect(e.at).toBe(6);
      expect(pointedAt(input, e)).toBe(cmd);
      expect(e.message.zh).toContain(cmd);
      expect(e.message.en).toContain(cmd);
      expect(e.hint?.zh.length).toBeGreaterThan(0);
    }
    expect(error("\\dots").hint?.zh).toContain("省略号");
    expect(error("\\pm 1").hint?.en).toContain("±");
    expect(pointedAt("a\\|b", error("a\\|b"))).toBe("\\|");
    expect(pointedAt("\\pi\\", error("\\pi\\"))).toBe("\\");
  });

  it("reports a missing argument at the command", () => {
    const e1 = error("\\frac{1}");
    expect(e1.code).toBe("latex-missing-argument");
    expect(pointedAt("\\frac{1}", e1)).toBe("\\frac");
    expect(e1.hint?.zh).toContain("\\frac{1}{2}");
    expect(pointedAt("\\sqrt(2)", error("\\sqrt(2)"))).toBe("\\sqrt");
    expect(pointedAt("x^{} + \\pi", error("x^{} + \\pi"))).toBe("{}");
    expect(error("\\pi^").code).toBe("latex-missing-argument");
  });
});
