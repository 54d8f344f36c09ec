import type { Dense } from "./tensor.ts";

// Exercises mostly use small integers and short decimals. For those, determinants, inverses
// and ranks are computed exactly (fraction-free elimination in BigInt), and each result is
// rounded once, to the nearest double: det([[1, 2], [3, 4]]) is -2, not -2.0000000000000004,
// and det([[6.127, 6.754], [8.889, 6.109]]) is -22.606463, so a learner typing the exact
// answer matches it digit for digit.

const MAX_DECIMALS = 4;
// BigInt elimination costs O(n³) big-number operations; beyond this size LU is the better deal.
const MAX_EXACT_SIZE = 16;

/** The matrix scaled to integers by 10^decimals, or undefined when it is not made of short decimals. */
export function asIntegerMatrix(A: Dense): { data: bigint[]; scale: bigint } | undefined {
  if (A.rows > MAX_EXACT_SIZE || A.cols > MAX_EXACT_SIZE) return undefined;
  for (let decimals = 0, scale = 1; decimals <= MAX_DECIMALS; decimals++, scale *= 10) {
    const data: bigint[] = new Array(A.data.length);
    let ok = true;
    for (let i = 0; i < data.length && ok; i++) {
      const x = A.data[i] as number;
      const r = Math.round(x * scale);
      // Exactly the double you get by typing that short decimal (0.3 is 3/10, 3.9999999 is not 4).
      if (r / scale !== x || !Number.isSafeInteger(r)) ok = false;
      else data[i] = BigInt(r);
    }
    if (ok) return { data, scale: BigInt(scale) };
  }
  return undefined;
}

/**
 * Fraction-free Gauss–Jordan (Bareiss) on [M | I] for an integer n×n matrix M: returns
 * det(M) and, when asked, adj(M) (so M⁻¹ = adj(M)/det(M)). Every division is exact.
 */
export function bareiss(
  data: readonly bigint[],
  n: number,
  withAdjugate: boolean,
): { det: bigint; adjugate?: bigint[] } {
  const width = withAdjugate ? 2 * n : n;
  const M: bigint[] = new Array(n * width).fill(0n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) M[i * width + j] = data[i * n + j] as bigint;
    if (withAdjugate) M[i * width + n + i] = 1n;
  }
  let previous = 1n;
  let sign = 1n;
  for (let k = 0; k < n; k++) {
    let pivotRow = k;
    while (pivotRow < n && M[pivotRow * width + k] === 0n) pivotRow++;
    if (pivotRow === n) return { det: 0n };
    if (pivotRow !== k) {
      for (let j = 0; j < width; j++) {
        const t = M[k * width + j] as bigint;
        M[k * width + j] = M[pivotRow * width + j] as bigint;
        M[pivotRow * width + j] = t;
      }
      sign = -sign;
    }
    const pivot = M[k * width + k] as bigint;
    // Gauss–Jordan clears every other row; plain Bareiss (determinant only) only those below.
    for (let i = withAdjugate ? 0 : k + 1; i < n; i++) {
      if (i === k) continue;
      const factor = M[i * width + k] as bigint;
      for (let j = 0; j < width; j++) {
        if (j === k) continue;
        M[i * width + j] = (pivot * (M[i * width + j] as bigint) - factor * (M[k * width + j] as bigint)) / previous;
      }
      M[i * width + k] = 0n;
    }
    previous = pivot;
  }
  // The last pivot is det(PM) where P holds the row swaps; [PM | P] became [d·I | d·M⁻¹].
  const det = sign * previous;
  if (!withAdjugate) return { det };
  const adjugate: bigint[] = new Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) adjugate[i * n + j] = sign * (M[i * width + n + j] as bigint);
  }
  return { det, adjugate };
}

/** Rank of an integer rows×cols matrix by fraction-free elimination (exact). */
export function integerRank(data: readonly bigint[], rows: number, cols: number): number {
  const M = [...data];
  let rank = 0;
  let previous = 1n;
  for (let col = 0; col < cols && rank < rows; col++) {
    let pivotRow = rank;
    while (pivotRow < rows && M[pivotRow * cols + col] === 0n) pivotRow++;
    if (pivotRow === rows) continue;
    for (let j = 0; j < cols; j++) {
      const t = M[rank * cols + j] as bigint;
      M[rank * cols + j] = M[pivotRow * cols + j] as bigint;
      M[pivotRow * cols + j] = t;
    }
    const pivot = M[rank * cols + col] as bigint;
    for (let i = rank + 1; i < rows; i++) {
      const factor = M[i * cols + col] as bigint;
      for (let j = col + 1; j < cols; j++) {
        M[i * cols + j] = (pivot * (M[i * cols + j] as bigint) - factor * (M[rank * cols + j] as bigint)) / previous;
      }
      M[i * cols + col] = 0n;
    }
    previous = pivot;
    rank++;
  }
  return rank;
}

/** numerator/denominator rounded once to the nearest double (ties to even). */
export function divideToDouble(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new RangeError("division by zero");
  if (numerator === 0n) return 0;
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const LIMIT = 2n ** 53n;
  if (n <= LIMIT && d <= LIMIT) {
    // Both convert exactly, and IEEE division rounds once.
    const q = Number(n) / Number(d);
    return negative ? -q : q;
  }
  // Take at least 66 significant bits of the quotient, and fold any remainder into a sticky
  // last bit, so Number() (round to nearest, ties to even) rounds as the exact value would.
  const shift = BigInt(Math.max(0, 66 - (n.toString(2).length - d.toString(2).length)));
  const scaled = n << shift;
  let q = scaled / d;
  if (q * d !== scaled) q |= 1n;
  const value = Number(q) / 2 ** Number(shift);
  return negative ? -value : value;
}
