import type { Matrix, Tensor, Vector } from "@llm-basics/math-core";
import * as core from "@llm-basics/math-core";
import type { FunctionDefinition, Value } from "./expression/evaluate.ts";
import type { Expr } from "./expression/parser.ts";
import { walk } from "./expression/walk.ts";
import { both, type Localized } from "./messages.ts";

// Each detector recomputes the exercise's answer from the same parameters with one buggy
// variant of an operation (a function override, a different meaning of AB, or a transform of
// the result). A learner whose answer matches the buggy value, and not the right one, is
// told which mistake that is.

/** A common mistake the grader recognises. */
export interface Detector {
  id: string;
  /** What the mistake is about, for mastery by topic: "attention", "softmax", … */
  topic: string;
  message: Localized;
  /** Whether it can apply to an answer computed by `expr`. */
  applies(expr: Expr): boolean;
  /** Its buggy value always has the right answer's shape (so it cannot explain a wrong shape). */
  keepsShape?: boolean;
  functions?: Record<string, FunctionDefinition>;
  matrixProduct?: (a: Tensor, b: Tensor) => Tensor;
  transform?: (expected: Value) => Value | undefined;
}

const m = (v: Value | undefined) => v as unknown as Matrix;
const vec = (v: Value | undefined) => v as unknown as Vector;

function calls(expr: Expr, ...names: string[]): boolean {
  let found = false;
  walk(expr, (node) => {
    if (node.kind === "call" && names.includes(node.callee)) found = true;
  });
  return found;
}

function callsWithArgs(expr: Expr, name: string, count: number): boolean {
  let found = false;
  walk(expr, (node) => {
    if (node.kind === "call" && node.callee === name && node.args.length >= count) found = true;
  });
  return found;
}

interface AttentionVariant {
  scale?: "none" | "dk";
  columnSoftmax?: boolean;
  keysFirst?: boolean;
  maskAfterSoftmax?: boolean;
}

function maskOf(value: Value | undefined, queries: number, keys: number): boolean[][] | undefined {
  if (value === undefined) return undefined;
  const rows = value as unknown as (number | boolean)[][];
  if (rows.length !== queries || rows.some((r) => r.length !== keys)) return undefined;
  return rows.map((row) => row.map((x) => x === true || x === 1));
}

/** Attention computed with one mistake, from math-core's primitives. */
function attentionVariant(
  Q: Matrix,
  K: Matrix,
  V: Matrix,
  maskValue: Value | undefined,
  variant: AttentionVariant,
): Value {
  // Plain loops on the small matrices of exercises: a detector runs for every wrong answer,
  // and math-core's conversions at each call would dominate (and feed the garbage collector).
  const d = (Q[0] as number[]).length;
  const factor = variant.scale === "none" ? 1 : variant.scale === "dk" ? 1 / d : 1 / Math.sqrt(d);
  const scores = variant.keysFirst ? rowDots(K, Q, factor) : rowDots(Q, K, factor);
  const mask = maskOf(maskValue, scores.length, (scores[0] as number[]).length);
  const masked =
    mask && !variant.maskAfterSoftmax
      ? scores.map((row, i) => row.map((x, j) => (mask[i]?.[j] ? x : Number.NEGATIVE_INFINITY)))
      : scores;
  let weights = variant.columnSoftmax ? transposed(softmaxRows(transposed(masked))) : softmaxRows(masked);
  if (mask && variant.maskAfterSoftmax) weights = weights.map((row, i) => row.map((w, j) => (mask[i]?.[j] ? w : 0)));
  // K·Qᵀ with fewer queries than keys leaves weights that V cannot follow: only they are asked for.
  const fits = (weights[0]?.length ?? 0) === V.length;
  return (fits ? { output: product(weights, V), weights, scores } : { weights, scores }) as unknown as Value;
}

/** A·Bᵀ times a factor: entry (i, j) is row i of A dotted with row j of B. */
function rowDots(A: Matrix, B: Matrix, factor: number): Matrix {
  return A.map((a) =>
    B.map((b) => {
      if (a.length !== b.length) throw new Error("shapes do not fit");
      let sum = 0;
      for (let k = 0; k < a.length; k++) sum += (a[k] as number) * (b[k] as number);
      return sum * factor;
    }),
  );
}

function product(A: Matrix, B: Matrix): Matrix {
  const inner = B.length;
  const cols = (B[0] as number[]).length;
  return A.map((a) => {
    if (a.length !== inner) throw new Error("shapes do not fit");
    const row = new Array<number>(cols).fill(0);
    for (let k = 0; k < inner; k++) {
      const x = a[k] as number;
      const b = B[k] as number[];
      for (let j = 0; j < cols; j++) row[j] = (row[j] as number) + x * (b[j] as number);
    }
    return row;
  });
}

function transposed(M: Matrix): Matrix {
  return (M[0] as number[]).map((_, j) => M.map((row) => row[j] as number));
}

function softmaxRows(M: Matrix): Matrix {
  return M.map((row) => {
    const max = Math.max(...row);
    if (max === Number.NEGATIVE_INFINITY) throw new Error("a row is masked everywhere");
    const e = row.map((x) => Math.exp(x - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / sum);
  });
}

function attentionOverride(variant: AttentionVariant): FunctionDefinition {
  return { arity: [3, 4], call: ([q, k, v, mask]) => attentionVariant(m(q), m(k), m(v), mask, variant) };
}

interface MultiHeadVariant extends AttentionVariant {
  withoutOutputProjection?: boolean;
  interleavedHeads?: boolean;
}

function multiHeadVariant(args: Value[], variant: MultiHeadVariant): Value {
  const [x, headsValue, wq, wk, wv, wo, context, mask] = args;
  const heads = headsValue as number;
  const X = m(x);
  const C = context === undefined ? X : m(context);
  const Q = core.matmul(X, m(wq));
  const K = core.matmul(C, m(wk));
  const V = core.matmul(C, m(wv));
  const dk = (Q[0] as number[]).length / heads;
  const dv = (V[0] as number[]).length / heads;
  // Head h takes columns h·d … (h+1)·d; the mistaken split deals columns out in turn instead.
  const pick = (M: Matrix, h: number, width: number) =>
    M.map((row) =>
      Array.from({ length: width }, (_, j) => row[variant.interleavedHeads ? j * heads + h : h * width + j] as number),
    );
  const outputs = Array.from(
    { length: heads },
    (_, h) =>
      attentionVariant(pick(Q, h, dk), pick(K, h, dk), pick(V, h, dv), mask, variant) as unknown as { output: Matrix },
  );
  const concat = X.map((_, i) => outputs.flatMap((o) => o.output[i] as number[]));
  return { output: variant.withoutOutputProjection ? concat : core.matmul(concat, m(wo)), concat } as unknown as Value;
}

function multiHeadOverride(variant: MultiHeadVariant): FunctionDefinition {
  return { arity: [6, 8], call: (args) => multiHeadVariant(args, variant) };
}

interface LayerNormVariant {
  sampleVariance?: boolean;
  withoutEps?: boolean;
  overColumns?: boolean;
}

function layerNormVariant(args: Value[], variant: LayerNormVariant): Value {
  const [x, gamma, beta, eps] = args;
  const input = x as unknown as Matrix | Vector;
  const rows: Matrix = Array.isArray(input[0]) ? (input as Matrix) : [input as Vector];
  const work = variant.overColumns ? core.transpose(rows) : rows;
  const epsilon = variant.withoutEps ? 0 : ((eps as number | undefined) ?? 1e-5);
  const normalized = work.map((row) => {
    const n = row.length;
    const mean = row.reduce((a, b) => a + b, 0) / n;
    const squares = row.reduce((a, b) => a + (b - mean) ** 2, 0);
    const variance = variant.sampleVariance ? squares / (n - 1) : squares / n;
    return row.map((v) => (v - mean) / Math.sqrt(variance + epsilon));
  });
  const back = variant.overColumns ? core.transpose(normalized) : normalized;
  const scaled = back.map((row) =>
    row.map(
      (v, j) => v * ((gamma === undefined ? 1 : vec(gamma)[j]) ?? 1) + ((beta === undefined ? 0 : vec(beta)[j]) ?? 0),
    ),
  );
  if (scaled.some((row) => row.some((v) => !Number.isFinite(v)))) throw new Error("not finite");
  return (Array.isArray(input[0]) ? scaled : scaled[0]) as unknown as Value;
}

function layerNormOverride(variant: LayerNormVariant): FunctionDefinition {
  return { arity: [1, 4], call: (args) => layerNormVariant(args, variant) };
}

function feedForwardOverride(variant: { withoutActivation?: boolean; withoutBias?: boolean }): FunctionDefinition {
  return {
    arity: [5, 5],
    call: ([x, w1, b1, w2, b2]) => {
      const input = x as unknown as Matrix | Vector;
      const rows: Matrix = Array.isArray(input[0]) ? (input as Matrix) : [input as Vector];
      let hidden = core.matmul(rows, m(w1));
      if (!variant.withoutBias) hidden = core.add(hidden, vec(b1));
      if (!variant.withoutActivation) hidden = core.relu(hidden);
      let out = core.matmul(hidden, m(w2));
      if (!variant.withoutBias) out = core.add(out, vec(b2));
      return (Array.isArray(input[0]) ? out : out[0]) as unknown as Value;
    },
  };
}

/** The built-in detectors, tried in this order. */
export const builtInDetectors: readonly Detector[] = [
  {
    id: "attention-no-scaling",
    keepsShape: true,
    topic: "attention",
    message: both(
      "你没有把 QKᵀ 除以 √d_k。缩放让分数不随维度变大，softmax 才不会过早饱和。",
      "You did not divide QKᵀ by √d_k. The scaling keeps scores from growing with the dimension, so the softmax does not saturate.",
    ),
    applies: (e) => calls(e, "scaledDotProductAttention", "multiHeadAttention"),
    functions: {
      scaledDotProductAttention: attentionOverride({ scale: "none" }),
      multiHeadAttention: multiHeadOverride({ scale: "none" }),
    },
  },
  {
    id: "attention-scaled-by-dk",
    keepsShape: true,
    topic: "attention",
    message: both(
      "你除以了 d_k，但应该除以 √d_k（d_k 的平方根）。",
      "You divided by d_k; divide by √d_k, its square root.",
    ),
    applies: (e) => calls(e, "scaledDotProductAttention", "multiHeadAttention"),
    functions: {
      scaledDotProductAttention: attentionOverride({ scale: "dk" }),
      multiHeadAttention: multiHeadOverride({ scale: "dk" }),
    },
  },
  {
    id: "attention-keys-first",
    topic: "attention",
    message: both(
      "你算的是 K·Qᵀ，应该是 Q·Kᵀ：每一行对应一个查询（query）。",
      "You computed K·Qᵀ; it is Q·Kᵀ, one row per query.",
    ),
    applies: (e) => calls(e, "scaledDotProductAttention"),
    functions: { scaledDotProductAttention: attentionOverride({ keysFirst: true }) },
  },
  {
    id: "attention-softmax-over-columns",
    keepsShape: true,
    topic: "softmax",
    message: both(
      "softmax 应该按行做（每个查询的权重和为 1），你按列做了。",
      "The softmax goes along each row (each query's weights sum to 1); you applied it down the columns.",
    ),
    applies: (e) => calls(e, "scaledDotProductAttention", "multiHeadAttention"),
    functions: {
      scaledDotProductAttention: attentionOverride({ columnSoftmax: true }),
      multiHeadAttention: multiHeadOverride({ columnSoftmax: true }),
    },
  },
  {
    id: "softmax-wrong-axis",
    keepsShape: true,
    topic: "softmax",
    message: both(
      "softmax 的方向错了：应该让每一行的和为 1。",
      "The softmax went the wrong way: each row should sum to 1.",
    ),
    applies: (e) => calls(e, "softmax"),
    functions: {
      softmax: {
        arity: [1, 3],
        call: ([x, axis, temperature]) => {
          const wrong = axis === 0 || axis === -2 ? -1 : 0;
          return core.softmax(x as unknown as Matrix, {
            axis: wrong,
            ...(temperature === undefined ? {} : { temperature: temperature as number }),
          }) as unknown as Value;
        },
      },
    },
  },
  {
    id: "attention-mask-after-softmax",
    keepsShape: true,
    topic: "attention",
    message: both(
      "掩码要在 softmax 之前加（把被遮住的分数设为 −∞），而不是在 softmax 之后把权重清零；否则每行的和不再是 1。",
      "Apply the mask before the softmax (masked scores become −∞), not by zeroing weights afterwards; otherwise rows no longer sum to 1.",
    ),
    applies: (e) => callsWithArgs(e, "scaledDotProductAttention", 4) || callsWithArgs(e, "multiHeadAttention", 8),
    functions: {
      scaledDotProductAttention: attentionOverride({ maskAfterSoftmax: true }),
      multiHeadAttention: multiHeadOverride({ maskAfterSoftmax: true }),
    },
  },
  {
    id: "layernorm-sample-variance",
    keepsShape: true,
    topic: "layer-norm",
    message: both(
      "LayerNorm 用总体方差（除以 n），你除以了 n − 1。",
      "LayerNorm uses the population variance (divide by n); you divided by n − 1.",
    ),
    applies: (e) => calls(e, "layerNorm"),
    functions: { layerNorm: layerNormOverride({ sampleVariance: true }) },
  },
  {
    id: "layernorm-without-eps",
    keepsShape: true,
    topic: "layer-norm",
    message: both("你在开方前没有加上 ε。", "You left out the ε added to the variance before the square root."),
    applies: (e) => calls(e, "layerNorm"),
    functions: { layerNorm: layerNormOverride({ withoutEps: true }) },
  },
  {
    id: "layernorm-wrong-axis",
    keepsShape: true,
    topic: "layer-norm",
    message: both(
      "LayerNorm 对每个词元（每一行）的特征做归一化，你按列做了。",
      "LayerNorm normalizes each token's features (each row); you normalized down the columns.",
    ),
    applies: (e) => calls(e, "layerNorm"),
    functions: { layerNorm: layerNormOverride({ overColumns: true }) },
  },
  {
    id: "ffn-without-activation",
    keepsShape: true,
    topic: "feed-forward",
    message: both(
      "两层之间漏掉了 ReLU：max(0, ·) 让网络不只是一个线性变换。",
      "You left out the ReLU between the layers: max(0, ·) is what makes the network more than one linear map.",
    ),
    applies: (e) => calls(e, "feedForward"),
    functions: { feedForward: feedForwardOverride({ withoutActivation: true }) },
  },
  {
    id: "ffn-without-bias",
    keepsShape: true,
    topic: "feed-forward",
    message: both("你漏掉了偏置 b₁ 和 b₂。", "You left out the biases b₁ and b₂."),
    applies: (e) => calls(e, "feedForward"),
    functions: { feedForward: feedForwardOverride({ withoutBias: true }) },
  },
  {
    id: "mha-without-output-projection",
    topic: "multi-head-attention",
    message: both("拼接各个头之后还要乘以 W^O。", "After concatenating the heads, multiply by W^O."),
    applies: (e) => calls(e, "multiHeadAttention"),
    functions: { multiHeadAttention: multiHeadOverride({ withoutOutputProjection: true }) },
  },
  {
    id: "mha-interleaved-heads",
    keepsShape: true,
    topic: "multi-head-attention",
    message: both(
      "头的划分错了：第 i 个头取的是连续的第 i·d/h 到 (i+1)·d/h 列，而不是隔列抽取。",
      "The heads were split wrongly: head i takes the consecutive columns i·d/h … (i+1)·d/h, not every h-th column.",
    ),
    applies: (e) => calls(e, "multiHeadAttention"),
    functions: { multiHeadAttention: multiHeadOverride({ interleavedHeads: true }) },
  },
  {
    id: "gradient-step-wrong-sign",
    keepsShape: true,
    topic: "gradient-descent",
    message: both(
      "梯度下降是沿着梯度的反方向走：θ − η·∇f，你用了加号。",
      "Gradient descent steps against the gradient, θ − η·∇f; you added it.",
    ),
    applies: (e) => calls(e, "gradientStep"),
    functions: {
      gradientStep: {
        arity: [3, 3],
        call: ([theta, lr, grad]) =>
          core.add(theta as unknown as Tensor, core.scale(grad as unknown as Tensor, lr as number)) as unknown as Value,
      },
    },
  },
  {
    id: "product-order",
    topic: "matrices",
    message: both("矩阵乘法的顺序反了：一般来说 AB ≠ BA。", "The product is in the wrong order: in general AB ≠ BA."),
    applies: (e) => {
      let found = false;
      walk(e, (node) => {
        if (node.kind === "binary" && node.op === "*") found = true;
      });
      return found;
    },
    matrixProduct: (a, b) => {
      // Only a product of two matrices can be reversed meaningfully.
      if (!Array.isArray(a) || !Array.isArray(b) || !Array.isArray(a[0]) || !Array.isArray(b[0]))
        return core.matmul(a as Matrix, b as Matrix);
      return core.matmul(b as Matrix, a as Matrix);
    },
  },
  {
    id: "transposed-answer",
    topic: "matrices",
    message: both(
      "你的答案是正确结果的转置：行和列对调了。",
      "Your answer is the transpose of the right one: rows and columns are swapped.",
    ),
    applies: () => true,
    transform: (expected) => {
      if (!Array.isArray(expected) || !Array.isArray(expected[0])) return undefined;
      return core.transpose(expected as unknown as Matrix) as unknown as Value;
    },
  },
];

/** The built-in detectors that can apply to an answer computed by `expr`. */
export function detectorsFor(expr: Expr, ignore: readonly string[] = []): Detector[] {
  return builtInDetectors.filter((d) => !ignore.includes(d.id) && d.applies(expr));
}
