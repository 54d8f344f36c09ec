import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matrixOf } from "../test/arbitraries.ts";
import { divideToDouble } from "./exact.ts";
import { det, rank } from "./index.ts";

describe("exact determinants and inverses of short decimals", () => {
  it("round the exact value once", () => {
    expect(
      det([
        [3.14, -2.91, -8.45],
        [-8.96, -6.01, 2.1],
        [9.77, -2.93, -7.97],
      ]),
    ).toBe(-400.173125);
    expect(
      det([
        [6.127, 6.754],
        [8.889, 6.109],
      ]),
    ).toBe(-22.606463);
    fc.assert(
      fc.property(matrixOf(3, 3, fc.integer({ min: -1000, max: 1000 })), (S) => {
        // S/100 has two decimals; det(S) is an exact integer below 2^53, so det(S)/10^6 in one
        // IEEE division is the correctly rounded answer.
        const A = S.map((row) => row.map((x) => x / 100));
        expect(det(A)).toBe(exactDet(S) / 1e6);
      }),
    );
  });

  it("divide big integers with a single rounding", () => {
    // Expected values from Python's int / int, which rounds correctly.
    const cases: [bigint, bigint, number][] = [
      [1152921504606846977n, 3n, 3.843071682022823e17],
      [1000000000000000000000000000007n, 1000000000003n, 9.999999999970001e17],
      [-147808829414345923316083210206383297601n, 79792266297612001n, -1.8524204947763152e21],
      [1n, 10n ** 64n, 1e-64],
      [9007199254740993n, 1n, 9007199254740992],
      [12345678901234567890123n, 1000n, 1.2345678901234567e19],
    ];
    for (const [n, d, expected] of cases) expect(divideToDouble(n, d)).toBe(expected);
  });

  it("count rank exactly beyond the old size limit", () => {
    const big = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => ((i + 1) * (j + 2)) % 97));
    // numpy.linalg.matrix_rank gives 3 for this 10×10 matrix.
    expect(rank(big)).toBe(3);
  });
});

function exactDet(S: number[][]): number {
  if (S.length === 1) return S[0]?.[0] as number;
  let sum = 0;
  S[0]?.forEach((x, j) => {
    const minor = S.slice(1).map((row) => row.filter((_, k) => k !== j));
    sum += (j % 2 === 0 ? 1 : -1) * x * exactDet(minor);
  });
  return sum;
}
