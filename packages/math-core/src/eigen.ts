import { ConvergenceError, InvalidArgumentError } from "./errors.ts";
import { euclidean } from "./matrix.ts";
import { svdDense } from "./svd.ts";
import {
  type Dense,
  denseZeros,
  type Matrix,
  readSquareMatrix,
  scaled,
  toRows,
  toVector,
  unitScale,
  type Vector,
} from "./tensor.ts";

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Vector;
  /** Unit eigenvectors as columns: column i belongs to values[i]. */
  vectors: Matrix;
}

/**
 * Eigenvalues and orthonormal eigenvectors of a symmetric matrix (cyclic Jacobi rotations,
 * accurate to a few units in the last place relative to the matrix's size). Each vector's
 * largest entry is positive, so the sign is deterministic.
 * `eigSymmetric([[2, 1], [1, 2]]) → { values: [1, 3], vectors: [[0.707…, 0.707…], [-0.707…, 0.707…]] }`
 */
export function eigSymmetric(A: Matrix): SymmetricEigen {
  const M = readSquareMatrix("eigSymmetric", "A", A);
  const n = M.rows;
  // Work on A scaled by a power of two (exact), so the symmetry test is relative to A's size
  // and nothing overflows; the eigenvalues scale back exactly.
  const s = unitScale(M.data);
  const B = scaled(M, s);
  const b = B.data;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = b[i * n + j] as number;
      const y = b[j * n + i] as number;
      if (Math.abs(x - y) > 1e-9) {
        throw new InvalidArgumentError(
          "eigSymmetric",
          `A is not symmetric: A[${i}][${j}] = ${M.data[i * n + j]} but A[${j}][${i}] = ${M.data[j * n + i]}; use eig for a matrix that is not symmetric`,
        );
      }
      // Within tolerance: use the average, so both triangles agree exactly.
      b[i * n + j] = b[j * n + i] = (x + y) / 2;
    }
  }
  const { values: scaledValues, vectors } = jacobiEigen(B);
  const values = scaledValues.map((v) => v / s);
  const order = Array.from(values.keys()).sort((i, j) => (values[i] as number) - (values[j] as number));
  const sortedVectors = denseZeros(n, n);
  order.forEach((from, to) => {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = vectors.data[i * n + from] as number;
    orientBySign(column);
    for (let i = 0; i < n; i++) sortedVectors.data[i * n + to] = column[i] as number;
  });
  return { values: order.map((i) => values[i] as number), vectors: toRows(sortedVectors) };
}

function jacobiEigen(M: Dense): { values: Float64Array; vectors: Dense } {
  const n = M.rows;
  const a = M.data.slice();
  const v = denseZeros(n, n);
  for (let i = 0; i < n; i++) v.data[i * n + i] = 1;
  const size = euclidean(a);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    if (off === 0 || Math.sqrt(off) <= 1e-17 * size) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number;
      return { values, vectors: v };
    }
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        // The smaller root of t² + 2θt − 1 = 0 keeps the rotation angle at most π/4.
        const t =
          Math.abs(theta) > 1e150
            ? 1 / (2 * theta)
            : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // The diagonal updates in this form (rather than c²·a_pp − 2cs·a_pq + s²·a_qq) keep
        // round numbers round: [[2, 1], [1, 2]] gives exactly 1 and 3.
        a[p * n + p] = (a[p * n + p] as number) - t * apq;
        a[q * n + q] = (a[q * n + q] as number) + t * apq;
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const x = a[k * n + p] as number;
          const y = a[k * n + q] as number;
          a[k * n + p] = a[p * n + k] = c * x - s * y;
          a[k * n + q] = a[q * n + k] = s * x + c * y;
        }
        rotateColumns(v.data, n, n, p, q, c, s);
      }
    }
  }
  throw new ConvergenceError("eigSymmetric", "Jacobi rotations did not converge in 100 sweeps");
}

/** Columns p, q of a rows×n matrix ← (c·p − s·q, s·p + c·q). */
function rotateColumns(a: Float64Array, rows: number, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < rows; k++) {
    const x = a[k * n + p] as number;
    const y = a[k * n + q] as number;
    a[k * n + p] = c * x - s * y;
    a[k * n + q] = s * x + c * y;
  }
}

/** Flips a vector so its largest-magnitude entry is positive (the first such entry on ties). */
export function orientBySign(v: Float64Array): void {
  let at = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i] as number) > Math.abs(v[at] as number)) at = i;
  if ((v[at] as number) < 0) for (let i = 0; i < v.length; i++) v[i] = -(v[i] as number);
}

/** A complex number as JSON. */
export interface Complex {
  re: number;
  im: number;
}

export interface GeneralEigen {
  /** Eigenvalues sorted by real part, then imaginary part; complex ones come in conjugate pairs. */
  values: Complex[];
  /** A unit eigenvector (largest entry positive) for each real eigenvalue; null for complex ones. */
  vectors: (Vector | null)[];
}

/**
 * Eigenvalues of any real square matrix, real or complex (Hessenberg reduction and Francis
 * double-shift QR), with unit eigenvectors for the real ones.
 * `eig([[0, -1], [1, 0]]).values → [{ re: 0, im: -1 }, { re: 0, im: 1 }]`
 */
export function eig(A: Matrix): GeneralEigen {
  const M = readSquareMatrix("eig", "A", A);
  const n = M.rows;
  // Everything below works on A scaled by a power of two (exact), so thresholds are relative
  // to A's size, whatever that size is.
  const s = unitScale(M.data);
  const B = scaled(M, s);
  const size = euclidean(B.data);
  const scaledValues = francisQr(hessenberg(B), size);
  scaledValues.sort((x, y) => x.re - y.re || x.im - y.im);
  const values = scaledValues.map(({ re, im }) => ({ re: re / s + 0, im: im / s + 0 }));
  // Eigenvectors of real eigenvalues: the null space of A − λI, from its SVD. Copies of a
  // repeated eigenvalue (equal to 1e-10 of ‖A‖; distinct ones are farther apart than that in
  // double precision) share one null space and take its vectors in turn.
  const vectors: (Vector | null)[] = [];
  let i = 0;
  while (i < scaledValues.length) {
    const value = scaledValues[i] as Complex;
    if (value.im !== 0) {
      vectors.push(null);
      i++;
      continue;
    }
    let copies = 1;
    let sum = value.re;
    while (i + copies < scaledValues.length) {
      const next = scaledValues[i + copies] as Complex;
      if (next.im !== 0 || Math.abs(next.re - value.re) > 1e-10 * size) break;
      sum += next.re;
      copies++;
    }
    const lambda = sum / copies;
    const shifted = B.data.slice();
    for (let k = 0; k < n; k++) shifted[k * n + k] = (shifted[k * n + k] as number) - lambda;
    const { S, V } = svdDense({ rows: n, cols: n, data: shifted }, "eig");
    const cutoff = 1e-8 * Math.max(S[0] as number, size);
    let nullity = 0;
    for (const sigma of S) if (sigma <= cutoff) nullity++;
    nullity = Math.min(Math.max(nullity, 1), copies);
    for (let c = 0; c < copies; c++) {
      // A defective eigenvalue has fewer independent vectors than copies: the last one repeats.
      const column = n - 1 - Math.min(c, nullity - 1);
      const vector = new Float64Array(n);
      for (let k = 0; k < n; k++) vector[k] = V.data[k * n + column] as number;
      orientBySign(vector);
      vectors.push(toVector(vector));
    }
    i += copies;
  }
  return { values, vectors };
}

/** Householder reduction to upper Hessenberg form (zeros below the first subdiagonal). */
function hessenberg(M: Dense): Dense {
  const n = M.rows;
  const a = M.data.slice();
  const v = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let largest = 0;
    for (let i = k + 1; i < n; i++) largest = Math.max(largest, Math.abs(a[i * n + k] as number));
    if (largest === 0) continue;
    let length = 0;
    for (let i = k + 1; i < n; i++) length += ((a[i * n + k] as number) / largest) ** 2;
    length = Math.sqrt(length) * largest;
    const head = a[(k + 1) * n + k] as number;
    const alpha = head > 0 ? -length : length;
    // v is scaled by 1/largest (the reflector ignores v's length) so vᵀv does not underflow.
    let vv = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = ((a[i * n + k] as number) - (i === k + 1 ? alpha : 0)) / largest;
      vv += (v[i] as number) ** 2;
    }
    if (vv === 0) continue;
    // A ← (I − 2vvᵀ/vᵀv) A (I − 2vvᵀ/vᵀv)
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k + 1; i < n; i++) s += (v[i] as number) * (a[i * n + j] as number);
      const f = (2 * s) / vv;
      for (let i = k + 1; i < n; i++) a[i * n + j] = (a[i * n + j] as number) - f * (v[i] as number);
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += (a[i * n + j] as number) * (v[j] as number);
      const f = (2 * s) / vv;
      for (let j = k + 1; j < n; j++) a[i * n + j] = (a[i * n + j] as number) - f * (v[j] as number);
    }
    a[(k + 1) * n + k] = alpha;
    for (let i = k + 2; i < n; i++) a[i * n + k] = 0;
  }
  return { rows: n, cols: n, data: a };
}

/** Eigenvalues of an upper Hessenberg matrix by implicit double-shift QR with deflation. */
function francisQr(H: Dense, size: number): Complex[] {
  const n = H.rows;
  const h = H.data;
  const at = (i: number, j: number) => h[i * n + j] as number;
  const values: Complex[] = [];
  let hi = n - 1;
  let iterations = 0;
  let total = 0;
  while (hi >= 0) {
    // Find the start of the unreduced block that ends at hi.
    let lo = hi;
    while (lo > 0) {
      const scale = Math.abs(at(lo - 1, lo - 1)) + Math.abs(at(lo, lo)) || size;
      // Relative to its neighbours, or negligible against the whole matrix (backward stable).
      const sub = Math.abs(at(lo, lo - 1));
      if (sub <= Number.EPSILON * scale || sub <= Number.EPSILON * size) {
        h[lo * n + lo - 1] = 0;
        break;
      }
      lo--;
    }
    if (lo === hi) {
      values.push({ re: at(hi, hi), im: 0 });
      hi -= 1;
      iterations = 0;
      continue;
    }
    if (lo === hi - 1) {
      values.push(...eigenvalues2x2(at(hi - 1, hi - 1), at(hi - 1, hi), at(hi, hi - 1), at(hi, hi), size));
      hi -= 2;
      iterations = 0;
      continue;
    }
    iterations++;
    total++;
    if (total > 100 * n) throw new ConvergenceError("eig", `QR iterations did not converge (${total} iterations)`);
    // Shifts: the eigenvalues of the trailing 2×2 block, as their sum s and product t; every
    // tenth iteration an exceptional shift breaks a cycle.
    let s = at(hi - 1, hi - 1) + at(hi, hi);
    let t = at(hi - 1, hi - 1) * at(hi, hi) - at(hi - 1, hi) * at(hi, hi - 1);
    if (iterations % 10 === 0) {
      const shift = 0.75 * (Math.abs(at(hi, hi - 1)) + Math.abs(at(hi - 1, hi - 2))) + at(hi, hi);
      s = 2 * shift;
      t = shift * shift;
    }
    // First column of (H − σ₁I)(H − σ₂I), then chase the bulge down the diagonal.
    let x = at(lo, lo) * at(lo, lo) + at(lo, lo + 1) * at(lo + 1, lo) - s * at(lo, lo) + t;
    let y = at(lo + 1, lo) * (at(lo, lo) + at(lo + 1, lo + 1) - s);
    let z = at(lo + 1, lo) * at(lo + 2, lo + 1);
    for (let k = lo; k <= hi - 2; k++) {
      reflect3(h, n, k, x, y, z, Math.max(lo, k - 1), hi, lo, Math.min(k + 3, hi));
      x = at(k + 1, k);
      y = at(k + 2, k);
      if (k < hi - 2) z = at(k + 3, k);
    }
    reflect2(h, n, hi - 1, x, y, hi - 2, hi, lo, hi);
  }
  return values;
}

/** Applies the reflector that maps (x, y, z) onto the first axis to rows and columns k…k+2. */
function reflect3(
  h: Float64Array,
  n: number,
  k: number,
  x: number,
  y: number,
  z: number,
  colFrom: number,
  colTo: number,
  rowFrom: number,
  rowTo: number,
): void {
  // The reflector does not change when (x, y, z) is scaled; scaling first keeps the squares
  // from underflowing into inexact subnormals.
  const largest = Math.max(Math.abs(x), Math.abs(y), Math.abs(z));
  if (largest === 0) return;
  x /= largest;
  y /= largest;
  z /= largest;
  const length = Math.sqrt(x * x + y * y + z * z);
  const v0 = x + (x >= 0 ? length : -length);
  const vv = v0 * v0 + y * y + z * z;
  for (let j = colFrom; j <= colTo; j++) {
    const f =
      (2 * (v0 * (h[k * n + j] as number) + y * (h[(k + 1) * n + j] as number) + z * (h[(k + 2) * n + j] as number))) /
      vv;
    h[k * n + j] = (h[k * n + j] as number) - f * v0;
    h[(k + 1) * n + j] = (h[(k + 1) * n + j] as number) - f * y;
    h[(k + 2) * n + j] = (h[(k + 2) * n + j] as number) - f * z;
  }
  for (let i = rowFrom; i <= rowTo; i++) {
    const f =
      (2 * (v0 * (h[i * n + k] as number) + y * (h[i * n + k + 1] as number) + z * (h[i * n + k + 2] as number))) / vv;
    h[i * n + k] = (h[i * n + k] as number) - f * v0;
    h[i * n + k + 1] = (h[i * n + k + 1] as number) - f * y;
    h[i * n + k + 2] = (h[i * n + k + 2] as number) - f * z;
  }
}

function reflect2(
  h: Float64Array,
  n: number,
  k: number,
  x: number,
  y: number,
  colFrom: number,
  colTo: number,
  rowFrom: number,
  rowTo: number,
): void {
  const largest = Math.max(Math.abs(x), Math.abs(y));
  if (largest === 0) return;
  x /= largest;
  y /= largest;
  const length = Math.sqrt(x * x + y * y);
  const v0 = x + (x >= 0 ? length : -length);
  const vv = v0 * v0 + y * y;
  for (let j = colFrom; j <= colTo; j++) {
    const f = (2 * (v0 * (h[k * n + j] as number) + y * (h[(k + 1) * n + j] as number))) / vv;
    h[k * n + j] = (h[k * n + j] as number) - f * v0;
    h[(k + 1) * n + j] = (h[(k + 1) * n + j] as number) - f * y;
  }
  for (let i = rowFrom; i <= rowTo; i++) {
    const f = (2 * (v0 * (h[i * n + k] as number) + y * (h[i * n + k + 1] as number))) / vv;
    h[i * n + k] = (h[i * n + k] as number) - f * v0;
    h[i * n + k + 1] = (h[i * n + k + 1] as number) - f * y;
  }
}

/** Eigenvalues of [[a, b], [c, d]], avoiding cancellation in the smaller real root. */
function eigenvalues2x2(a: number, b: number, c: number, d: number, size: number): Complex[] {
  const p = (a + d) / 2;
  const discriminant = ((a - d) / 2) ** 2 + b * c;
  // A tiny negative discriminant is rounding around a double eigenvalue, not a complex pair.
  if (discriminant >= -((Number.EPSILON * size) ** 2)) {
    const q = Math.sqrt(Math.max(discriminant, 0));
    const big = p + (p >= 0 ? q : -q);
    // det/big avoids cancelling p − q; below 1e-150 the product det underflows, so subtract.
    const small = Math.abs(big) > 1e-150 ? (a * d - b * c) / big : p - (p >= 0 ? q : -q);
    return [
      { re: big, im: 0 },
      { re: small, im: 0 },
    ];
  }
  const q = Math.sqrt(-discriminant);
  return [
    { re: p, im: q },
    { re: p, im: -q },
  ];
}
