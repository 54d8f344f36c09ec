import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyMatrix, entry, matrixOf } from "../test/arbitraries.ts";
import { softmax, transpose } from "./index.ts";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("softmax", () => {
  it("turns equal scores into equal probabilities", () => {
    expect(softmax([0, 0])).toEqual([0.5, 0.5]);
    expect(softmax([1, 2, 3])).toEqual([0.09003057317038046, 0.24472847105479764, 0.6652409557748218]);
  });

  it("makes every row sum to 1 and is unchanged by adding a constant to a row", () => {
    fc.assert(
      fc.property(anyMatrix(entry(50)), fc.double({ min: -1000, max: 1000, noNaN: true }), (X, shift) => {
        const P = softmax(X);
        for (const row of P) {
          expect(Math.abs(sum(row) - 1)).toBeLessThanOrEqual(1e-12);
          for (const p of row) expect(p).toBeGreaterThanOrEqual(0);
        }
        const shifted = softmax(X.map((row) => row.map((x) => x + shift)));
        shifted.forEach((row, i) => {
          row.forEach((p, j) => {
            expect(Math.abs(p - (P[i]?.[j] as number))).toBeLessThanOrEqual(1e-9);
          });
        });
      }),
    );
  });

  it("stays finite for scores of ±1e4", () => {
    expect(softmax([1e4, -1e4, 0])).toEqual([1, 0, 0]);
    expect(softmax([1e4, 1e4])).toEqual([0.5, 0.5]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 16 }), (x) => {
        const p = softmax(x);
        expect(p.every(Number.isFinite)).toBe(true);
        expect(Math.abs(sum(p) - 1)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it("normalizes columns with axis 0, and sharpens or flattens with a temperature", () => {
    fc.assert(
      fc.property(matrixOf(3, 4), (X) => {
        expect(softmax(X, { axis: 0 })).toEqual(transpose(softmax(transpose(X))));
        expect(softmax(X, { axis: -2 })).toEqual(softmax(X, { axis: 0 }));
      }),
    );
    const cold = softmax([1, 2], { temperature: 0.5 });
    const hot = softmax([1, 2], { temperature: 2 });
    expect(cold[1]).toBeGreaterThan(softmax([1, 2])[1] as number);
    expect(hot[1]).toBeLessThan(softmax([1, 2])[1] as number);
    expect(softmax([1, 2], { temperature: 2 })).toEqual(softmax([0.5, 1]));
  });

  it("gives −Infinity (a masked score) weight 0 and refuses a row with nothing left", () => {
    expect(softmax([0, Number.NEGATIVE_INFINITY])).toEqual([1, 0]);
    expect(() =>
      softmax([
        [0, 1],
        [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
      ]),
    ).toThrow("softmax: row 1 of x is masked everywhere (all −Infinity), so it has no probabilities to give");
    expect(() => softmax([0, Number.NaN])).toThrow("softmax: x[1] is NaN");
  });

  it("explains bad options", () => {
    expect(() => softmax([1, 2], { axis: 1 })).toThrow("axis 1 does not exist on a vector; use 0 or -1");
    expect(() => softmax([[1, 2]], { axis: 2 })).toThrow("axis 2 does not exist on a matrix");
    expect(() => softmax([1, 2], { temperature: 0 })).toThrow("temperature must be greater than 0, got 0");
    expect(() => softmax(3 as unknown as number[])).toThrow("x is a single number");
  });
});
