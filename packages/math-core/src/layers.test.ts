import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { denseEntry, matrixOf } from "../test/arbitraries.ts";
import { add, erf, erfc, feedForward, gelu, layerNorm, matmul, relu } from "./index.ts";

describe("layerNorm", () => {
  it("gives each row mean 0 and variance ≈ 1 before γ and β", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 8 }))
          .chain(([r, c]) => matrixOf(r, c, denseEntry(10))),
        (X) => {
          const Y = layerNorm(X);
          X.forEach((row, i) => {
            const y = Y[i] as number[];
            const n = row.length;
            const mean = y.reduce((a, b) => a + b, 0) / n;
            const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
            const mu = row.reduce((a, b) => a + b, 0) / n;
            const sigma2 = row.reduce((a, b) => a + (b - mu) ** 2, 0) / n;
            expect(Math.abs(mean)).toBeLessThanOrEqual(1e-9);
            // With ε the variance is σ²/(σ² + ε), a hair under 1.
            expect(Math.abs(variance - sigma2 / (sigma2 + 1e-5))).toBeLessThanOrEqual(1e-9);
          });
        },
      ),
    );
  });

  it("uses the population variance, then scales by γ and shifts by β", () => {
    expect(layerNorm([1, 3], { eps: 0 })).toEqual([-1, 1]);
    expect(layerNorm([[1, 3]], { eps: 0, gamma: [2, 3], beta: [10, 20] })).toEqual([[8, 23]]);
    expect(layerNorm([1, 2, 3, 4], { eps: 0 })[3]).toBeCloseTo(3 / Math.sqrt(5), 15);
  });

  it("explains a constant row without ε and a γ of the wrong length", () => {
    expect(() =>
      layerNorm(
        [
          [1, 2],
          [3, 3],
        ],
        { eps: 0 },
      ),
    ).toThrow(
      "layerNorm: row 1 of x is constant, so its variance is 0, and with eps = 0 normalizing it divides by zero",
    );
    expect(layerNorm([3, 3])).toEqual([0, 0]);
    expect(() => layerNorm([1, 2, 3], { gamma: [1, 1] })).toThrow(
      "gamma has 2 entries but each token has 3 features; gamma needs one entry per feature",
    );
  });
});

describe("feedForward", () => {
  it("is max(0, xW₁ + b₁)W₂ + b₂ for a token and for a matrix of tokens", () => {
    const W1 = [
      [1, -1],
      [2, 0],
    ];
    const b1 = [0.5, -1];
    const W2 = [[1], [3]];
    const b2 = [0.25];
    expect(
      feedForward(
        [1, -1],
        [
          [1, 0],
          [0, 1],
        ],
        [0, 0],
        [[1], [1]],
        [0.5],
      ),
    ).toEqual([1.5]);
    fc.assert(
      fc.property(matrixOf(3, 2, denseEntry()), (X) => {
        const expected = add(matmul(relu(add(matmul(X, W1), b1)), W2), b2);
        expect(feedForward(X, W1, b1, W2, b2)).toEqual(expected);
        expect(feedForward(X[0] as number[], W1, b1, W2, b2)).toEqual(expected[0]);
        const smooth = add(matmul(gelu(add(matmul(X, W1), b1)), W2), b2);
        expect(feedForward(X, W1, b1, W2, b2, { activation: "gelu" })).toEqual(smooth);
      }),
    );
  });

  it("explains weights that do not fit the tokens", () => {
    expect(() => feedForward([1, 2, 3], [[1], [2]], [0], [[1]], [0])).toThrow(
      "feedForward: x·W1: each token has 3 features but W1 has 2 rows; W1 needs one row per feature",
    );
    expect(() => feedForward([1], [[1, 2]], [0], [[1]], [0])).toThrow("b1 has 1 entries but W1 has 2 columns");
    expect(() => feedForward([1], [[1]], [0], [[1]], [0], { activation: "tanh" as "relu" })).toThrow(
      'activation must be "relu", "gelu" or "gelu-tanh", got "tanh"',
    );
  });
});

describe("activations", () => {
  it("erf and erfc agree with tabulated values to a few units in the last place", () => {
    // Values from Python's math.erf / math.erfc (the C library's, independent of this code).
    const table: [number, number, number][] = [
      [0.1, 0.1124629160182849, 0.8875370839817152],
      [0.5, 0.5204998778130465, 0.4795001221869535],
      [1, 0.8427007929497149, 0.15729920705028513],
      [2.5, 0.999593047982555, 0.0004069520174449589],
      [3, 0.9999779095030014, 2.2090496998585438e-5],
      [5, 0.9999999999984626, 1.5374597944280351e-12],
      [10, 1, 2.088487583762545e-45],
    ];
    for (const [x, e, c] of table) {
      expect(Math.abs(erf(x) - e)).toBeLessThanOrEqual(8 * Number.EPSILON * e);
      expect(Math.abs(erf(-x) + e)).toBeLessThanOrEqual(8 * Number.EPSILON * e);
      expect(Math.abs(erfc(x) - c)).toBeLessThanOrEqual(1e-13 * c);
    }
  });

  it("ReLU clips negatives and GELU is x·Φ(x), exact or with the tanh approximation", () => {
    expect(relu([[-1, 2]])).toEqual([[0, 2]]);
    expect(gelu(1)).toBe(0.8413447460685429);
    expect(gelu(-8)).toBeCloseTo(-4.976768459417e-15, 25);
    expect(gelu([0, 1], { approximate: "tanh" })).toEqual([0, 0.8411919906082768]);
  });
});
