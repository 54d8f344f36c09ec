import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  anyMatrix,
  denseEntry,
  matrixOf,
  maxAbs,
  maxAbsDiff,
  squareMatrix,
  symmetricMatrix,
} from "../test/arbitraries.ts";
import { det, eig, eigSymmetric, identity, type Matrix, matmul, rank, svd, trace, transpose } from "./index.ts";

const diag = (values: number[]) => values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));
const column = (M: Matrix, j: number) => M.map((row) => row[j] as number);

describe("eigSymmetric", () => {
  it("gives Av = λv with orthonormal vectors and ascending values", () => {
    fc.assert(
      fc.property(symmetricMatrix(), (A) => {
        const { values, vectors } = eigSymmetric(A);
        const size = Math.max(1, maxAbs(A));
        values.forEach((lambda, j) => {
          const v = column(vectors, j);
          const Av = matmul(A, v);
          Av.forEach((x, i) => {
            expect(Math.abs(x - lambda * (v[i] as number))).toBeLessThanOrEqual(1e-12 * size * A.length);
          });
          if (j > 0) expect(lambda).toBeGreaterThanOrEqual(values[j - 1] as number);
        });
        expect(maxAbsDiff(matmul(transpose(vectors), vectors), identity(A.length))).toBeLessThanOrEqual(
          1e-13 * A.length,
        );
      }),
    );
  });

  it("keeps round numbers round and orients every vector the same way", () => {
    const { values, vectors } = eigSymmetric([
      [2, 1],
      [1, 2],
    ]);
    expect(values).toEqual([1, 3]);
    const r = Math.SQRT1_2;
    expect(vectors[0]?.[0]).toBeCloseTo(r, 15);
    expect(vectors[0]?.[1]).toBeCloseTo(r, 15);
    expect(vectors[1]?.[0]).toBeCloseTo(-r, 15);
    expect(vectors[1]?.[1]).toBeCloseTo(r, 15);
    expect(eigSymmetric([[-3]])).toEqual({ values: [-3], vectors: [[1]] });
  });

  it("refuses a matrix that is not symmetric and points to eig", () => {
    expect(() =>
      eigSymmetric([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      "eigSymmetric: A is not symmetric: A[0][1] = 2 but A[1][0] = 3; use eig for a matrix that is not symmetric",
    );
  });
});

describe("eig", () => {
  it("finds eigenvalues whose sum is the trace and product the determinant, with Av = λv for real ones", () => {
    fc.assert(
      fc.property(squareMatrix(denseEntry()), (A) => {
        const { values, vectors } = eig(A);
        expect(values).toHaveLength(A.length);
        const size = Math.max(1, maxAbs(A)) * A.length;
        const sumRe = values.reduce((s, v) => s + v.re, 0);
        const sumIm = values.reduce((s, v) => s + v.im, 0);
        expect(Math.abs(sumRe - trace(A))).toBeLessThanOrEqual(1e-10 * size);
        expect(Math.abs(sumIm)).toBeLessThanOrEqual(1e-10 * size);
        // Product of the eigenvalues in complex arithmetic.
        let re = 1;
        let im = 0;
        for (const v of values) [re, im] = [re * v.re - im * v.im, re * v.im + im * v.re];
        expect(Math.abs(re - det(A))).toBeLessThanOrEqual(1e-8 * size ** A.length);
        values.forEach((value, j) => {
          const v = vectors[j];
          if (value.im !== 0) {
            expect(v).toBeNull();
            expect(values.some((w) => w.re === value.re && w.im === -value.im)).toBe(true);
            return;
          }
          expect(v).not.toBeNull();
          const Av = matmul(A, v as number[]);
          Av.forEach((x, i) => {
            expect(Math.abs(x - value.re * ((v as number[])[i] as number))).toBeLessThanOrEqual(1e-8 * size);
          });
        });
      }),
    );
  });

  it("returns n finite eigenvalues for any matrix, degenerate and subnormal ones included", () => {
    fc.assert(
      fc.property(squareMatrix(), (A) => {
        const { values } = eig(A);
        expect(values).toHaveLength(A.length);
        for (const v of values) expect(Number.isFinite(v.re) && Number.isFinite(v.im)).toBe(true);
        expect(svd(A).S.every(Number.isFinite)).toBe(true);
      }),
    );
  });

  it("agrees with eigSymmetric on symmetric matrices", () => {
    fc.assert(
      fc.property(symmetricMatrix(), (A) => {
        const general = eig(A).values;
        const symmetric = eigSymmetric(A).values;
        const size = Math.max(1, maxAbs(A)) * A.length;
        general.forEach((v, i) => {
          expect(Math.abs(v.im)).toBe(0);
          expect(Math.abs(v.re - (symmetric[i] as number))).toBeLessThanOrEqual(1e-10 * size);
        });
      }),
    );
  });

  it("returns complex pairs for a rotation and vectors for real eigenvalues", () => {
    expect(
      eig([
        [0, -1],
        [1, 0],
      ]),
    ).toEqual({
      values: [
        { re: 0, im: -1 },
        { re: 0, im: 1 },
      ],
      vectors: [null, null],
    });
    const { values, vectors } = eig([
      [4, 1],
      [2, 3],
    ]);
    expect(values).toEqual([
      { re: 2, im: 0 },
      { re: 5, im: 0 },
    ]);
    for (const x of vectors[1] ?? []) expect(x).toBeCloseTo(Math.SQRT1_2, 15);
    // Singular A − λI on every eigenvalue of a triangular matrix.
    expect(
      eig([
        [2, 0, 0],
        [1, 3, 0],
        [4, 5, 6],
      ]).values.map((v) => Math.round(v.re * 1e12) / 1e12),
    ).toEqual([2, 3, 6]);
    // A repeated eigenvalue with two independent vectors.
    const I = eig(identity(2));
    expect(I.values).toEqual([
      { re: 1, im: 0 },
      { re: 1, im: 0 },
    ]);
    expect(Math.abs(matmul(I.vectors[0] as number[], I.vectors[1] as number[]))).toBeLessThanOrEqual(1e-15);
  });
});

describe("svd", () => {
  const lowRank = fc
    .record({ m: fc.integer({ min: 1, max: 8 }), n: fc.integer({ min: 1, max: 8 }), r: fc.integer({ min: 1, max: 3 }) })
    .chain(({ m, n, r }) =>
      fc.tuple(matrixOf(m, r, fc.integer({ min: -3, max: 3 })), matrixOf(r, n, fc.integer({ min: -3, max: 3 }))),
    )
    .map(([B, C]) => matmul(B, C));

  it("gives A = UΣVᵀ with orthonormal U and V and descending singular values, also for rank-deficient A", () => {
    fc.assert(
      fc.property(fc.oneof(anyMatrix(), lowRank), (A) => {
        const { U, S, V } = svd(A);
        const k = Math.min(A.length, (A[0] as number[]).length);
        expect([U.length, U[0]?.length, S.length, V.length, V[0]?.length]).toEqual([A.length, k, k, A[0]?.length, k]);
        const size = Math.max(1, maxAbs(A)) * Math.max(A.length, k);
        expect(maxAbsDiff(matmul(matmul(U, diag(S)), transpose(V)), A)).toBeLessThanOrEqual(1e-13 * size);
        expect(maxAbsDiff(matmul(transpose(U), U), identity(k))).toBeLessThanOrEqual(1e-12);
        expect(maxAbsDiff(matmul(transpose(V), V), identity(k))).toBeLessThanOrEqual(1e-12);
        S.forEach((sigma, i) => {
          expect(sigma).toBeGreaterThanOrEqual(0);
          if (i > 0) expect(sigma).toBeLessThanOrEqual(S[i - 1] as number);
        });
      }),
    );
  });

  it("counts rank from singular values the way numpy does", () => {
    fc.assert(
      fc.property(lowRank, (A) => {
        const S = svd(A).S;
        const cutoff = Math.max(A.length, (A[0] as number[]).length) * Number.EPSILON * (S[0] as number);
        expect(rank(A)).toBe(S.filter((s) => s > cutoff).length);
      }),
    );
  });

  it("decomposes small examples exactly enough to read", () => {
    expect(
      svd([
        [3, 0],
        [0, -2],
      ]),
    ).toEqual({
      U: [
        [1, 0],
        [0, -1],
      ],
      S: [3, 2],
      V: [
        [1, 0],
        [0, 1],
      ],
    });
    const wide = svd([
      [1, 2, 3],
      [2, 4, 6],
    ]);
    expect(wide.S[1]).toBe(0);
    expect(wide.U.length).toBe(2);
  });
});
