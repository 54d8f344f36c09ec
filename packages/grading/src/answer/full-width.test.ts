import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { foldFullWidth } from "./full-width.ts";
import { identity, text, value } from "./normalize-test-helpers.ts";

describe("full-width forms typed with a Chinese IME", () => {
  it("turns full-width punctuation into ASCII, one character for one", () => {
    const input = "[[1，2]，[3，4]]";
    expect(value(input)).toEqual({ text: "[[1,2],[3,4]]", positions: identity(input.length), latex: false });
    expect(text("（１＋２）＊３／４＾２＝ｘ")).toBe("(1+2)*3/4^2=x");
    expect(text("［1；2］")).toBe("[1;2]");
    expect(text("【1，2】")).toBe("[1,2]");
    expect(text("－０．５")).toBe("-0.5");
    expect(text("ｓｑｒｔ（２）")).toBe("sqrt(2)");
    expect(text("Ａ＇")).toBe("A'");
  });

  it("reads 、 as a comma and the ideographic space as a space", () => {
    expect(text("1、2、3")).toBe("1,2,3");
    expect(text("1\u30002")).toBe("1 2");
  });

  it("leaves full-width characters with no meaning here as typed, for the parser to quote", () => {
    expect(text("x：1！")).toBe("x：1！");
    expect(text("1～3")).toBe("1～3");
  });
});

describe("foldFullWidth", () => {
  it("folds the full-width forms the syntax uses, one UTF-16 unit for one", () => {
    expect(foldFullWidth("（１，２）")).toBe("(1,2)");
    expect(foldFullWidth("［［１，２］；【３、４､５】］")).toBe("[[1,2];[3,4,5]]");
    expect(foldFullWidth("ｘ＿１＾２＋＼ｆｒａｃ｛Ａ＇｝｛．５｝＆＝－＊／")).toBe("x_1^2+\\frac{A'}{.5}&=-*/");
    expect(foldFullWidth("a\u3000b")).toBe("a b");
    const typed = "（１．５，－２）😀";
    expect(foldFullWidth(typed)).toHaveLength(typed.length);
  });

  it("leaves full-width forms with no meaning in an answer, and everything else, as typed", () => {
    expect(foldFullWidth("：！＄｜～＜＞？＠＃％＂｀")).toBe("：！＄｜～＜＞？＠＃％＂｀");
    expect(foldFullWidth("π × 2。")).toBe("π × 2。");
  });
});

describe("@llm-basics/grading/full-width", () => {
  it("loads no other package, so the browser's grid paste can import it alone", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(new URL(file, import.meta.url), "utf8");
      for (const [, from] of source.matchAll(/^import [^;]*? from "([^"]+)";$/gm)) visit(from as string);
    };
    visit("./full-width.ts");
    expect([...seen].sort()).toEqual(["./full-width.ts", "./plain-output.ts"]);
  });
});
