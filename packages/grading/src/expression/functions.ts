import type { Matrix, Tensor, Vector } from "@llm-basics/math-core";
import * as core from "@llm-basics/math-core";
import type { FunctionDefinition, Value } from "./evaluate.ts";

// The whitelist. Learners' answers may use only the scalar functions (so typing
// softmax([1, 2]) cannot stand in for computing it); authors' answer expressions may use
// everything, each name mapped to a math-core function with positional arguments.

const asTensor = (v: Value) => v as Tensor;
const asMatrix = (v: Value) => v as Matrix;
const asVector = (v: Value) => v as Vector;

function scalarFunction(f: (x: number) => number): FunctionDefinition {
  return {
    arity: [1, 1],
    call: ([x]) => {
      const t = asTensor(x as Value);
      if (typeof t === "number") return f(t);
      // Applied entry by entry, as numpy does: exp([1, 2]).
      return (t as (number | number[])[]).map((row) => (Array.isArray(row) ? row.map(f) : f(row))) as Value;
    },
  };
}

/** Functions learners may use in answers: arithmetic helpers only. */
export const learnerFunctions: ReadonlyMap<string, FunctionDefinition> = new Map<string, FunctionDefinition>([
  ["sqrt", scalarFunction(Math.sqrt)],
  ["exp", scalarFunction(Math.exp)],
  ["log", scalarFunction(Math.log)],
  ["ln", scalarFunction(Math.log)],
  ["log2", scalarFunction(Math.log2)],
  ["log10", scalarFunction(Math.log10)],
  ["abs", scalarFunction(Math.abs)],
  ["sin", scalarFunction(Math.sin)],
  ["cos", scalarFunction(Math.cos)],
  ["tan", scalarFunction(Math.tan)],
  ["tanh", scalarFunction(Math.tanh)],
]);

/** Constants every expression knows. */
export const constants: ReadonlyMap<string, Value> = new Map<string, Value>([
  ["pi", Math.PI],
  ["e", Math.E],
]);

/** 1 where query i may see key j (j ≤ i), else 0: numbers, so masks work in arithmetic too. */
function causalMask(queries: number, keys: number): number[][] {
  return Array.from({ length: queries }, (_, i) => Array.from({ length: keys }, (_, j) => (j <= i ? 1 : 0)));
}

/** A 0/1 (or boolean) matrix as attention's boolean mask. */
function maskOf(value: Value | undefined): boolean[][] | undefined {
  if (value === undefined) return undefined;
  return (value as (number | boolean)[][]).map((row) => row.map((x) => x === true || x === 1));
}

function record(fields: Record<string, unknown>): Value {
  return fields as unknown as Value;
}

/** Functions authors may use in answer expressions and derived parameters. */
export const authorFunctions: ReadonlyMap<string, FunctionDefinition> = new Map<string, FunctionDefinition>([
  ...learnerFunctions,
  ["transpose", { arity: [1, 1], call: ([a]) => core.transpose(asTensor(a as Value) as Matrix) }],
  ["inverse", { arity: [1, 1], call: ([a]) => core.inverse(asMatrix(a as Value)) }],
  ["det", { arity: [1, 1], call: ([a]) => core.det(asMatrix(a as Value)) }],
  ["trace", { arity: [1, 1], call: ([a]) => core.trace(asMatrix(a as Value)) }],
  ["rank", { arity: [1, 1], call: ([a]) => core.rank(asMatrix(a as Value)) }],
  ["norm", { arity: [1, 1], call: ([a]) => core.norm(asTensor(a as Value)) }],
  ["dot", { arity: [2, 2], call: ([u, v]) => core.dot(asVector(u as Value), asVector(v as Value)) }],
  ["identity", { arity: [1, 1], call: ([n]) => core.identity(side(n)) }],
  [
    "zeros",
    {
      arity: [1, 2],
      call: ([r, c]) => (c === undefined ? core.zeros(side(r)) : core.zeros(side(r), side(c))),
    },
  ],
  ["hadamard", { arity: [2, 2], call: ([a, b]) => core.hadamard(asTensor(a as Value), asTensor(b as Value)) }],
  ["rows", { arity: [1, 1], call: ([a]) => core.shapeOf(a)[0] ?? 1 }],
  ["cols", { arity: [1, 1], call: ([a]) => core.shapeOf(a)[1] ?? core.shapeOf(a)[0] ?? 1 }],
  ["sum", { arity: [1, 1], call: ([a]) => sumOf(asTensor(a as Value)) }],
  ["mean", { arity: [1, 1], call: ([a]) => sumOf(asTensor(a as Value)) / countOf(asTensor(a as Value)) }],
  ["max", { arity: [1, 1], call: ([a]) => Math.max(...flat(asTensor(a as Value))) }],
  ["min", { arity: [1, 1], call: ([a]) => Math.min(...flat(asTensor(a as Value))) }],
  ["relu", { arity: [1, 1], call: ([a]) => core.relu(asTensor(a as Value)) }],
  ["gelu", { arity: [1, 1], call: ([a]) => core.gelu(asTensor(a as Value)) }],
  [
    "softmax",
    {
      arity: [1, 3],
      call: ([x, axis, temperature]) =>
        core.softmax(asTensor(x as Value) as Matrix, {
          ...(axis === undefined ? {} : { axis: axis as number }),
          ...(temperature === undefined ? {} : { temperature: temperature as number }),
        }),
    },
  ],
  [
    "scaledDotProductAttention",
    {
      arity: [3, 4],
      call: ([q, k, v, mask]) =>
        record({
          ...core.scaledDotProductAttention(
            asMatrix(q as Value),
            asMatrix(k as Value),
            asMatrix(v as Value),
            maskOption(mask),
          ),
        }),
    },
  ],
  ["causalMask", { arity: [1, 2], call: ([n, m]) => causalMask(side(n), side(m ?? n)) as unknown as Value }],
  [
    "multiHeadAttention",
    {
      arity: [6, 8],
      call: ([x, heads, wq, wk, wv, wo, context, mask]) =>
        record({
          ...core.multiHeadAttention(asMatrix(x as Value), {
            heads: heads as number,
            WQ: asMatrix(wq as Value),
            WK: asMatrix(wk as Value),
            WV: asMatrix(wv as Value),
            WO: asMatrix(wo as Value),
            ...(context === undefined ? {} : { context: asMatrix(context) }),
            ...maskOption(mask),
          }),
        }),
    },
  ],
  [
    "feedForward",
    {
      arity: [5, 5],
      call: ([x, w1, b1, w2, b2]) =>
        core.feedForward(
          asTensor(x as Value) as Matrix,
          asMatrix(w1 as Value),
          asVector(b1 as Value),
          asMatrix(w2 as Value),
          asVector(b2 as Value),
        ),
    },
  ],
  [
    "layerNorm",
    {
      arity: [1, 4],
      call: ([x, gamma, beta, eps]) =>
        core.layerNorm(asTensor(x as Value) as Matrix, {
          ...(gamma === undefined ? {} : { gamma: asVector(gamma) }),
          ...(beta === undefined ? {} : { beta: asVector(beta) }),
          ...(eps === undefined ? {} : { eps: eps as number }),
        }),
    },
  ],
  ["eigSymmetric", { arity: [1, 1], call: ([a]) => record({ ...core.eigSymmetric(asMatrix(a as Value)) }) }],
  ["eigenvalues", { arity: [1, 1], call: ([a]) => core.eigSymmetric(asMatrix(a as Value)).values }],
  ["svd", { arity: [1, 1], call: ([a]) => record({ ...core.svd(asMatrix(a as Value)) }) }],
  ["singularValues", { arity: [1, 1], call: ([a]) => core.svd(asMatrix(a as Value)).S }],
  [
    "gradientStep",
    {
      // θ − η·g: one step of gradient descent given the gradient value.
      arity: [3, 3],
      call: ([theta, lr, grad]) =>
        core.sub(asTensor(theta as Value), core.scale(asTensor(grad as Value), lr as number)),
    },
  ],
]);

/** A size argument, refused before anything is allocated when it exceeds the evaluator's limit. */
function side(n: Value | undefined): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 32) throw new RangeError("sizes go from 1 to 32");
  return n;
}

function maskOption(mask: Value | undefined): { mask?: core.AttentionMask } {
  const m = maskOf(mask);
  return m === undefined ? {} : { mask: m };
}

function flat(t: Tensor): number[] {
  if (typeof t === "number") return [t];
  return (t as (number | number[])[]).flat();
}

function sumOf(t: Tensor): number {
  return flat(t).reduce((a, b) => a + b, 0);
}

function countOf(t: Tensor): number {
  return flat(t).length;
}
