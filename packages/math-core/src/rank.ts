import { asIntegerMatrix, integerRank } from "./exact.ts";
import { rankFromSingularValues, svdDense } from "./svd.ts";
import { type Matrix, readMatrix } from "./tensor.ts";

/**
 * The number of linearly independent rows (or columns): exact for integers and short
 * decimals, otherwise singular values above max(m, n)·ε·σ₁ as numpy counts them.
 * `rank([[1, 2], [2, 4]]) → 1`
 */
export function rank(A: Matrix): number {
  const M = readMatrix("rank", "A", A);
  const exact = asIntegerMatrix(M);
  if (exact) return integerRank(exact.data, M.rows, M.cols);
  return rankFromSingularValues(svdDense(M, "rank").S, M.rows, M.cols);
}
