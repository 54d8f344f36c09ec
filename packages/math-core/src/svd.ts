import { ConvergenceError } from "./errors.ts";
import {
  type Dense,
  denseZeros,
  type Matrix,
  readMatrix,
  scaled,
  toRows,
  toVector,
  transposeDense,
  unitScale,
  type Vector,
} from "./tensor.ts";

export interface SingularValueDecomposition {
  /** m×k with orthonormal columns (k = min(m, n)). */
  U: Matrix;
  /** The k singular values, descending. */
  S: Vector;
  /** n×k with orthonormal columns: A = U·diag(S)·Vᵀ. */
  V: Matrix;
}

/**
 * Thin singular value decomposition of any m×n matrix (one-sided Jacobi, which keeps small
 * singular values accurate). Each column of V has its largest entry positive.
 * `svd([[3, 0], [0, -2]]).S → [3, 2]`
 */
export function svd(A: Matrix): SingularValueDecomposition {
  const { U, S, V } = svdDense(readMatrix("svd", "A", A), "svd");
  return { U: toRows(U), S: toVector(S), V: toRows(V) };
}

/** Numerical rank: the number of singular values above max(m, n)·ε·σ₁ (numpy's default). */
export function rankFromSingularValues(S: Float64Array, rows: number, cols: number): number {
  const cutoff = Math.max(rows, cols) * Number.EPSILON * (S[0] ?? 0);
  let rank = 0;
  for (const sigma of S) if (sigma > cutoff) rank++;
  return rank;
}

export function svdDense(A: Dense, operation: string): { U: Dense; S: Float64Array; V: Dense } {
  const s = unitScale(A.data);
  const M = scaled(A, s);
  const { U, S, V } = orientedSvd(M, operation);
  return { U, S: S.map((sigma) => sigma / s), V };
}

function orientedSvd(M: Dense, operation: string): { U: Dense; S: Float64Array; V: Dense } {
  if (M.rows >= M.cols) {
    const { U, S, V } = tallSvd(M, operation);
    orientPairs(U, V);
    return { U, S, V };
  }
  // Aᵀ = V Σ Uᵀ: decompose the tall transpose and swap the factors.
  const { U, S, V } = tallSvd(transposeDense(M), operation);
  orientPairs(V, U);
  return { U: V, S, V: U };
}

/** Flips matching columns of U and V together so each column of V has its largest entry positive. */
function orientPairs(U: Dense, V: Dense): void {
  const k = V.cols;
  for (let j = 0; j < k; j++) {
    let at = 0;
    for (let i = 1; i < V.rows; i++)
      if (Math.abs(V.data[i * k + j] as number) > Math.abs(V.data[at * k + j] as number)) at = i;
    if ((V.data[at * k + j] as number) >= 0) continue;
    for (let i = 0; i < V.rows; i++) V.data[i * k + j] = -(V.data[i * k + j] as number);
    for (let i = 0; i < U.rows; i++) U.data[i * k + j] = -(U.data[i * k + j] as number);
  }
}

function tallSvd(M: Dense, operation: string): { U: Dense; S: Float64Array; V: Dense } {
  const m = M.rows;
  const n = M.cols;
  // Work on columns: column j of the working matrix is cols[j].
  const cols: Float64Array[] = [];
  const vcols: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) c[i] = M.data[i * n + j] as number;
    cols.push(c);
    const v = new Float64Array(n);
    v[j] = 1;
    vcols.push(v);
  }
  let total = 0;
  for (const x of M.data) total += x * x;
  const negligible = Number.EPSILON ** 4 * total;
  let converged = false;
  for (let sweep = 0; sweep < 100 && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const up = cols[p] as Float64Array;
        const uq = cols[q] as Float64Array;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = up[i] as number;
          const y = uq[i] as number;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        // Rotate until every pair of columns is orthogonal to working precision. A column
        // worn down to rounding noise (a zero singular value) has no direction to settle.
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        if (alpha <= negligible || beta <= negligible) continue;
        converged = false;
        const zeta = (beta - alpha) / (2 * gamma);
        const t =
          Math.abs(zeta) > 1e150
            ? 1 / (2 * zeta)
            : Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(up, uq, c, s);
        rotate(vcols[p] as Float64Array, vcols[q] as Float64Array, c, s);
      }
    }
  }
  if (!converged) throw new ConvergenceError(operation, "Jacobi rotations did not converge in 100 sweeps");
  const sigmas = cols.map((c) => length(c));
  const order = Array.from(sigmas.keys()).sort((a, b) => (sigmas[b] as number) - (sigmas[a] as number));
  const S = Float64Array.from(order, (j) => sigmas[j] as number);
  const cutoff = Math.max(m, n) * Number.EPSILON * (S[0] ?? 0);
  const uColumns: Float64Array[] = [];
  const vColumns: Float64Array[] = [];
  for (const [k, j] of order.entries()) {
    const v = vcols[j] as Float64Array;
    const sigma = S[k] as number;
    // A zero singular value leaves no direction in U; completeOrthonormal fills it in below.
    const u = sigma > cutoff ? (cols[j] as Float64Array).map((x) => x / sigma) : undefined;
    vColumns.push(v);
    uColumns.push(u ?? new Float64Array(0));
  }
  for (let k = 0; k < n; k++)
    if ((uColumns[k] as Float64Array).length === 0) uColumns[k] = completeOrthonormal(uColumns, m);
  return { U: fromColumns(uColumns, m), S, V: fromColumns(vColumns, n) };
}

/** A unit vector orthogonal to every filled column: the standard basis vector that survives best. */
function completeOrthonormal(columns: Float64Array[], m: number): Float64Array {
  let best = new Float64Array(m);
  let bestLength = -1;
  for (let e = 0; e < m; e++) {
    const candidate = new Float64Array(m);
    candidate[e] = 1;
    // Orthogonalize twice: one pass of Gram–Schmidt can leave a visible residue.
    for (let pass = 0; pass < 2; pass++) {
      for (const c of columns) {
        if (c.length === 0) continue;
        let d = 0;
        for (let i = 0; i < m; i++) d += (c[i] as number) * (candidate[i] as number);
        for (let i = 0; i < m; i++) candidate[i] = (candidate[i] as number) - d * (c[i] as number);
      }
    }
    const l = length(candidate);
    if (l > bestLength) {
      best = candidate;
      bestLength = l;
    }
  }
  return best.map((x) => x / bestLength);
}

function rotate(x: Float64Array, y: Float64Array, c: number, s: number): void {
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    x[i] = c * a - s * b;
    y[i] = s * a + c * b;
  }
}

function length(x: Float64Array): number {
  let sum = 0;
  for (const v of x) sum += v * v;
  return Math.sqrt(sum);
}

function fromColumns(columns: Float64Array[], rows: number): Dense {
  const out = denseZeros(rows, columns.length);
  columns.forEach((c, j) => {
    for (let i = 0; i < rows; i++) out.data[i * columns.length + j] = c[i] as number;
  });
  return out;
}
