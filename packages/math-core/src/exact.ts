import type { Dense } from "./tensor.ts";

// Exercises mostly use small integers and short decimals. For those, determinants and inverses
// are computed without rounding error (fraction-free elimination in integers, then one
// correctly rounded division per entry), so det([[1, 2], [3, 4]]) is -2, not -2.0000000000000004,
// and a learner typing the exact answer matches it digit for digit.

const MAX_DECIMALS = 4;
// Products of two intermediate minors must stay exact in a double.
const EXACT_LIMIT = 2 ** 53;

/** The matrix scaled to integers (`scale` a power of ten), or undefined when that is not exact. */
export function asIntegerMatrix(A: Dense): { data: Float64Array; scale: number } | undefined {
  for (let decimals = 0, scale = 1; decimals <= MAX_DECIMALS; decimals++, scale *= 10) {
    const data = new Float64Array(A.data.length);
    let ok = true;
    for (let i = 0; i < data.length && ok; i++) {
      const x = A.data[i] as number;
      const r = Math.round(x * scale);
      // Exactly the double you get by typing that short decimal (0.3 is 3/10, 3.9999999 is not 4).
      if (r / scale !== x || !Number.isSafeInteger(r)) ok = false;
      data[i] = r;
    }
    if (ok) return fitsExactly(data, A.rows, A.cols) ? { data, scale } : undefined;
  }
  return undefined;
}

/** Hadamard's bound on every minor of [M | I], squared, stays below 2^53. */
function fitsExactly(data: Float64Array, rows: number, cols: number): boolean {
  let bound = 1;
  for (let i = 0; i < rows; i++) {
    let sum = 1;
    for (let j = 0; j < cols; j++) sum += (data[i * cols + j] as number) ** 2;
    bound *= Math.sqrt(sum);
  }
  return bound * bound < EXACT_LIMIT;
}

/**
 * Fraction-free Gauss–Jordan (Bareiss) on [M | I] for an integer square matrix M. Returns the
 * determinant and adj(M) (so M⁻¹ = adjugate / det), every intermediate an exact integer.
 */
export function bareiss(
  data: Float64Array,
  n: number,
  withAdjugate: boolean,
): { det: number; adjugate?: Float64Array } {
  const width = withAdjugate ? 2 * n : n;
  const M = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) M[i * width + j] = data[i * n + j] as number;
    if (withAdjugate) M[i * width + n + i] = 1;
  }
  let previous = 1;
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let pivotRow = k;
    while (pivotRow < n && M[pivotRow * width + k] === 0) pivotRow++;
    if (pivotRow === n) return { det: 0 };
    if (pivotRow !== k) {
      for (let j = 0; j < width; j++) {
        const t = M[k * width + j] as number;
        M[k * width + j] = M[pivotRow * width + j] as number;
        M[pivotRow * width + j] = t;
      }
      sign = -sign;
    }
    const pivot = M[k * width + k] as number;
    // Gauss–Jordan clears every other row; plain Bareiss (determinant only) only those below.
    for (let i = withAdjugate ? 0 : k + 1; i < n; i++) {
      if (i === k) continue;
      const factor = M[i * width + k] as number;
      for (let j = 0; j < width; j++) {
        if (j === k) continue;
        M[i * width + j] = (pivot * (M[i * width + j] as number) - factor * (M[k * width + j] as number)) / previous;
      }
      M[i * width + k] = 0;
    }
    previous = pivot;
  }
  // The last pivot is det(PM) where P holds the row swaps; [PM | P] became [d·I | d·M⁻¹].
  const det = sign * previous;
  if (!withAdjugate) return { det };
  const adjugate = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) adjugate[i * n + j] = sign * (M[i * width + n + j] as number);
  }
  return { det, adjugate };
}

/** Rank of an integer rows×cols matrix by fraction-free elimination (exact). */
export function integerRank(data: Float64Array, rows: number, cols: number): number {
  const M = Float64Array.from(data);
  let rank = 0;
  let previous = 1;
  for (let col = 0; col < cols && rank < rows; col++) {
    let pivotRow = rank;
    while (pivotRow < rows && M[pivotRow * cols + col] === 0) pivotRow++;
    if (pivotRow === rows) continue;
    for (let j = 0; j < cols; j++) {
      const t = M[rank * cols + j] as number;
      M[rank * cols + j] = M[pivotRow * cols + j] as number;
      M[pivotRow * cols + j] = t;
    }
    const pivot = M[rank * cols + col] as number;
    for (let i = rank + 1; i < rows; i++) {
      const factor = M[i * cols + col] as number;
      for (let j = col + 1; j < cols; j++) {
        M[i * cols + j] = (pivot * (M[i * cols + j] as number) - factor * (M[rank * cols + j] as number)) / previous;
      }
      M[i * cols + col] = 0;
    }
    previous = pivot;
    rank++;
  }
  return rank;
}
