import { InvalidArgumentError, ShapeError } from "./errors.ts";
import {
  type Matrix,
  readOptions,
  readScalar,
  readVector,
  readVectorOrMatrix,
  toRows,
  toVector,
  unitScale,
  type Vector,
} from "./tensor.ts";

export interface LayerNormOptions {
  /** Per-feature scale γ (α in the seed's notation); default all ones. */
  gamma?: Vector;
  /** Per-feature shift β; default all zeros. */
  beta?: Vector;
  /** Added to the variance before the square root; default 1e-5 (PyTorch's). */
  eps?: number;
}

/**
 * Layer normalization over the last axis with the population variance (divide by n):
 * γ ⊙ (x − μ)/√(σ² + ε) + β. A matrix is normalized row by row (one token per row).
 * `layerNorm([1, 3], { eps: 0 }) → [-1, 1]`
 */
export function layerNorm<T extends Vector | Matrix>(x: T, given?: LayerNormOptions): T {
  const operation = "layerNorm";
  const options = readOptions(operation, given);
  const { dense, vector } = readVectorOrMatrix(operation, "x", x);
  const { rows, cols, data } = dense;
  const gamma = options.gamma === undefined ? undefined : readVector(operation, "gamma", options.gamma);
  const beta = options.beta === undefined ? undefined : readVector(operation, "beta", options.beta);
  for (const [name, v] of [
    ["gamma", gamma],
    ["beta", beta],
  ] as const) {
    if (v !== undefined && v.length !== cols) {
      throw new ShapeError(
        operation,
        [[v.length], vector ? [cols] : [rows, cols]],
        "feature-length",
        `${name} has ${v.length} entries but each token has ${cols} features; ${name} needs one entry per feature`,
      );
    }
  }
  const eps = options.eps === undefined ? 1e-5 : readScalar(operation, "eps", options.eps);
  if (eps < 0) throw new InvalidArgumentError(operation, `eps must be ≥ 0, got ${eps}`);
  for (let i = 0; i < rows; i++) {
    const start = i * cols;
    // Normalization ignores scale: with the row scaled by a power of two s (exactly) and ε by
    // s², the result is the same, and huge or tiny rows neither overflow nor underflow.
    const s = unitScale(data.subarray(start, start + cols));
    for (let j = 0; j < cols; j++) data[start + j] = (data[start + j] as number) * s;
    let mean = 0;
    for (let j = 0; j < cols; j++) mean += data[start + j] as number;
    mean /= cols;
    // Two passes: the variance of the deviations, not E[x²] − μ², which cancels badly.
    let variance = 0;
    for (let j = 0; j < cols; j++) variance += ((data[start + j] as number) - mean) ** 2;
    variance /= cols;
    const denominator = Math.sqrt(variance + eps * s * s);
    if (denominator === 0) {
      throw new InvalidArgumentError(
        operation,
        `${vector ? "x" : `row ${i} of x`} is constant, so its variance is 0, and with eps = 0 normalizing it divides by zero`,
      );
    }
    for (let j = 0; j < cols; j++) {
      const normalized = ((data[start + j] as number) - mean) / denominator;
      data[start + j] = normalized * (gamma ? (gamma[j] as number) : 1) + (beta ? (beta[j] as number) : 0);
    }
  }
  return (vector ? toVector(data) : toRows(dense)) as T;
}
