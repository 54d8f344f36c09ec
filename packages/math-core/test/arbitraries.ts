import fc from "fast-check";
import type { Matrix } from "../src/index.ts";

/** A finite double in [-limit, limit] (fast-check's doubles also produce −0 and tiny values). */
export const entry = (limit = 10) => fc.double({ min: -limit, max: limit, noNaN: true, noDefaultInfinity: true });

export const matrixOf = (rows: number, cols: number, value = entry()): fc.Arbitrary<Matrix> =>
  fc.array(fc.array(value, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

/**
 * A dense value in [-limit, limit] on a fine grid: no bias toward 0 or special values, so the
 * matrices are generic (not defective), as the eigenvalue accuracy claims assume.
 */
export const denseEntry = (limit = 5) =>
  fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((k) => (k / 2 ** 20) * limit);

/** Any matrix up to 8×8. */
export const anyMatrix = (value = entry()) =>
  fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).chain(([r, c]) => matrixOf(r, c, value));

/** A square matrix up to 8×8. */
export const squareMatrix = (value = entry()) => fc.integer({ min: 1, max: 8 }).chain((n) => matrixOf(n, n, value));

/** Strictly diagonally dominant, hence invertible and well conditioned. */
export const invertibleMatrix = () =>
  fc
    .tuple(squareMatrix(entry(1)), fc.boolean())
    .map(([M, negative]) =>
      M.map((row, i) => row.map((x, j) => (i === j ? x + (negative ? -1 : 1) * (row.length + 1) : x))),
    );

/** A symmetric matrix up to 8×8. */
export const symmetricMatrix = () =>
  squareMatrix().map((M) => M.map((row, i) => row.map((x, j) => (i <= j ? x : (M[j]?.[i] as number)))));

/** Largest |entry| of a difference, for residual checks. */
export function maxAbsDiff(a: Matrix, b: Matrix): number {
  let worst = 0;
  a.forEach((row, i) => {
    row.forEach((x, j) => {
      worst = Math.max(worst, Math.abs(x - (b[i]?.[j] ?? Number.NaN)));
    });
  });
  return worst;
}

export function maxAbs(a: Matrix): number {
  return Math.max(0, ...a.flat().map(Math.abs));
}
