import { describe, expect, it } from "vitest";
import {
  createRng,
  erf,
  erfc,
  feedForward,
  gelu,
  inverse,
  layerNorm,
  MathCoreError,
  type Matrix,
  matmul,
  randomDecimalVector,
  randomIntegerVector,
  randomLogits,
  scale,
  scaledDotProductAttention,
  softmax,
  svd,
} from "./index.ts";

const hasNegativeZero = (x: unknown): boolean =>
  Array.isArray(x) ? x.some(hasNegativeZero) : typeof x === "number" && Object.is(x, -0);

describe("plain JSON out, clear errors in", () => {
  it("never returns a negative zero", () => {
    expect(
      hasNegativeZero(
        inverse([
          [1, 0],
          [0, -1],
        ]),
      ),
    ).toBe(false);
    expect(hasNegativeZero(svd([[-3, 0, 0]]).V)).toBe(false);
    expect(hasNegativeZero(gelu(-40))).toBe(false);
    expect(hasNegativeZero(scale([0, 1], -1))).toBe(false);
    expect(hasNegativeZero(matmul([[0, 1]], [[-1], [0]]))).toBe(false);
  });

  it("treats null options as none and refuses options that are not objects", () => {
    expect(softmax([0, 0], null as never)).toEqual([0.5, 0.5]);
    expect(layerNorm([1, 3], null as never)).toHaveLength(2);
    expect(gelu(0, null as never)).toBe(0);
    expect(scaledDotProductAttention([[1]], [[1]], [[2]], null as never).output).toEqual([[2]]);
    expect(feedForward([1], [[1]], [0], [[1]], [0], null as never)).toEqual([1]);
    expect(randomIntegerVector(createRng(1), 2, null as never)).toHaveLength(2);
    expect(() => softmax([0, 0], 3 as never)).toThrow(MathCoreError);
    expect(() => randomIntegerVector(null as never, 2)).toThrow(
      "the first argument must be a generator from createRng(seed)",
    );
    expect(() => softmax([0, 0], { axis: "0" as never })).toThrow('axis must be a number (-1, 0, 1 or -2), got "0"');
  });

  it("inverts matrices whose rows differ wildly in size", () => {
    const close = (a: Matrix, b: Matrix) =>
      a.every((row, i) =>
        row.every((x, j) => Math.abs(x - (b[i]?.[j] as number)) <= 1e-12 * Math.abs(b[i]?.[j] as number)),
      );
    expect(
      close(
        inverse([
          [1e20, 2e20],
          [3, 4],
        ]),
        [
          [-2e-20, 1],
          [1.5e-20, -0.5],
        ],
      ),
    ).toBe(true);
    expect(
      close(
        inverse([
          [1e-20, 2e-20],
          [3, 4],
        ]),
        [
          [-2e20, 1],
          [1.5e20, -0.5],
        ],
      ),
    ).toBe(true);
    expect(
      inverse([
        [1e9, 0],
        [0, 1e-8],
      ]),
    ).toEqual([
      [1e-9, 0],
      [0, 1e8],
    ]);
  });

  it("normalizes huge and tiny rows, and reports overflow instead of returning NaN", () => {
    const huge = layerNorm([1e200, -1e200, 1e200]);
    [Math.SQRT1_2, -Math.SQRT2, Math.SQRT1_2].forEach((expected, i) => {
      expect(huge[i]).toBeCloseTo(expected, 12);
    });
    expect(layerNorm([1e-200, 3e-200], { eps: 0 })).toEqual([-1, 1]);
    expect(() => scaledDotProductAttention([[1e200]], [[1e200], [1]], [[1], [2]])).toThrow("overflow");
    expect(() => matmul([[1e200]], [[1e200]])).toThrow("overflow");
  });

  it("erf handles the infinities and refuses what is not a number", () => {
    expect([erf(Number.POSITIVE_INFINITY), erf(Number.NEGATIVE_INFINITY), erfc(Number.POSITIVE_INFINITY)]).toEqual([
      1, -1, 0,
    ]);
    expect(() => erf("1" as never)).toThrow("erf: x must be a number, got string");
  });

  it("names the generator and the real range when a decimal range is too wide, and keeps defaults", () => {
    expect(() => randomDecimalVector(createRng(1), 2, { min: -1e4, max: 1e4, decimals: 6 })).toThrow(
      "randomDecimalVector: min -10000 to max 10000 holds too many 6-decimal numbers to draw from",
    );
    expect(randomLogits(createRng(1), 3, { min: undefined }).every((x) => x >= -3)).toBe(true);
  });
});
