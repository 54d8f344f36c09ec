import { InvalidArgumentError, NonFiniteError } from "./errors.ts";
import {
  type Dense,
  type Matrix,
  readOptions,
  readScalar,
  shapeOf,
  toRows,
  toVector,
  transposeDense,
  type Vector,
} from "./tensor.ts";

export interface SoftmaxOptions {
  /** Which axis sums to 1: -1 (the default, each row of a matrix) or 0 / -2 (each column). */
  axis?: number;
  /** softmax(x / T): T > 1 flattens the distribution, T < 1 sharpens it. Default 1. */
  temperature?: number;
}

/**
 * Turns scores into probabilities, stably (the largest score is subtracted first, so ±1e4 is
 * fine). −Infinity means "masked": weight 0. `softmax([0, 0]) → [0.5, 0.5]`
 */
export function softmax<T extends Vector | Matrix>(x: T, given?: SoftmaxOptions): T {
  const options = readOptions("softmax", given);
  const temperature = options.temperature === undefined ? 1 : readScalar("softmax", "temperature", options.temperature);
  if (!(temperature > 0)) {
    throw new InvalidArgumentError("softmax", `temperature must be greater than 0, got ${temperature}`);
  }
  const shape = shapeOf(x, "softmax", "x");
  if (shape.length === 0) {
    throw new InvalidArgumentError(
      "softmax",
      "x is a single number; softmax turns a vector of scores into probabilities",
    );
  }
  const axis = options.axis ?? -1;
  if (typeof axis !== "number") {
    throw new InvalidArgumentError("softmax", `axis must be a number (-1, 0, 1 or -2), got ${JSON.stringify(axis)}`);
  }
  if (shape.length === 1) {
    if (axis !== 0 && axis !== -1) {
      throw new InvalidArgumentError("softmax", `axis ${axis} does not exist on a vector; use 0 or -1`);
    }
    const data = new Float64Array(shape[0] as number);
    readScores(x as number[], "x", data, 0);
    const row: Dense = { rows: 1, cols: data.length, data };
    softmaxRowsInPlace(row, temperature, "softmax", () => "x");
    return toVector(data) as T;
  }
  if (axis !== 0 && axis !== 1 && axis !== -1 && axis !== -2) {
    throw new InvalidArgumentError(
      "softmax",
      `axis ${axis} does not exist on a matrix; use -1 (each row sums to 1) or 0 (each column sums to 1)`,
    );
  }
  const rows = x as number[][];
  const cols = (rows[0] as number[]).length;
  const dense: Dense = { rows: rows.length, cols, data: new Float64Array(rows.length * cols) };
  for (let i = 0; i < rows.length; i++) readScores(rows[i] as number[], `x[${i}]`, dense.data, i * cols);
  if (axis === 1 || axis === -1) {
    softmaxRowsInPlace(dense, temperature, "softmax", (i) => `row ${i} of x`);
    return toRows(dense) as T;
  }
  const columns = transposeDense(dense);
  softmaxRowsInPlace(columns, temperature, "softmax", (j) => `column ${j} of x`);
  return toRows(transposeDense(columns)) as T;
}

/** Copies scores into `into` at `at`, refusing NaN and +Infinity (−Infinity means masked). */
function readScores(values: number[], name: string, into: Float64Array, at: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY) throw new NonFiniteError("softmax", `${name}[${i}]`, v);
    into[at + i] = v;
  }
}

/**
 * Softmax of every row of `scores`, in place. A row of nothing but −Infinity has no
 * distribution; that is an error naming the row rather than a row of NaN.
 */
export function softmaxRowsInPlace(
  scores: Dense,
  temperature: number,
  operation: string,
  nameRow: (i: number) => string,
): void {
  const { rows, cols, data } = scores;
  for (let i = 0; i < rows; i++) {
    const start = i * cols;
    const end = start + cols;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = start; j < end; j++) if ((data[j] as number) > max) max = data[j] as number;
    if (max === Number.NEGATIVE_INFINITY) {
      throw new InvalidArgumentError(
        operation,
        `${nameRow(i)} is masked everywhere (all −Infinity), so it has no probabilities to give`,
      );
    }
    let sum = 0;
    for (let j = start; j < end; j++) {
      const e = Math.exp(((data[j] as number) - max) / temperature);
      data[j] = e;
      sum += e;
    }
    for (let j = start; j < end; j++) data[j] = (data[j] as number) / sum;
  }
}
