import { describe, expect, it } from "vitest";
import { hintsDue, solutionDue, variantSeed } from "./learner-state.ts";

describe("variantSeed", () => {
  it("is sha256 of learner, exercise and variant, cut to 31 bits", () => {
    // sha256("learner:attention-weights:0") starts with 2c40330d: its first 32 bits, top bit dropped.
    expect(variantSeed("learner", "attention-weights", 0)).toBe(0x2c40330d >>> 1);
  });

  it("is the same for the same learner, exercise and variant, and differs otherwise", () => {
    const seed = variantSeed("Zm9vYmFyYmF6cXV4MTIzNA", "attention-weights", 0);
    expect(variantSeed("Zm9vYmFyYmF6cXV4MTIzNA", "attention-weights", 0)).toBe(seed);
    expect(variantSeed("Zm9vYmFyYmF6cXV4MTIzNA", "attention-weights", 1)).not.toBe(seed);
    expect(variantSeed("Zm9vYmFyYmF6cXV4MTIzNB", "attention-weights", 0)).not.toBe(seed);
    expect(variantSeed("Zm9vYmFyYmF6cXV4MTIzNA", "softmax-temperature", 0)).not.toBe(seed);
  });

  it("stays in [0, 2^31)", () => {
    for (let v = 0; v < 2000; v++) {
      const seed = variantSeed("learner", "x", v);
      expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31).toBe(true);
    }
  });
});

describe("what a variant's state makes due", () => {
  it("reveals hint k after k wrong attempts, the solution after success or three", () => {
    expect(hintsDue({ a: 0 }, 2)).toBe(0);
    expect(hintsDue({ a: 1 }, 2)).toBe(1);
    expect(hintsDue({ a: 5 }, 2)).toBe(2);
    expect(solutionDue({ a: 2, s: false })).toBe(false);
    expect(solutionDue({ a: 3, s: false })).toBe(true);
    expect(solutionDue({ a: 0, s: true })).toBe(true);
  });
});
