import {
  add,
  inverse,
  MathCoreError,
  type Matrix,
  matmul,
  scale,
  shapeOf,
  sub,
  type Tensor,
  transpose,
  type Vector,
} from "@llm-basics/math-core";
import { both, type Localized } from "../messages.ts";
import type { Expr } from "./parser.ts";

/** What expressions compute: numbers, vectors, matrices, booleans, lists and records (`.weights`). */
export type Value = number | boolean | Value[] | { readonly [field: string]: Value };

/** A whitelisted function an expression may call. */
export interface FunctionDefinition {
  /** Fewest and most arguments. */
  arity: readonly [number, number];
  call(args: Value[], context: CallContext): Value;
}

export interface CallContext {
  /** Multiplies two values with `*`'s meaning (lets a detector swap the operands of AB). */
  multiply(a: Value, b: Value): Value;
}

/** Everything an evaluation may use: named values and whitelisted functions. */
export interface Scope {
  values: ReadonlyMap<string, Value>;
  functions: ReadonlyMap<string, FunctionDefinition>;
  /** Replaces the meaning of `*` between two non-numbers (a misconception detector's hook). */
  matrixProduct?: (a: Tensor, b: Tensor) => Tensor;
}

/** Bounds on one evaluation. */
export interface EvaluationLimits {
  /** Largest vector length or matrix side (default 32). */
  maxSide: number;
  /** Largest |exponent| in x^n (default 1,000) and largest n in A^n for a matrix (default 64). */
  maxExponent: number;
  maxMatrixPower: number;
  /** Wall-clock budget for one evaluation (default 250 ms); a safety net, as the limits above already bound the work. */
  maxMilliseconds: number;
  /** An absolute deadline (performance.now()) shared by several evaluations, such as one grading. */
  deadline?: number;
}

export const defaultEvaluationLimits: EvaluationLimits = {
  maxSide: 32,
  maxExponent: 1000,
  maxMatrixPower: 64,
  maxMilliseconds: 250,
};

/** An evaluation that could not finish, at `start`…`end` of the source. */
export class EvaluationError extends Error {
  constructor(
    readonly code: string,
    readonly localized: Localized,
    readonly start: number,
    readonly end: number,
  ) {
    super(localized.en);
  }
}

/** Evaluates a syntax tree in a scope; throws EvaluationError with the span that failed. */
export function evaluate(expr: Expr, scope: Scope, limits: EvaluationLimits = defaultEvaluationLimits): Value {
  const context: CallContext = { multiply: (a, b) => multiplyValues(a, b, scope, expr, limits) };
  const deadline = limits.deadline ?? performance.now() + limits.maxMilliseconds;
  let steps = 0;
  const run = (node: Expr): Value => {
    if (++steps % 64 === 0 && performance.now() > deadline) {
      throw new EvaluationError(
        "too-slow",
        both("计算时间太长了。", "This takes too long to compute."),
        node.start,
        node.end,
      );
    }
    try {
      return check(step(node), node, limits);
    } catch (error) {
      if (error instanceof EvaluationError) throw error;
      if (error instanceof MathCoreError) {
        throw new EvaluationError(
          `math-${error.code}`,
          both(`无法计算：${error.message}`, `Cannot compute this: ${error.message}`),
          node.start,
          node.end,
        );
      }
      if (error instanceof RangeError) {
        throw new EvaluationError(
          "too-complex",
          both("这个表达式太复杂了。", "This expression is too complex."),
          node.start,
          node.end,
        );
      }
      throw error;
    }
  };
  const step = (node: Expr): Value => {
    switch (node.kind) {
      case "number":
        return node.value;
      case "name": {
        const value = scope.values.get(node.name);
        if (value !== undefined) return value;
        if (scope.functions.has(node.name)) {
          throw new EvaluationError(
            "function-without-arguments",
            both(
              `${node.name} 是函数，需要加括号，例如 ${node.name}(2)。`,
              `${node.name} is a function: call it, as in ${node.name}(2).`,
            ),
            node.start,
            node.end,
          );
        }
        throw new EvaluationError(
          "unknown-name",
          both(`不认识“${node.name}”。`, `Unknown name “${node.name}”.`),
          node.start,
          node.end,
        );
      }
      case "unary": {
        const value = run(node.operand);
        return node.op === "+" ? value : negate(value, node);
      }
      case "binary": {
        const left = run(node.left);
        const right = run(node.right);
        switch (node.op) {
          case "+":
            return add(tensor(left, node.left), tensor(right, node.right));
          case "-":
            return sub(tensor(left, node.left), tensor(right, node.right));
          case "*":
            return multiplyValues(left, right, scope, node, limits);
          case "/":
            return divide(left, right, node);
          case "^":
            return power(left, right, node, limits);
        }
        break;
      }
      case "transpose": {
        const value = tensor(run(node.operand), node.operand);
        if (typeof value === "number") return value;
        return transpose(value);
      }
      case "call": {
        const fn = scope.functions.get(node.callee);
        if (fn === undefined) {
          throw new EvaluationError(
            "unknown-function",
            both(`没有名为 ${node.callee} 的函数。`, `There is no function called ${node.callee}.`),
            node.start,
            node.start + node.callee.length,
          );
        }
        const [least, most] = fn.arity;
        if (node.args.length < least || node.args.length > most) {
          const expected = least === most ? `${least}` : `${least}–${most}`;
          throw new EvaluationError(
            "wrong-argument-count",
            both(
              `${node.callee} 需要 ${expected} 个参数，这里给了 ${node.args.length} 个。`,
              `${node.callee} takes ${expected} arguments, not ${node.args.length}.`,
            ),
            node.start,
            node.end,
          );
        }
        return fn.call(node.args.map(run), context);
      }
      case "member": {
        const object = run(node.object);
        // Own fields only: nothing reaches constructor or __proto__ through a record.
        if (
          typeof object === "object" &&
          object !== null &&
          !Array.isArray(object) &&
          Object.hasOwn(object, node.property)
        ) {
          return (object as Record<string, Value>)[node.property] as Value;
        }
        throw new EvaluationError(
          "unknown-field",
          both(`这里没有名为 ${node.property} 的部分。`, `There is no part called ${node.property} here.`),
          node.start,
          node.end,
        );
      }
      case "list":
        return list(node, run, limits);
    }
  };
  return run(expr);
}

/** Builds a vector, a matrix or a general list from bracketed rows. */
function list(node: Extract<Expr, { kind: "list" }>, run: (e: Expr) => Value, limits: EvaluationLimits): Value {
  const rows = node.rows.map((row) => row.map(run));
  if (rows.length > limits.maxSide || rows.some((row) => row.length > limits.maxSide)) {
    throw new EvaluationError(
      "too-large",
      both(`矩阵太大：每边最多 ${limits.maxSide} 个元素。`, `Too large: at most ${limits.maxSide} entries per side.`),
      node.start,
      node.end,
    );
  }
  // [[1, 2]; [3, 4]] or bracketed rows on separate lines: each line is one row.
  const rowPerLine = rows.length > 1 && rows.every((row) => row.length === 1 && Array.isArray(row[0]));
  if (rows.length > 1 && !rowPerLine) {
    // [1, 2; 3, 4] or rows on separate lines: a matrix of numbers.
    const width = rows[0]?.length ?? 0;
    rows.forEach((row, i) => {
      if (row.length !== width) {
        throw new EvaluationError(
          "ragged-rows",
          both(
            `第 ${i + 1} 行有 ${row.length} 个元素，但第 1 行有 ${width} 个；矩阵每行的元素个数必须相同。`,
            `Row ${i + 1} has ${row.length} entries but row 1 has ${width}; every row of a matrix needs the same number.`,
          ),
          node.start,
          node.end,
        );
      }
    });
    return rows;
  }
  const items = rowPerLine ? rows.map((row) => row[0] as Value) : (rows[0] ?? []);
  if (items.length === 0) {
    throw new EvaluationError("empty-list", both("括号里是空的。", "The brackets are empty."), node.start, node.end);
  }
  // [[1, 2], [3, 4]]: rows given as vectors of equal length make a matrix.
  if (items.every((x) => Array.isArray(x) && x.every((y) => typeof y === "number"))) {
    const width = (items[0] as Value[]).length;
    const bad = items.findIndex((x) => (x as Value[]).length !== width);
    if (bad >= 0) {
      throw new EvaluationError(
        "ragged-rows",
        both(
          `第 ${bad + 1} 行有 ${(items[bad] as Value[]).length} 个元素，但第 1 行有 ${width} 个；矩阵每行的元素个数必须相同。`,
          `Row ${bad + 1} has ${(items[bad] as Value[]).length} entries but row 1 has ${width}; every row of a matrix needs the same number.`,
        ),
        node.start,
        node.end,
      );
    }
  }
  return items;
}

/** A value as a tensor for arithmetic, or an error naming what it is instead. */
export function tensor(value: Value, node: Expr): Tensor {
  if (typeof value === "number") return value;
  if (Array.isArray(value)) {
    try {
      shapeOf(value);
      return value as Tensor;
    } catch {
      // fall through to the error below
    }
  }
  throw new EvaluationError(
    "not-a-number",
    both("这里需要数、向量或矩阵。", "A number, vector or matrix is needed here."),
    node.start,
    node.end,
  );
}

function negate(value: Value, node: Extract<Expr, { kind: "unary" }>): Value {
  return scale(tensor(value, node.operand), -1);
}

function multiplyValues(left: Value, right: Value, scope: Scope, node: Expr, _limits: EvaluationLimits): Value {
  const a = tensor(left, node);
  const b = tensor(right, node);
  if (typeof a === "number" || typeof b === "number") {
    return typeof a === "number" ? scale(b, a) : scale(a, b as number);
  }
  if (scope.matrixProduct) return scope.matrixProduct(a, b);
  return matmul(a as Vector | Matrix, b as Vector | Matrix);
}

function divide(left: Value, right: Value, node: Extract<Expr, { kind: "binary" }>): Value {
  const a = tensor(left, node.left);
  const b = tensor(right, node.right);
  if (typeof b !== "number") {
    throw new EvaluationError(
      "divide-by-matrix",
      both(
        "不能除以向量或矩阵；需要的话请乘以逆矩阵 inverse(A)。",
        "You cannot divide by a vector or matrix; multiply by inverse(A) instead.",
      ),
      node.right.start,
      node.right.end,
    );
  }
  if (b === 0) {
    throw new EvaluationError(
      "divide-by-zero",
      both("除数为 0。", "Division by zero."),
      node.right.start,
      node.right.end,
    );
  }
  // Divide each entry (not multiply by 1/b) so 1/3 is the nearest double to one third.
  if (typeof a === "number") return a / b;
  return mapEntries(a, (x) => x / b);
}

function mapEntries(x: Tensor, f: (v: number) => number): Tensor {
  if (typeof x === "number") return f(x);
  return (x as (number | number[])[]).map((row) => (Array.isArray(row) ? row.map(f) : f(row))) as Tensor;
}

function power(left: Value, right: Value, node: Extract<Expr, { kind: "binary" }>, limits: EvaluationLimits): Value {
  const base = tensor(left, node.left);
  const exponent = tensor(right, node.right);
  if (typeof exponent !== "number") {
    throw new EvaluationError(
      "matrix-exponent",
      both("指数必须是一个数。", "The exponent must be a number."),
      node.right.start,
      node.right.end,
    );
  }
  if (typeof base === "number") {
    if (Math.abs(exponent) > limits.maxExponent) {
      throw new EvaluationError(
        "exponent-too-large",
        both(
          `指数太大：绝对值最多 ${limits.maxExponent}。`,
          `The exponent is too large: at most ${limits.maxExponent} in size.`,
        ),
        node.right.start,
        node.right.end,
      );
    }
    return base ** exponent;
  }
  // A^n for a square matrix: repeated products; A^-1 is the inverse.
  if (exponent === -1) return inverse(base as Matrix);
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > limits.maxMatrixPower) {
    throw new EvaluationError(
      "matrix-power",
      both(
        `矩阵的幂只能是 -1 或 0 到 ${limits.maxMatrixPower} 的整数。`,
        `A matrix can only be raised to -1 or a whole number from 0 to ${limits.maxMatrixPower}.`,
      ),
      node.right.start,
      node.right.end,
    );
  }
  const shape = shapeOf(base);
  if (shape.length !== 2 || shape[0] !== shape[1]) {
    throw new EvaluationError(
      "matrix-power",
      both("只有方阵才能求幂。", "Only a square matrix has powers."),
      node.left.start,
      node.left.end,
    );
  }
  const n = shape[0] as number;
  let result: Matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const deadline = limits.deadline ?? Number.POSITIVE_INFINITY;
  for (let k = 0; k < exponent; k++) {
    if (performance.now() > deadline) {
      throw new EvaluationError(
        "too-slow",
        both("计算时间太长了。", "This takes too long to compute."),
        node.start,
        node.end,
      );
    }
    result = matmul(result, base as Matrix);
  }
  return result;
}

/** Every computed value must be finite and within the size limits. */
function check(value: Value, node: Expr, limits: EvaluationLimits): Value {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new EvaluationError(
        "not-finite",
        both(
          "结果不是有限的数（太大、除以零或无定义）。",
          "The result is not a finite number (too large, a division by zero, or undefined).",
        ),
        node.start,
        node.end,
      );
    }
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length > limits.maxSide) {
      throw new EvaluationError(
        "too-large",
        both(`太大：每边最多 ${limits.maxSide} 个元素。`, `Too large: at most ${limits.maxSide} entries per side.`),
        node.start,
        node.end,
      );
    }
    for (const item of value) check(item, node, limits);
  }
  return value;
}
