import { InvalidArgumentError, MathCoreError, ShapeError } from "./errors.ts";
import { multiply, multiplyTransposed } from "./kernel/kernel.ts";
import { softmaxRowsInPlace } from "./softmax.ts";
import { type Dense, denseZeros, type Matrix, readMatrix, readOptions, readScalar, shapeOf, toRows } from "./tensor.ts";

/** Which keys each query may see: "causal" (query i sees keys 0…i) or a boolean matrix, true = may attend. */
export type AttentionMask = "causal" | boolean[][];

export interface AttentionOptions {
  mask?: AttentionMask;
  /** Multiplies the scores; default 1/√d_k. */
  scale?: number;
}

export interface AttentionResult {
  /** weights·V: one row per query. */
  output: Matrix;
  /** softmax of the masked scores: one row per query, one column per key; each row sums to 1. */
  weights: Matrix;
  /** Q·Kᵀ times the scale, before masking (so every entry is finite). */
  scores: Matrix;
}

/**
 * softmax(Q·Kᵀ/√d_k)·V with an optional mask; masked scores become −∞ before the softmax, so
 * their weights are exactly 0.
 * `scaledDotProductAttention([[1, 0]], [[1, 0], [0, 1]], [[1, 2], [3, 4]]).weights → [[0.67, 0.33]]` (rounded)
 */
export function scaledDotProductAttention(Q: Matrix, K: Matrix, V: Matrix, given?: AttentionOptions): AttentionResult {
  const operation = "scaledDotProductAttention";
  const options = readOptions(operation, given);
  const q = readMatrix(operation, "Q", Q);
  const k = readMatrix(operation, "K", K);
  const v = readMatrix(operation, "V", V);
  checkAttentionShapes(operation, q, k, v, ["Q", "K", "V"]);
  const scale = options.scale === undefined ? 1 / Math.sqrt(q.cols) : readScalar(operation, "scale", options.scale);
  const allowed = readMask(operation, options.mask, q.rows, k.rows);
  const result = attend(q, k, v, scale, allowed);
  return { output: toRows(result.output), weights: toRows(result.weights), scores: toRows(result.scores) };
}

export function checkAttentionShapes(
  operation: string,
  q: Dense,
  k: Dense,
  v: Dense,
  [qName, kName, vName]: readonly [string, string, string],
): void {
  if (q.cols !== k.cols) {
    throw new ShapeError(
      operation,
      [
        [q.rows, q.cols],
        [k.rows, k.cols],
      ],
      "query-key-width",
      `${qName} (${q.rows}×${q.cols}) and ${kName} (${k.rows}×${k.cols}) — each score is a dot product of a query row with a key row, so both need the same width d_k (${q.cols} and ${k.cols} differ)`,
    );
  }
  if (k.rows !== v.rows) {
    throw new ShapeError(
      operation,
      [
        [k.rows, k.cols],
        [v.rows, v.cols],
      ],
      "key-value-count",
      `${kName} (${k.rows}×${k.cols}) and ${vName} (${v.rows}×${v.cols}) — every key needs its value, so both need the same number of rows (${k.rows} and ${v.rows} differ)`,
    );
  }
}

/** Per (query, key): may the query attend to the key? `undefined` when nothing is masked. */
export function readMask(
  operation: string,
  mask: unknown,
  queries: number,
  keys: number,
): ((i: number, j: number) => boolean) | undefined {
  if (mask === undefined) return undefined;
  if (mask === "causal") return (i, j) => j <= i;
  if (!Array.isArray(mask)) {
    throw new InvalidArgumentError(
      operation,
      `mask must be "causal" or a matrix of true/false, got ${JSON.stringify(mask)}`,
    );
  }
  const rows = mask.length;
  const cols = Array.isArray(mask[0]) ? mask[0].length : -1;
  const badRow = mask.findIndex((row) => !Array.isArray(row));
  if (badRow >= 0) {
    throw new InvalidArgumentError(
      operation,
      `mask[${badRow}] must be a row of true/false, got ${JSON.stringify(mask[badRow])}`,
    );
  }
  if (rows !== queries || cols !== keys || !mask.every((row) => row.length === keys)) {
    throw new ShapeError(
      operation,
      [
        [rows, cols],
        [queries, keys],
      ],
      "mask-shape",
      `mask must have one row per query and one column per key (${queries}×${keys})${cols >= 0 ? `, got ${rows}×${cols}` : ""}`,
    );
  }
  for (let i = 0; i < rows; i++) {
    const row = mask[i] as unknown[];
    for (let j = 0; j < keys; j++) {
      if (typeof row[j] !== "boolean") {
        throw new InvalidArgumentError(
          operation,
          `mask[${i}][${j}] must be true or false, got ${JSON.stringify(row[j])}`,
        );
      }
    }
    if (!row.includes(true)) {
      throw new InvalidArgumentError(operation, `mask[${i}] hides every key, so query ${i} has nothing to attend to`);
    }
  }
  const table = mask as boolean[][];
  return (i, j) => table[i]?.[j] === true;
}

export function attend(
  q: Dense,
  k: Dense,
  v: Dense,
  scale: number,
  allowed: ((i: number, j: number) => boolean) | undefined,
): { scores: Dense; weights: Dense; output: Dense } {
  const scores = multiplyTransposed(q, k);
  for (let i = 0; i < scores.data.length; i++) scores.data[i] = (scores.data[i] as number) * scale;
  const weights: Dense = { rows: scores.rows, cols: scores.cols, data: scores.data.slice() };
  if (allowed) {
    for (let i = 0; i < weights.rows; i++) {
      for (let j = 0; j < weights.cols; j++) {
        if (!allowed(i, j)) weights.data[i * weights.cols + j] = Number.NEGATIVE_INFINITY;
      }
    }
  }
  for (const x of scores.data) {
    if (!Number.isFinite(x)) {
      throw new MathCoreError(
        "non-finite",
        "scaledDotProductAttention",
        "Q·Kᵀ has entries too large to represent as numbers (overflow); scale the inputs down",
      );
    }
  }
  softmaxRowsInPlace(weights, 1, "scaledDotProductAttention", (i) => `row ${i} of the masked scores`);
  return { scores, weights, output: multiply(weights, v) };
}

export interface MultiHeadAttentionOptions {
  /** Number of heads h; the projected width must divide by it. */
  heads: number;
  /** d_model × d: queries are X·W^Q. */
  WQ: Matrix;
  /** d_model × d: keys are C·W^K (C = context, or X for self-attention). */
  WK: Matrix;
  /** d_model × d_v: values are C·W^V. */
  WV: Matrix;
  /** d_v × d_out: the concatenated heads times W^O give the output. */
  WO: Matrix;
  /** Keys and values come from here instead of X (cross-attention): one row per source token. */
  context?: Matrix;
  mask?: AttentionMask;
}

export interface AttentionHead {
  /** This head's slice of X·W^Q. */
  Q: Matrix;
  K: Matrix;
  V: Matrix;
  scores: Matrix;
  weights: Matrix;
  output: Matrix;
}

export interface MultiHeadAttentionResult {
  /** Concat(head₁ … head_h)·W^O. */
  output: Matrix;
  /** The heads' outputs side by side, before W^O. */
  concat: Matrix;
  heads: AttentionHead[];
}

/**
 * Multi-head attention: head i attends with columns i·d/h … (i+1)·d/h of X·W^Q, C·W^K and
 * C·W^V, scaled by 1/√(d/h); the heads are concatenated and multiplied by W^O.
 * `multiHeadAttention(X, { heads: 2, WQ, WK, WV, WO }).heads[1].weights`
 */
export function multiHeadAttention(X: Matrix, options: MultiHeadAttentionOptions): MultiHeadAttentionResult {
  const operation = "multiHeadAttention";
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(operation, "options with heads, WQ, WK, WV and WO are required");
  }
  const x = readMatrix(operation, "X", X);
  const context = options.context === undefined ? x : readMatrix(operation, "context", options.context);
  const contextName = options.context === undefined ? "X" : "context";
  const heads = options.heads;
  if (typeof heads !== "number" || !Number.isInteger(heads) || heads < 1) {
    throw new InvalidArgumentError(operation, `heads must be a whole number ≥ 1, got ${String(heads)}`);
  }
  const wq = readMatrix(operation, "WQ", options.WQ);
  const wk = readMatrix(operation, "WK", options.WK);
  const wv = readMatrix(operation, "WV", options.WV);
  const wo = readMatrix(operation, "WO", options.WO);
  projectionFits(operation, x, wq, "X", "WQ");
  projectionFits(operation, context, wk, contextName, "WK");
  projectionFits(operation, context, wv, contextName, "WV");
  if (wq.cols !== wk.cols) {
    throw new ShapeError(
      operation,
      [shapeOf(options.WQ), shapeOf(options.WK)],
      "query-key-width",
      `WQ (${wq.rows}×${wq.cols}) and WK (${wk.rows}×${wk.cols}) — queries and keys are compared by dot products, so both need the same number of columns`,
    );
  }
  splitsEvenly(operation, wq, "WQ", heads);
  splitsEvenly(operation, wv, "WV", heads);
  if (wo.rows !== wv.cols) {
    throw new ShapeError(
      operation,
      [
        [wv.rows, wv.cols],
        [wo.rows, wo.cols],
      ],
      "output-projection",
      `WO has ${wo.rows} rows but the concatenated heads are ${wv.cols} wide (the columns of WV); WO needs one row per column`,
    );
  }
  const allowed = readMask(operation, options.mask, x.rows, context.rows);
  const Q = multiply(x, wq);
  const K = multiply(context, wk);
  const V = multiply(context, wv);
  const dk = wq.cols / heads;
  const dv = wv.cols / heads;
  const concat = denseZeros(x.rows, wv.cols);
  const results: AttentionHead[] = [];
  for (let h = 0; h < heads; h++) {
    const qh = columns(Q, h * dk, dk);
    const kh = columns(K, h * dk, dk);
    const vh = columns(V, h * dv, dv);
    const { scores, weights, output } = attend(qh, kh, vh, 1 / Math.sqrt(dk), allowed);
    for (let i = 0; i < output.rows; i++)
      concat.data.set(output.data.subarray(i * dv, (i + 1) * dv), i * wv.cols + h * dv);
    results.push({
      Q: toRows(qh),
      K: toRows(kh),
      V: toRows(vh),
      scores: toRows(scores),
      weights: toRows(weights),
      output: toRows(output),
    });
  }
  return { output: toRows(multiply(concat, wo)), concat: toRows(concat), heads: results };
}

function projectionFits(operation: string, input: Dense, weights: Dense, inputName: string, weightName: string): void {
  if (input.cols === weights.rows) return;
  throw new ShapeError(
    operation,
    [
      [input.rows, input.cols],
      [weights.rows, weights.cols],
    ],
    "inner-dimensions",
    `${inputName}·${weightName}: (${input.rows}×${input.cols})·(${weights.rows}×${weights.cols}) — inner dimensions ${input.cols} and ${weights.rows} differ; ${weightName} needs one row per feature of ${inputName}`,
  );
}

function splitsEvenly(operation: string, weights: Dense, name: string, heads: number): void {
  if (weights.cols % heads === 0) return;
  throw new ShapeError(
    operation,
    [[weights.rows, weights.cols]],
    "head-split",
    `${name} has ${weights.cols} columns, which do not split evenly into ${heads} heads`,
  );
}

function columns(M: Dense, start: number, width: number): Dense {
  const out = denseZeros(M.rows, width);
  for (let i = 0; i < M.rows; i++)
    out.data.set(M.data.subarray(i * M.cols + start, i * M.cols + start + width), i * width);
  return out;
}
