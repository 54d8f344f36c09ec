import { InvalidArgumentError, NonFiniteError, type Shape, ShapeError } from "./errors.ts";

/** A vector as plain JSON: `[1, 2, 3]`. */
export type Vector = number[];
/** A matrix as plain JSON, one array per row: `[[1, 2], [3, 4]]`. */
export type Matrix = number[][];
/** Any value the package computes with: a number, a vector or a matrix. */
export type Tensor = number | Vector | Matrix;

/**
 * Dense row-major storage used inside the package. Public functions take and return plain
 * arrays; the kernels work on one Float64Array so the inner loops stay monomorphic.
 */
export interface Dense {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * The shape of a number, vector or matrix, checking that it is one.
 * `shapeOf(2) → []`, `shapeOf([1, 2]) → [2]`, `shapeOf([[1, 2, 3], [4, 5, 6]]) → [2, 3]`.
 */
export function shapeOf(x: unknown, operation = "shapeOf", name = "x"): Shape {
  if (typeof x === "number") return [];
  if (!Array.isArray(x)) throw notATensor(operation, name, x);
  if (x.length === 0) {
    throw new ShapeError(
      operation,
      [[0]],
      "non-empty",
      `${name} is empty; a vector or matrix needs at least one entry`,
    );
  }
  if (!Array.isArray(x[0])) {
    for (let i = 0; i < x.length; i++) {
      if (typeof x[i] !== "number") throw entryNotANumber(operation, `${name}[${i}]`, x[i]);
    }
    return [x.length];
  }
  const cols = (x[0] as unknown[]).length;
  if (cols === 0) {
    throw new ShapeError(
      operation,
      [[x.length, 0]],
      "non-empty",
      `${name}[0] is an empty row; a matrix row needs entries`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    const row: unknown = x[i];
    if (!Array.isArray(row)) {
      throw new ShapeError(
        operation,
        [],
        "rectangular",
        `${name}[${i}] is ${describe(row)} but ${name}[0] is a row; a matrix is a list of rows of the same length`,
      );
    }
    if (row.length !== cols) {
      throw new ShapeError(
        operation,
        [],
        "rectangular",
        `${name}[${i}] has ${row.length} entries but ${name}[0] has ${cols}; every row of a matrix needs the same length`,
      );
    }
    for (let j = 0; j < cols; j++) {
      if (typeof row[j] !== "number") throw entryNotANumber(operation, `${name}[${i}][${j}]`, row[j]);
    }
  }
  return [x.length, cols];
}

/** A shape as people write it: `formatShape([2, 3]) → "2×3"`, `formatShape([3]) → "3"`, `formatShape([]) → "scalar"`. */
export function formatShape(shape: Shape): string {
  return shape.length === 0 ? "scalar" : shape.join("×");
}

/** How an operand is named in messages: `(2×3)` for a matrix, `(3)` for a vector, `scalar` for a number. */
export function operand(shape: Shape): string {
  return shape.length === 0 ? "scalar" : `(${formatShape(shape)})`;
}

/** Reads a matrix, checking its structure and that every entry is finite. */
export function readMatrix(operation: string, name: string, x: unknown): Dense {
  const dense = copyFiniteMatrix(x);
  if (dense !== undefined) return dense;
  // Something is wrong: the careful path below finds out what, and says so.
  const shape = shapeOf(x, operation, name);
  if (shape.length !== 2) {
    throw new ShapeError(
      operation,
      [shape],
      "matrix",
      `${name} must be a matrix (a list of rows, like [[1, 2], [3, 4]]) but is ${describeShape(shape)}`,
    );
  }
  return denseFromRows(operation, name, x as number[][]);
}

/** Reads a square matrix. */
export function readSquareMatrix(operation: string, name: string, x: unknown): Dense {
  const A = readMatrix(operation, name, x);
  if (A.rows !== A.cols) {
    throw new ShapeError(
      operation,
      [[A.rows, A.cols]],
      "square",
      `${name} is ${A.rows}×${A.cols} but must be square (as many rows as columns)`,
    );
  }
  return A;
}

/** Reads a vector, checking that every entry is finite. */
export function readVector(operation: string, name: string, x: unknown): Float64Array {
  const shape = shapeOf(x, operation, name);
  if (shape.length !== 1) {
    throw new ShapeError(
      operation,
      [shape],
      "vector",
      `${name} must be a vector (a flat list, like [1, 2, 3]) but is ${describeShape(shape)}`,
    );
  }
  const values = x as number[];
  const data = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new NonFiniteError(operation, `${name}[${i}]`, v);
    data[i] = v;
  }
  return data;
}

/**
 * Options as given: undefined and null mean none; anything but a plain object is an error
 * (say, a number where `{ axis: 0 }` was meant).
 */
export function readOptions<T extends object>(operation: string, options: T | null | undefined): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new InvalidArgumentError(operation, `options must be an object such as { … }, got ${describe(options)}`);
  }
  return options;
}

/** Reads a finite number. */
export function readScalar(operation: string, name: string, x: unknown): number {
  if (typeof x !== "number") {
    throw new InvalidArgumentError(operation, `${name} must be a number but is ${describe(x)}`);
  }
  if (!Number.isFinite(x)) throw new NonFiniteError(operation, name, x);
  return x;
}

/** Reads a vector or a matrix; a vector comes back as one row, with `vector` set. */
export function readVectorOrMatrix(operation: string, name: string, x: unknown): { dense: Dense; vector: boolean } {
  const shape = shapeOf(x, operation, name);
  if (shape.length === 1) {
    const data = readVector(operation, name, x);
    return { dense: { rows: 1, cols: data.length, data }, vector: true };
  }
  if (shape.length === 2) return { dense: denseFromRows(operation, name, x as number[][]), vector: false };
  throw new ShapeError(
    operation,
    [shape],
    "vector-or-matrix",
    `${name} must be a vector or a matrix but is a single number`,
  );
}

/** Reads any tensor, checking finiteness, into flat storage plus its shape. */
export function readTensor(operation: string, name: string, x: unknown): { shape: Shape; data: Float64Array } {
  const shape = shapeOf(x, operation, name);
  if (shape.length === 0) return { shape, data: Float64Array.of(readScalar(operation, name, x)) };
  if (shape.length === 1) return { shape, data: readVector(operation, name, x) };
  return { shape, data: denseFromRows(operation, name, x as number[][]).data };
}

/** Back to plain JSON: a matrix as an array of rows. */
export function toRows(A: Dense): Matrix {
  const out: Matrix = new Array(A.rows);
  for (let i = 0; i < A.rows; i++) {
    // A plain loop: Array.from on a typed array goes through the iterator protocol, several times slower.
    const row: number[] = new Array(A.cols);
    // + 0 turns −0 into 0: JSON and deep equality should not see a "negative zero".
    for (let j = 0; j < A.cols; j++) row[j] = (A.data[i * A.cols + j] as number) + 0;
    out[i] = row;
  }
  return out;
}

/** Back to plain JSON in the given shape. */
export function fromFlat(shape: Shape, data: Float64Array): Tensor {
  if (shape.length === 0) return (data[0] as number) + 0;
  if (shape.length === 1) return toVector(data);
  return toRows({ rows: shape[0] as number, cols: shape[1] as number, data });
}

/** Back to plain JSON: a vector, with −0 turned into 0. */
export function toVector(data: Float64Array): Vector {
  const out: Vector = new Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) + 0;
  return out;
}

/** Aᵀ on dense storage. */
export function transposeDense(A: Dense): Dense {
  const T = denseZeros(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j] as number;
  }
  return T;
}

export function denseZeros(rows: number, cols: number): Dense {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * One pass over a well-formed matrix of finite numbers; undefined at the first anomaly. Most
 * inputs are well formed, and this keeps their reading to a copy.
 */
function copyFiniteMatrix(x: unknown): Dense | undefined {
  if (!Array.isArray(x) || x.length === 0 || !Array.isArray(x[0])) return undefined;
  const rows = x.length;
  const cols = (x[0] as unknown[]).length;
  if (cols === 0) return undefined;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row: unknown = x[i];
    if (!Array.isArray(row) || row.length !== cols) return undefined;
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      // v − v is 0 exactly for finite numbers (NaN for NaN and ±Infinity).
      if (typeof v !== "number" || v - v !== 0) return undefined;
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}

function denseFromRows(operation: string, name: string, x: number[][]): Dense {
  const rows = x.length;
  const cols = (x[0] as number[]).length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = x[i] as number[];
    for (let j = 0; j < cols; j++) {
      const v = row[j] as number;
      if (!Number.isFinite(v)) throw new NonFiniteError(operation, `${name}[${i}][${j}]`, v);
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}

export function describeShape(shape: Shape): string {
  if (shape.length === 0) return "a single number";
  if (shape.length === 1) return `a vector of ${shape[0]}`;
  return `a ${formatShape(shape)} matrix`;
}

function notATensor(operation: string, name: string, x: unknown): ShapeError {
  return new ShapeError(operation, [], "tensor", `${name} is ${describe(x)}; expected a number, a vector or a matrix`);
}

function entryNotANumber(operation: string, path: string, value: unknown): ShapeError {
  if (Array.isArray(value)) {
    return new ShapeError(
      operation,
      [],
      "depth",
      `${path} is a list; only vectors and matrices (two levels) are supported`,
    );
  }
  return new ShapeError(operation, [], "numeric", `${path} is ${describe(value)}; every entry must be a number`);
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (x === undefined) return "missing";
  if (Array.isArray(x)) return "a list";
  if (typeof x === "string") return `the text ${JSON.stringify(x.slice(0, 40))}`;
  return `a ${typeof x}`;
}

/**
 * A power of two s with max|entry|·s in [0.5, 1) (within the double range), so iterative
 * algorithms neither underflow on tiny matrices nor overflow on huge ones. Multiplying by s is
 * exact, so results scale back without any rounding.
 */
export function unitScale(data: Float64Array): number {
  let largest = 0;
  for (const x of data) largest = Math.max(largest, Math.abs(x));
  let s = 1;
  if (largest === 0) return s;
  while (largest * s >= 1 && s > 2 ** -1000) s /= 2;
  while (largest * s < 0.5 && s < 2 ** 1000) s *= 2;
  return s;
}

export function scaled(M: Dense, s: number): Dense {
  return { rows: M.rows, cols: M.cols, data: M.data.map((x) => x * s) };
}
