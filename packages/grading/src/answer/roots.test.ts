import { describe, expect, it } from "vitest";
import { text } from "./normalize-test-helpers.ts";

describe("Unicode math", () => {
  it("applies √ to the number, name, call or parenthesized group right after it", () => {
    expect(text("√2")).toBe("sqrt(2)");
    expect(text("√2.25")).toBe("sqrt(2.25)");
    expect(text("√x")).toBe("sqrt(x)");
    expect(text("√(x+1)")).toBe("sqrt(x+1)");
    expect(text("√sin(x)")).toBe("sqrt(sin(x))");
    expect(text("√d_k")).toBe("sqrt(d_k)");
    expect(text("√dₖ")).toBe("sqrt(d_k)");
    expect(text("√√16")).toBe("sqrt(sqrt(16))");
    expect(text("√ 2")).toBe("sqrt( 2)");
    expect(text("1/√2")).toBe("1/sqrt(2)");
  });

  it("keeps √ from fusing with a name before it and takes only the first atom", () => {
    expect(text("2√2")).toBe("2 sqrt(2)");
    expect(text("x√y")).toBe("x sqrt(y)");
    expect(text("√2x")).toBe("sqrt(2)x");
    expect(text("√x²")).toBe("sqrt(x)^2");
  });

  it("leaves a √ with nothing to take the root of as a bare sqrt for the parser to report", () => {
    expect(text("√")).toBe("sqrt");
    expect(text("√-1")).toBe("sqrt-1");
  });

  it("writes cube and fourth roots as fractional powers", () => {
    expect(text("∛8")).toBe("((8)^(1/3))");
    expect(text("∛(x+1)")).toBe("((x+1)^(1/3))");
    expect(text("∜16")).toBe("((16)^(1/4))");
    expect(text("√∛8")).toBe("sqrt(((8)^(1/3)))");
  });
});
