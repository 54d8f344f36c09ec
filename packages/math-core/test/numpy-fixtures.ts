// The numpy reference cases: test/fixtures/numpy/reference.json, computed by
// test/fixtures/numpy/generate.py (re-run with `pnpm --filter @llm-basics/math-core fixtures`),
// independently of this package, and the shapes its cases have.
import { readFileSync } from "node:fs";

export type Vector = number[];
export type Matrix = number[][];
export type Tensor = number | Vector | Matrix;
type Mask = "causal" | boolean[][];
export interface Complex {
  re: number;
  im: number;
}

interface Named {
  name: string;
}
interface BinaryCase extends Named {
  a: Tensor;
  b: Tensor;
  expected: Tensor;
}
interface ScaleCase extends Named {
  x: Vector | Matrix;
  k: number;
  expected: Vector | Matrix;
}
interface MatmulCase extends Named {
  a: Vector | Matrix;
  b: Vector | Matrix;
  expected: Tensor;
}
interface MatrixCase<T> extends Named {
  A: Matrix;
  expected: T;
}
interface SoftmaxCase extends Named {
  x: Vector | Matrix;
  axis?: number;
  temperature?: number;
  expected: Vector | Matrix;
}
export interface AttentionExpected {
  output: Matrix;
  weights: Matrix;
  scores: Matrix;
}
interface AttentionCase extends Named {
  Q: Matrix;
  K: Matrix;
  V: Matrix;
  mask?: Mask;
  expected: AttentionExpected;
}
export interface HeadExpected extends AttentionExpected {
  Q: Matrix;
  K: Matrix;
  V: Matrix;
}
interface MultiHeadCase extends Named {
  X: Matrix;
  heads: number;
  WQ: Matrix;
  WK: Matrix;
  WV: Matrix;
  WO: Matrix;
  context?: Matrix;
  mask?: Mask;
  expected: { output: Matrix; heads: HeadExpected[] };
}
interface FeedForwardCase extends Named {
  x: Vector | Matrix;
  W1: Matrix;
  b1: Vector;
  W2: Matrix;
  b2: Vector;
  activation?: "relu" | "gelu" | "gelu-tanh";
  expected: Vector | Matrix;
}
interface LayerNormCase extends Named {
  x: Vector | Matrix;
  gamma?: Vector;
  beta?: Vector;
  eps?: number;
  expected: Vector | Matrix;
}
export interface EigSymmetricExpected {
  values: Vector;
  vectors: Matrix;
}
export interface EigExpected {
  values: Complex[];
  /** Present when every eigenvalue is real: unit eigenvectors as columns, in the order of `values`. */
  vectors?: Matrix;
}
export interface SvdExpected {
  U: Matrix;
  S: Vector;
  V: Matrix;
}
export type Objective = { kind: "quadratic"; A: Matrix; b: Vector } | { kind: "square"; center: number };
interface GradientDescentCase extends Named {
  objective: Objective;
  theta0: number | Vector;
  lr: number;
  steps: number;
  expected: number[] | Matrix;
}
interface Fixtures {
  numpy: string;
  seed: number;
  cases: {
    add: BinaryCase[];
    sub: BinaryCase[];
    scale: ScaleCase[];
    matmul: MatmulCase[];
    transpose: MatrixCase<Matrix>[];
    inverse: MatrixCase<Matrix>[];
    det: MatrixCase<number>[];
    trace: MatrixCase<number>[];
    softmax: SoftmaxCase[];
    scaledDotProductAttention: AttentionCase[];
    multiHeadAttention: MultiHeadCase[];
    feedForward: FeedForwardCase[];
    layerNorm: LayerNormCase[];
    eigSymmetric: MatrixCase<EigSymmetricExpected>[];
    eig: MatrixCase<EigExpected>[];
    svd: MatrixCase<SvdExpected>[];
    gradientDescent: GradientDescentCase[];
  };
}

const fixtures = JSON.parse(
  readFileSync(new URL("./fixtures/numpy/reference.json", import.meta.url), "utf8"),
) as Fixtures;

/** Every case of reference.json, by operation. */
export const { cases } = fixtures;

/** Elementwise and matrix operations. */
export const RTOL = 1e-9;
/** eig, eigSymmetric and svd. */
export const RTOL_DECOMPOSITION = 1e-8;
