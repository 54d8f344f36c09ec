import { geluExact, geluTanh, reluScalar } from "./activations.ts";
import { InvalidArgumentError, ShapeError } from "./errors.ts";
import { multiply } from "./kernel/kernel.ts";
import {
  type Matrix,
  readMatrix,
  readOptions,
  readVector,
  readVectorOrMatrix,
  toRows,
  toVector,
  type Vector,
} from "./tensor.ts";

export interface FeedForwardOptions {
  /** The nonlinearity between the two layers: "relu" (default), "gelu" (exact) or "gelu-tanh". */
  activation?: "relu" | "gelu" | "gelu-tanh";
}

/**
 * The position-wise feed-forward layer: activation(x·W₁ + b₁)·W₂ + b₂, with ReLU by default. A
 * matrix x is one token per row; a vector x is one token.
 * `feedForward([1, -1], [[1, 0], [0, 1]], [0, 0], [[1], [1]], [0.5]) → [1.5]`
 */
export function feedForward<T extends Vector | Matrix>(
  x: T,
  W1: Matrix,
  b1: Vector,
  W2: Matrix,
  b2: Vector,
  given?: FeedForwardOptions,
): T {
  const operation = "feedForward";
  const options = readOptions(operation, given);
  const { dense: input, vector } = readVectorOrMatrix(operation, "x", x);
  const w1 = readMatrix(operation, "W1", W1);
  const bias1 = readVector(operation, "b1", b1);
  const w2 = readMatrix(operation, "W2", W2);
  const bias2 = readVector(operation, "b2", b2);
  const activation = options.activation ?? "relu";
  const f =
    activation === "relu"
      ? reluScalar
      : activation === "gelu"
        ? geluExact
        : activation === "gelu-tanh"
          ? geluTanh
          : undefined;
  if (f === undefined) {
    throw new InvalidArgumentError(
      operation,
      `activation must be "relu", "gelu" or "gelu-tanh", got ${JSON.stringify(activation)}`,
    );
  }
  const features = input.cols;
  if (w1.rows !== features) {
    throw new ShapeError(
      operation,
      [vector ? [features] : [input.rows, features], [w1.rows, w1.cols]],
      "inner-dimensions",
      `x·W1: each token has ${features} features but W1 has ${w1.rows} rows; W1 needs one row per feature`,
    );
  }
  biasFits(operation, bias1, "b1", w1.cols, "W1");
  if (w2.rows !== w1.cols) {
    throw new ShapeError(
      operation,
      [
        [w1.rows, w1.cols],
        [w2.rows, w2.cols],
      ],
      "inner-dimensions",
      `hidden·W2: the hidden layer has ${w1.cols} units (the columns of W1) but W2 has ${w2.rows} rows; W2 needs one row per hidden unit`,
    );
  }
  biasFits(operation, bias2, "b2", w2.cols, "W2");
  const hidden = multiply(input, w1);
  for (let i = 0; i < hidden.rows; i++) {
    for (let j = 0; j < hidden.cols; j++) {
      const at = i * hidden.cols + j;
      hidden.data[at] = f((hidden.data[at] as number) + (bias1[j] as number));
    }
  }
  const out = multiply(hidden, w2);
  for (let i = 0; i < out.rows; i++) {
    for (let j = 0; j < out.cols; j++)
      out.data[i * out.cols + j] = (out.data[i * out.cols + j] as number) + (bias2[j] as number);
  }
  return (vector ? toVector(out.data) : toRows(out)) as T;
}

function biasFits(operation: string, bias: Float64Array, name: string, width: number, weightName: string): void {
  if (bias.length === width) return;
  throw new ShapeError(
    operation,
    [[bias.length], [width]],
    "bias-length",
    `${name} has ${bias.length} entries but ${weightName} has ${width} columns; the bias adds one number per column`,
  );
}
