import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { denseEntry, matrixOf } from "../test/arbitraries.ts";
import { createRng, eig, eigSymmetric, inverse, type Matrix, matmul, randomInvertibleMatrix, svd } from "./index.ts";

describe("eigenvalues that repeat or nearly do", () => {
  it("converge for diagonalizable integer matrices with a repeated eigenvalue, with independent vectors", () => {
    expect(
      eig([
        [7, 12, 0, 12],
        [0, 1, 0, 0],
        [-6, -12, 1, -12],
        [-4, -8, 0, -7],
      ]).values.map((v) => Math.round(v.re)),
    ).toEqual([-1, 1, 1, 1]);
    expect(
      eig([
        [2, 0, 4, 6],
        [0, 1, 0, 0],
        [-3, 0, -11, -18],
        [2, 0, 8, 13],
      ]).values.map((v) => Math.round(v.re)),
    ).toEqual([1, 1, 1, 2]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 2, max: 5 }), (seed, n) => {
        const rng = createRng(seed);
        const P = randomInvertibleMatrix(rng, n, { integerInverse: true, min: -3, max: 3, maxCondition: 30 });
        // Eigenvalues from {-1, 1, 2}: with n ≥ 4 some must repeat.
        const D = Array.from({ length: n }, () => rng.pick([-1, 1, 2]));
        const A = matmul(
          matmul(
            P,
            D.map((d, i) => D.map((_, j) => (i === j ? d : 0))),
          ),
          inverse(P),
        );
        const { values, vectors } = eig(A);
        expect(values.map((v) => v.re).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([...D].sort((a, b) => a - b));
        values.forEach((value, i) => {
          const v = vectors[i] as number[];
          const residual = matmul(A, v).map((x, k) => x - value.re * (v[k] as number));
          expect(Math.max(...residual.map(Math.abs))).toBeLessThan(1e-6);
        });
        // Vectors of one repeated eigenvalue span its eigenspace: together they have full rank.
        const columns = vectors.map((v) => v as number[]);
        expect(svd(columns).S.filter((s) => s > 1e-6)).toHaveLength(n);
      }),
      { numRuns: 100 },
    );
  });

  it("keep eigenvalues 1e-8 apart, or on a tiny matrix, apart", () => {
    for (const x of eig([
      [2e-8, 1e-8],
      [0, 3e-8],
    ]).vectors[1] ?? [])
      expect(x).toBeCloseTo(Math.SQRT1_2, 12);
    expect(
      eig([
        [1e-10, 0],
        [0, 2e-10],
      ]).vectors,
    ).toEqual([
      [1, 0],
      [0, 1],
    ]);
    const v = eig([
      [1e8, 2],
      [0, 1e8 + 1],
    ]).vectors[1] as number[];
    expect(Math.abs((v[0] as number) - 2 * (v[1] as number))).toBeLessThan(1e-8);
  });

  it("eigSymmetric judges symmetry relative to the matrix's size and does not overflow", () => {
    expect(() =>
      eigSymmetric([
        [0, 1e-10],
        [0, 0],
      ]),
    ).toThrow("A is not symmetric");
    expect(
      eigSymmetric([
        [0, 1e308],
        [1e308, 0],
      ]).values,
    ).toEqual([-1e308, 1e308]);
  });

  it("orient every eigenvector and singular vector with its largest entry positive", () => {
    fc.assert(
      fc.property(matrixOf(4, 4, denseEntry()), (M) => {
        const symmetric = M.map((row, i) => row.map((x, j) => x + (M[j]?.[i] as number)));
        const largestPositive = (column: number[]) => {
          const at = column.reduce((best, x, i) => (Math.abs(x) > Math.abs(column[best] as number) ? i : best), 0);
          return (column[at] as number) > 0;
        };
        const columns = (A: Matrix) => (A[0] as number[]).map((_, j) => A.map((row) => row[j] as number));
        for (const c of columns(eigSymmetric(symmetric).vectors)) expect(largestPositive(c)).toBe(true);
        for (const c of columns(svd(M).V)) expect(largestPositive(c)).toBe(true);
        for (const v of eig(M).vectors) if (v) expect(largestPositive(v)).toBe(true);
      }),
    );
  });
});
