import { InvalidArgumentError, MathCoreError, type Shape, ShapeError, SingularMatrixError } from "./errors.ts";
import { asIntegerMatrix, bareiss, divideToDouble } from "./exact.ts";
import { multiply } from "./kernel/kernel.ts";
import {
  type Dense,
  denseZeros,
  fromFlat,
  type Matrix,
  operand,
  readMatrix,
  readScalar,
  readSquareMatrix,
  readTensor,
  shapeOf,
  type Tensor,
  toRows,
  toVector,
  transposeDense,
  unitScale,
  type Vector,
} from "./tensor.ts";

type Elementwise<A extends Tensor, B extends Tensor> = A extends Matrix
  ? Matrix
  : B extends Matrix
    ? Matrix
    : A extends Vector
      ? Vector
      : B extends Vector
        ? Vector
        : number;

/**
 * Elementwise sum with numpy broadcasting: same shapes, a number with anything, or a vector
 * added to every row of a matrix. `add([[1, 2], [3, 4]], [10, 20]) → [[11, 22], [13, 24]]`
 */
export function add<A extends Tensor, B extends Tensor>(a: A, b: B): Elementwise<A, B> {
  return elementwise("add", "+", a, b, (x, y) => x + y) as Elementwise<A, B>;
}

/** Elementwise difference, broadcasting as `add` does. `sub([3, 4], 1) → [2, 3]` */
export function sub<A extends Tensor, B extends Tensor>(a: A, b: B): Elementwise<A, B> {
  return elementwise("sub", "−", a, b, (x, y) => x - y) as Elementwise<A, B>;
}

/** Elementwise (Hadamard, ⊙) product, broadcasting as `add` does. `hadamard([1, 2], [3, 4]) → [3, 8]` */
export function hadamard<A extends Tensor, B extends Tensor>(a: A, b: B): Elementwise<A, B> {
  return elementwise("hadamard", "⊙", a, b, (x, y) => x * y) as Elementwise<A, B>;
}

/** Every entry times a number. `scale([[1, 2]], 3) → [[3, 6]]` */
export function scale<T extends Tensor>(x: T, factor: number): T {
  const k = readScalar("scale", "factor", factor);
  const { shape, data } = readTensor("scale", "x", x);
  for (let i = 0; i < data.length; i++) data[i] = (data[i] as number) * k;
  return fromFlat(shape, data) as T;
}

function elementwise(
  operation: string,
  symbol: string,
  a: Tensor,
  b: Tensor,
  f: (x: number, y: number) => number,
): Tensor {
  const left = readTensor(operation, "a", a);
  const right = readTensor(operation, "b", b);
  const shape = broadcastShape(operation, symbol, left.shape, right.shape);
  const size = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(size);
  const cols = shape.length === 0 ? 1 : (shape[shape.length - 1] as number);
  const l = left.data;
  const r = right.data;
  // Index maps for the three cases: same size, a single number, or one row repeated.
  const li = l.length === size ? (i: number) => i : l.length === 1 ? () => 0 : (i: number) => i % cols;
  const ri = r.length === size ? (i: number) => i : r.length === 1 ? () => 0 : (i: number) => i % cols;
  for (let i = 0; i < size; i++) out[i] = f(l[li(i)] as number, r[ri(i)] as number);
  return fromFlat(shape, out);
}

function broadcastShape(operation: string, symbol: string, a: Shape, b: Shape): Shape {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  if (a.length === b.length) {
    if (a.every((d, i) => d === b[i])) return a;
    throw new ShapeError(
      operation,
      [a, b],
      "same-shape",
      `${operand(a)} ${symbol} ${operand(b)} — shapes must match (or one side is a number, or a vector with one entry per column)`,
    );
  }
  const [matrix, vector] = a.length === 2 ? [a, b] : [b, a];
  const cols = matrix[1] as number;
  if (vector[0] === cols) return matrix;
  throw new ShapeError(
    operation,
    [a, b],
    "row-broadcast",
    `${operand(a)} ${symbol} ${operand(b)} — a vector is combined with every row of the matrix, so it needs ${cols} entries, not ${vector[0]}`,
  );
}

type Product<A extends Vector | Matrix, B extends Vector | Matrix> = A extends Matrix
  ? B extends Matrix
    ? Matrix
    : Vector
  : B extends Matrix
    ? Vector
    : number;

/**
 * Matrix product with numpy's rules for vectors: matrix·matrix → matrix, matrix·vector and
 * vector·matrix → vector, vector·vector → number. `matmul([[1, 2], [3, 4]], [[5], [6]]) → [[17], [39]]`
 */
export function matmul<A extends Vector | Matrix, B extends Vector | Matrix>(a: A, b: B): Product<A, B> {
  const left = readOperand("matmul", "a", a);
  const right = readOperand("matmul", "b", b);
  // A vector on the left is a row, on the right a column.
  const A: Dense = left.vector ? { rows: 1, cols: left.data.length, data: left.data } : left.dense;
  const B: Dense = right.vector ? { rows: right.data.length, cols: 1, data: right.data } : right.dense;
  if (A.cols !== B.rows) {
    throw new ShapeError(
      "matmul",
      [left.shape, right.shape],
      "inner-dimensions",
      `${operand(left.shape)}·${operand(right.shape)} — inner dimensions ${A.cols} and ${B.rows} differ`,
    );
  }
  const C = multiply(A, B);
  for (const x of C.data) {
    if (!Number.isFinite(x)) {
      throw new MathCoreError(
        "non-finite",
        "matmul",
        "the product has entries too large to represent as numbers (overflow)",
      );
    }
  }
  if (left.vector && right.vector) return ((C.data[0] as number) + 0) as Product<A, B>;
  if (left.vector || right.vector) return toVector(C.data) as Product<A, B>;
  return toRows(C) as Product<A, B>;
}

/** Dot product of two vectors of the same length. `dot([1, 2, 3], [4, 5, 6]) → 32` */
export function dot(u: Vector, v: Vector): number {
  const a = readTensor("dot", "u", u);
  const b = readTensor("dot", "v", v);
  if (a.shape.length !== 1 || b.shape.length !== 1 || a.data.length !== b.data.length) {
    throw new ShapeError(
      "dot",
      [a.shape, b.shape],
      "same-length-vectors",
      `${operand(a.shape)}·${operand(b.shape)} — a dot product needs two vectors of the same length`,
    );
  }
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += (a.data[i] as number) * (b.data[i] as number);
  return sum;
}

function readOperand(
  operation: string,
  name: string,
  x: unknown,
): { shape: Shape; vector: true; data: Float64Array } | { shape: Shape; vector: false; dense: Dense } {
  const shape = shapeOf(x, operation, name);
  if (shape.length === 0) {
    throw new ShapeError(
      operation,
      [shape],
      "not-scalar",
      `${name} is a single number; multiply by a number with scale(x, k) instead`,
    );
  }
  if (shape.length === 1) return { shape, vector: true, data: readTensor(operation, name, x).data };
  return { shape, vector: false, dense: readMatrix(operation, name, x) };
}

/** Rows become columns; a vector comes back unchanged, as in numpy. `transpose([[1, 2, 3]]) → [[1], [2], [3]]` */
export function transpose<T extends Vector | Matrix>(A: T): T {
  const shape = shapeOf(A, "transpose", "A");
  if (shape.length === 1) return toVector(readTensor("transpose", "A", A).data) as T;
  return toRows(transposeDense(readMatrix("transpose", "A", A))) as T;
}

/** The n×n identity matrix. `identity(2) → [[1, 0], [0, 1]]` */
export function identity(n: number): Matrix {
  const size = readSize("identity", "n", n);
  const I = denseZeros(size, size);
  for (let i = 0; i < size; i++) I.data[i * size + i] = 1;
  return toRows(I);
}

/** A matrix of zeros, or a vector when only a length is given. `zeros(2, 3)`, `zeros(4) → [0, 0, 0, 0]` */
export function zeros(rows: number): Vector;
export function zeros(rows: number, cols: number): Matrix;
export function zeros(rows: number, cols?: number): Vector | Matrix {
  const r = readSize("zeros", "rows", rows);
  if (cols === undefined) return new Array<number>(r).fill(0);
  return toRows(denseZeros(r, readSize("zeros", "cols", cols)));
}

function readSize(operation: string, name: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new InvalidArgumentError(operation, `${name} must be a whole number from 1 to 100000, got ${String(n)}`);
  }
  return n;
}

/** Sum of the diagonal of a square matrix. `trace([[1, 2], [3, 4]]) → 5` */
export function trace(A: Matrix): number {
  const M = readSquareMatrix("trace", "A", A);
  let sum = 0;
  for (let i = 0; i < M.rows; i++) sum += M.data[i * M.cols + i] as number;
  return sum;
}

/**
 * Determinant of a square matrix; exact (then rounded once) for integers and short decimals
 * up to 16×16, LU with partial pivoting otherwise. `det([[1, 2], [3, 4]]) → -2`
 */
export function det(A: Matrix): number {
  return determinant(readSquareMatrix("det", "A", A));
}

export function determinant(M: Dense): number {
  const n = M.rows;
  const exact = asIntegerMatrix(M);
  if (exact) return divideToDouble(bareiss(exact.data, n, false).det, exact.scale ** BigInt(n));
  const { lu, sign } = luDecompose(M, 0);
  if (lu === undefined) return 0;
  let product = sign;
  for (let i = 0; i < n; i++) product *= lu.data[i * n + i] as number;
  return product + 0; // + 0 turns −0 into 0
}

/**
 * Inverse of a square matrix; refuses a singular one. Each entry is the exact value rounded
 * once for integers and short decimals up to 16×16. `inverse([[1, 2], [3, 4]]) → [[-2, 1], [1.5, -0.5]]`
 */
export function inverse(A: Matrix): Matrix {
  const M = readSquareMatrix("inverse", "A", A);
  return toRows(invert(M, "inverse"));
}

export function invert(M: Dense, operation: string): Dense {
  const n = M.rows;
  const exact = asIntegerMatrix(M);
  if (exact) {
    const { det: d, adjugate } = bareiss(exact.data, n, true);
    if (d === 0n || adjugate === undefined) {
      throw new SingularMatrixError(
        operation,
        "A is singular (its determinant is 0), so it has no inverse: its rows are linearly dependent",
      );
    }
    // M = S/scale with S integer, so M⁻¹ = scale·adj(S)/det(S): one rounding per entry.
    const out = denseZeros(n, n);
    for (let i = 0; i < n * n; i++) out.data[i] = divideToDouble((adjugate[i] as bigint) * exact.scale, d);
    return out;
  }
  // Scale each row by a power of two (exactly) so rows of very different sizes are judged
  // fairly: [[1e20, 2e20], [3, 4]] is invertible. B = D·M, so M⁻¹ = B⁻¹·D.
  const rowScales = new Float64Array(n);
  const B = denseZeros(n, n);
  for (let i = 0; i < n; i++) {
    const row = M.data.subarray(i * n, (i + 1) * n);
    const s = unitScale(row);
    rowScales[i] = s;
    for (let j = 0; j < n; j++) B.data[i * n + j] = (row[j] as number) * s;
  }
  const { lu, pivots } = luDecompose(B, n * Number.EPSILON);
  if (lu === undefined) {
    throw new SingularMatrixError(
      operation,
      "A is singular to working precision (elimination met a zero pivot), so it has no inverse",
    );
  }
  const out = denseZeros(n, n);
  const column = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    column.fill(0);
    for (let i = 0; i < n; i++) if (pivots[i] === j) column[i] = 1;
    luSolveInPlace(lu, column);
    for (let i = 0; i < n; i++) out.data[i * n + j] = (column[i] as number) * (rowScales[j] as number);
  }
  for (const v of out.data) {
    if (!Number.isFinite(v)) {
      throw new MathCoreError("non-finite", operation, "A⁻¹ has entries too large to represent as numbers");
    }
  }
  return out;
}

/**
 * LU with partial pivoting: PA = LU stored in one matrix (L unit lower). `pivots[i]` is the
 * original row now at row i. `lu` is undefined when a pivot is at most `relativeTiny` times
 * the largest entry (0: only an exact zero).
 */
function luDecompose(M: Dense, relativeTiny: number): { lu: Dense | undefined; pivots: Int32Array; sign: number } {
  const n = M.rows;
  const a = M.data.slice();
  const pivots = new Int32Array(n).map((_, i) => i);
  let largest = 0;
  for (const v of a) largest = Math.max(largest, Math.abs(v));
  // A pivot this small relative to the entries means the matrix is singular to working precision.
  const tiny = relativeTiny * largest;
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k] as number) > Math.abs(a[p * n + k] as number)) p = i;
    if (Math.abs(a[p * n + k] as number) <= tiny) return { lu: undefined, pivots, sign };
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j] as number;
        a[k * n + j] = a[p * n + j] as number;
        a[p * n + j] = t;
      }
      const t = pivots[k] as number;
      pivots[k] = pivots[p] as number;
      pivots[p] = t;
      sign = -sign;
    }
    const pivot = a[k * n + k] as number;
    for (let i = k + 1; i < n; i++) {
      const factor = (a[i * n + k] as number) / pivot;
      a[i * n + k] = factor;
      if (factor === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] = (a[i * n + j] as number) - factor * (a[k * n + j] as number);
    }
  }
  return { lu: { rows: n, cols: n, data: a }, pivots, sign };
}

function luSolveInPlace(lu: Dense, x: Float64Array): void {
  const n = lu.rows;
  const a = lu.data;
  for (let i = 1; i < n; i++) {
    let s = x[i] as number;
    for (let j = 0; j < i; j++) s -= (a[i * n + j] as number) * (x[j] as number);
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let j = i + 1; j < n; j++) s -= (a[i * n + j] as number) * (x[j] as number);
    x[i] = s / (a[i * n + i] as number);
  }
}

/** Euclidean length of a vector, Frobenius norm of a matrix. `norm([3, 4]) → 5` */
export function norm(x: Tensor): number {
  const { data } = readTensor("norm", "x", x);
  return euclidean(data);
}

export function euclidean(data: Float64Array): number {
  // Scaling by the largest entry keeps huge and tiny entries from overflowing or vanishing.
  let largest = 0;
  for (const v of data) largest = Math.max(largest, Math.abs(v));
  if (largest === 0) return 0;
  let sum = 0;
  for (const v of data) sum += (v / largest) ** 2;
  return largest * Math.sqrt(sum);
}

// Predicates answer false for anything that is not a finite square matrix; they never throw
// for a learner's value, only for a bad tolerance. Entries x, y count as equal when
// |x − y| ≤ tolerance · max(1, |x|, |y|): absolute near zero, relative for large entries.

/** Whether A equals its transpose. `isSymmetric([[1, 2], [2, 1]]) → true` */
export function isSymmetric(A: unknown, tolerance = 1e-9): boolean {
  const M = squareOrUndefined("isSymmetric", A, tolerance);
  if (M === undefined) return false;
  for (let i = 0; i < M.rows; i++) {
    for (let j = i + 1; j < M.rows; j++) {
      if (!close(M.data[i * M.rows + j] as number, M.data[j * M.rows + i] as number, tolerance)) return false;
    }
  }
  return true;
}

/** Whether every entry off the diagonal is zero. `isDiagonal([[2, 0], [0, 3]]) → true` */
export function isDiagonal(A: unknown, tolerance = 1e-9): boolean {
  const M = squareOrUndefined("isDiagonal", A, tolerance);
  if (M === undefined) return false;
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.rows; j++)
      if (i !== j && !close(M.data[i * M.rows + j] as number, 0, tolerance)) return false;
  }
  return true;
}

/** Whether A is the identity matrix. `isIdentity([[1, 0], [0, 1]]) → true` */
export function isIdentity(A: unknown, tolerance = 1e-9): boolean {
  const M = squareOrUndefined("isIdentity", A, tolerance);
  return M !== undefined && isIdentityDense(M, tolerance);
}

/** Whether AᵀA = I (the columns are orthonormal). `isOrthogonal([[0, -1], [1, 0]]) → true` */
export function isOrthogonal(A: unknown, tolerance = 1e-9): boolean {
  const M = squareOrUndefined("isOrthogonal", A, tolerance);
  return M !== undefined && isIdentityDense(multiply(transposeDense(M), M), tolerance);
}

function isIdentityDense(M: Dense, tolerance: number): boolean {
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.rows; j++) {
      if (!close(M.data[i * M.rows + j] as number, i === j ? 1 : 0, tolerance)) return false;
    }
  }
  return true;
}

function squareOrUndefined(operation: string, A: unknown, tolerance: number): Dense | undefined {
  if (typeof tolerance !== "number" || !(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new InvalidArgumentError(operation, `tolerance must be a finite number ≥ 0, got ${String(tolerance)}`);
  }
  try {
    return readSquareMatrix(operation, "A", A);
  } catch {
    return undefined;
  }
}

function close(x: number, y: number, tolerance: number): boolean {
  return Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(x), Math.abs(y));
}

export type { Matrix, Tensor, Vector };
