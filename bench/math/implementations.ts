// The JavaScript implementations under test, behind one interface: number[][] in, number[][]
// out, as a user calls them. Anything a library needs to convert is part of what is timed.
import { Matrix } from "ml-matrix";

export interface Attention {
  output: number[][];
  weights: number[][];
}

export interface Implementation {
  name: string;
  matmul(a: number[][], b: number[][]): number[][];
  /** Softmax over each row. */
  softmax(x: number[][]): number[][];
  /** softmax(QKᵀ/√d)·V with its weights. */
  attention(q: number[][], k: number[][], v: number[][]): Attention;
}

/**
 * ml-matrix, used as its documentation shows: `new Matrix(rows)` for each input, `mmul`,
 * `transpose`, row-wise max/sum with `subColumnVector`/`divColumnVector`, and `to2DArray()`
 * to hand back the same number[][] that math-core returns.
 */
export const mlMatrix: Implementation = {
  name: "ml-matrix",
  matmul: (a, b) => new Matrix(a).mmul(new Matrix(b)).to2DArray(),
  softmax: (x) => softmaxRows(new Matrix(x)).to2DArray(),
  attention: (q, k, v) => {
    const d = q[0]?.length ?? 0;
    const scores = new Matrix(q).mmul(new Matrix(k).transpose()).div(Math.sqrt(d));
    const weights = softmaxRows(scores);
    const output = weights.mmul(new Matrix(v));
    return { output: output.to2DArray(), weights: weights.to2DArray() };
  },
};

/** In place: subtract each row's max (for stability), exponentiate, divide by the row sum. */
function softmaxRows(m: Matrix): Matrix {
  m.subColumnVector(m.max("row")).exp();
  return m.divColumnVector(m.sum("row"));
}

/** The part of @llm-basics/math-core the bench calls. */
interface MathCoreApi {
  matmul(a: number[][], b: number[][]): number[][];
  softmax(x: number[][], options?: { axis?: number; temperature?: number }): number[][];
  scaledDotProductAttention(
    q: number[][],
    k: number[][],
    v: number[][],
  ): { output: number[][]; weights: number[][]; scores: number[][] };
}

/**
 * @llm-basics/math-core, loaded at run time so the bench still runs (with `--skip math-core`)
 * while the package does not export these functions yet. Returns why it could not be used.
 */
export async function loadMathCore(): Promise<Implementation | string> {
  let api: Partial<MathCoreApi>;
  try {
    api = (await import("@llm-basics/math-core")) as unknown as Partial<MathCoreApi>;
  } catch (error) {
    return `cannot import @llm-basics/math-core: ${error instanceof Error ? error.message : String(error)}`;
  }
  const { matmul, softmax, scaledDotProductAttention } = api;
  if (
    typeof matmul !== "function" ||
    typeof softmax !== "function" ||
    typeof scaledDotProductAttention !== "function"
  ) {
    const missing = (["matmul", "softmax", "scaledDotProductAttention"] as const).filter(
      (name) => typeof api[name] !== "function",
    );
    return `@llm-basics/math-core does not export ${missing.join(", ")} yet`;
  }
  return {
    name: "math-core",
    matmul: (a, b) => matmul(a, b),
    softmax: (x) => softmax(x),
    attention: (q, k, v) => {
      const { output, weights } = scaledDotProductAttention(q, k, v);
      return { output, weights };
    },
  };
}
