// Agreement with numpy: every case in test/fixtures/numpy/reference.json was computed by
// test/fixtures/numpy/generate.py (re-run with `pnpm --filter @llm-basics/math-core fixtures`),
// independently of this package. Elementwise and matrix operations must agree to 1e-9
// relative, eigen- and singular-value decompositions to 1e-8.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  add,
  det,
  eig,
  eigSymmetric,
  feedForward,
  gradientDescent,
  inverse,
  layerNorm,
  matmul,
  multiHeadAttention,
  scale,
  scaledDotProductAttention,
  softmax,
  sub,
  svd,
  trace,
  transpose,
} from "./index.ts";

type Vector = number[];
type Matrix = number[][];
type Tensor = number | Vector | Matrix;
type Mask = "causal" | boolean[][];
interface Complex {
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
interface AttentionExpected {
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
interface HeadExpected extends AttentionExpected {
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
interface EigSymmetricExpected {
  values: Vector;
  vectors: Matrix;
}
interface EigExpected {
  values: Complex[];
  /** Present when every eigenvalue is real: unit eigenvectors as columns, in the order of `values`. */
  vectors?: Matrix;
}
interface SvdExpected {
  U: Matrix;
  S: Vector;
  V: Matrix;
}
type Objective = { kind: "quadratic"; A: Matrix; b: Vector } | { kind: "square"; center: number };
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
  readFileSync(new URL("../test/fixtures/numpy/reference.json", import.meta.url), "utf8"),
) as Fixtures;
const { cases } = fixtures;

/** Elementwise and matrix operations. */
const RTOL = 1e-9;
/** eig, eigSymmetric and svd. */
const RTOL_DECOMPOSITION = 1e-8;

// ---------------------------------------------------------------------------------------------
// Comparison helpers

/** The shape of a number ([]), vector ([n]) or matrix ([rows, cols]); a string says what else it is. */
function shapeOf(x: unknown): number[] | string {
  if (typeof x === "number") return [];
  if (!Array.isArray(x)) return x === null ? "null" : typeof x;
  if (x.every((v) => typeof v === "number")) return [x.length];
  if (!x.every(Array.isArray)) return "an array mixing numbers and other values";
  const rows = x as unknown[][];
  const cols = rows[0]?.length ?? 0;
  if (!rows.every((row) => row.length === cols && row.every((v) => typeof v === "number"))) {
    return "a ragged or non-numeric array of arrays";
  }
  return [rows.length, cols];
}

function describeShape(shape: number[] | string): string {
  if (typeof shape === "string") return shape;
  return shape.length === 0 ? "a number" : `[${shape.join(", ")}]`;
}

function flatten(x: Tensor): number[] {
  if (typeof x === "number") return [x];
  return (x as (number | number[])[]).flat();
}

function indexText(i: number, shape: number[]): string {
  if (shape.length === 0) return "";
  if (shape.length === 1) return `[${i}]`;
  const cols = shape[1] ?? 1;
  return `[${Math.floor(i / cols)}][${i % cols}]`;
}

/**
 * Throws unless `actual` has exactly the shape of `expected` and every entry agrees:
 * |actual − expected| ≤ rtol · max(|expected|, scale), where scale is the largest |entry| of
 * `expected` (so entries that cancel to about 0 do not demand impossible precision).
 * `label` names the case and the quantity; the message gives the index and both values.
 */
function expectClose(label: string, actual: unknown, expected: Tensor, rtol: number): void {
  const expectedShape = shapeOf(expected);
  const actualShape = shapeOf(actual);
  if (describeShape(actualShape) !== describeShape(expectedShape)) {
    throw new Error(`${label}: shape ${describeShape(actualShape)}, but numpy gives ${describeShape(expectedShape)}`);
  }
  const e = flatten(expected);
  const a = flatten(actual as Tensor);
  const scale = Math.max(0, ...e.map(Math.abs));
  const failures: string[] = [];
  e.forEach((want, i) => {
    const got = a[i] ?? Number.NaN;
    const tolerance = rtol * Math.max(Math.abs(want), scale);
    const difference = Math.abs(got - want);
    if (!(difference <= tolerance)) {
      const where = indexText(i, expectedShape as number[]);
      failures.push(
        `${label}${where}: expected ${want}, got ${got} (|difference| ${difference.toExponential(2)} > ${tolerance.toExponential(2)})`,
      );
    }
  });
  if (failures.length > 0) {
    const more = failures.length > 5 ? `\n… and ${failures.length - 5} more entries` : "";
    throw new Error(failures.slice(0, 5).join("\n") + more);
  }
}

function expectShape(label: string, actual: unknown, shape: number[]): void {
  const actualShape = shapeOf(actual);
  if (describeShape(actualShape) !== describeShape(shape)) {
    throw new Error(`${label}: shape ${describeShape(actualShape)}, but numpy gives ${describeShape(shape)}`);
  }
}

function column(A: Matrix, j: number): Vector {
  return A.map((row) => row[j] ?? Number.NaN);
}

function dot(u: Vector, v: Vector): number {
  return u.reduce((sum, x, i) => sum + x * (v[i] ?? Number.NaN), 0);
}

/** Column j of A times sign[j]. */
function flipColumns(A: Matrix, sign: number[]): Matrix {
  return A.map((row) => row.map((x, j) => x * (sign[j] ?? 1)));
}

/** Per column, +1 or −1 so that the column of `actual` points the same way as that of `expected`. */
function columnSigns(actual: Matrix, expected: Matrix): number[] {
  const cols = expected[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => (dot(column(actual, j), column(expected, j)) < 0 ? -1 : 1));
}

function checkEigSymmetric(label: string, actual: unknown, expected: EigSymmetricExpected): void {
  const { values, vectors } = actual as EigSymmetricExpected;
  const n = expected.values.length;
  expectClose(`${label} values`, values, expected.values, RTOL_DECOMPOSITION);
  expectShape(`${label} vectors`, vectors, [n, n]);
  // Each eigenvector is unique only up to sign.
  const aligned = flipColumns(vectors, columnSigns(vectors, expected.vectors));
  expectClose(`${label} vectors`, aligned, expected.vectors, RTOL_DECOMPOSITION);
}

function checkSvd(label: string, actual: unknown, expected: SvdExpected): void {
  const { U, S, V } = actual as SvdExpected;
  expectClose(`${label} S`, S, expected.S, RTOL_DECOMPOSITION);
  expectShape(`${label} U`, U, shapeOf(expected.U) as number[]);
  expectShape(`${label} V`, V, shapeOf(expected.V) as number[]);
  // A column of U and the matching column of V may flip sign together (and only together).
  const sign = columnSigns(U, expected.U);
  expectClose(`${label} U`, flipColumns(U, sign), expected.U, RTOL_DECOMPOSITION);
  expectClose(`${label} V`, flipColumns(V, sign), expected.V, RTOL_DECOMPOSITION);
}

function complexText(z: Complex): string {
  return `${z.re} ${z.im < 0 ? "-" : "+"} ${Math.abs(z.im)}i`;
}

/**
 * Eigenvalues come in no particular order: each expected one is matched to the nearest actual
 * one not matched yet, within rtol · max(|λ|, spectral radius). Returns, per expected index, the
 * actual index.
 */
function matchEigenvalues(label: string, actual: unknown, expected: Complex[], rtol: number): number[] {
  if (!Array.isArray(actual) || actual.length !== expected.length) {
    const got = Array.isArray(actual) ? `${actual.length} values` : describeShape(shapeOf(actual));
    throw new Error(`${label} values: ${got}, but numpy gives ${expected.length} eigenvalues`);
  }
  const values = actual as Complex[];
  const radius = Math.max(...expected.map((z) => Math.hypot(z.re, z.im)));
  const used = new Set<number>();
  return expected.map((want, j) => {
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    values.forEach((got, i) => {
      const distance = Math.hypot(got.re - want.re, got.im - want.im);
      if (!used.has(i) && distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    const tolerance = rtol * Math.max(Math.hypot(want.re, want.im), radius);
    if (!(bestDistance <= tolerance)) {
      const nearest = best < 0 ? "nothing" : `${complexText(values[best] as Complex)} (values[${best}])`;
      throw new Error(
        `${label} values[${j}]: expected ${complexText(want)}, nearest unmatched is ${nearest} ` +
          `(distance ${bestDistance.toExponential(2)} > ${tolerance.toExponential(2)})`,
      );
    }
    used.add(best);
    return best;
  });
}

function checkEig(label: string, actual: unknown, expected: EigExpected): void {
  const result = actual as { values: Complex[]; vectors: (Vector | null)[] };
  const n = expected.values.length;
  const match = matchEigenvalues(label, result.values, expected.values, RTOL_DECOMPOSITION);
  if (!Array.isArray(result.vectors) || result.vectors.length !== n) {
    throw new Error(`${label} vectors: expected one entry per eigenvalue (${n})`);
  }
  expected.values.forEach((want, j) => {
    const i = match[j] ?? -1;
    const got = result.vectors[i];
    if (want.im !== 0) {
      // numpy gives exactly 0 for the imaginary part of a real eigenvalue.
      expect(got, `${label} vectors[${i}] (for ${complexText(want)}) should be null`).toBeNull();
    } else if (expected.vectors !== undefined) {
      const wantVector = column(expected.vectors, j);
      expectShape(`${label} vectors[${i}] (for ${want.re})`, got, [n]);
      const sign = dot(got as Vector, wantVector) < 0 ? -1 : 1;
      const aligned = (got as Vector).map((x) => x * sign);
      expectClose(`${label} vectors[${i}] (for ${want.re})`, aligned, wantVector, RTOL_DECOMPOSITION);
    }
  });
}

/** Undefined when every option is absent, so those cases call the function without options (its defaults). */
function optionsOf<T extends object>(options: T): T | undefined {
  return Object.values(options).some((v) => v !== undefined) ? options : undefined;
}

// ---------------------------------------------------------------------------------------------
// The helpers themselves: a wrong answer must fail, and fail legibly.

describe("comparison helpers", () => {
  const product = cases.matmul.find((c) => c.name === "normal 8x8 . 8x8");
  const expected = product?.expected as Matrix;
  const clone = (m: Matrix): Matrix => m.map((row) => [...row]);

  it("accept the reference itself and differences within tolerance", () => {
    expectClose("matmul normal 8x8 . 8x8", clone(expected), expected, RTOL);
    const nudged = clone(expected);
    (nudged[2] as Vector)[5] = (expected[2]?.[5] ?? 0) * (1 + 1e-12);
    expectClose("matmul normal 8x8 . 8x8", nudged, expected, RTOL);
  });

  it("reject one perturbed entry, naming the case, the index and both values", () => {
    const want = expected[2]?.[5] ?? 0;
    const wrong = clone(expected);
    (wrong[2] as Vector)[5] = want * (1 + 1e-7);
    expect(() => expectClose("matmul normal 8x8 . 8x8", wrong, expected, RTOL)).toThrow(
      `matmul normal 8x8 . 8x8[2][5]: expected ${want}, got ${want * (1 + 1e-7)}`,
    );
  });

  it("reject a wrong shape", () => {
    expect(() => expectClose("x", [1, 2, 3], [[1, 2, 3]], RTOL)).toThrow("x: shape [3], but numpy gives [1, 3]");
    expect(() => expectClose("x", [[1, 2, 3]], 6, RTOL)).toThrow("x: shape [1, 3], but numpy gives a number");
  });

  it("align eigenvector and singular-vector signs, but only U and V together", () => {
    const sym = cases.eigSymmetric.find((c) => c.name === "normal 8x8")?.expected as EigSymmetricExpected;
    const flips = [1, -1, 1, 1, -1, -1, 1, -1];
    checkEigSymmetric("eigSymmetric", { values: sym.values, vectors: flipColumns(sym.vectors, flips) }, sym);
    const s = cases.svd.find((c) => c.name === "tall 6x3")?.expected as SvdExpected;
    checkSvd("svd", { U: flipColumns(s.U, [-1, 1, -1]), S: s.S, V: flipColumns(s.V, [-1, 1, -1]) }, s);
    expect(() => checkSvd("svd tall 6x3", { U: flipColumns(s.U, [1, -1, 1]), S: s.S, V: s.V }, s)).toThrow(
      "svd tall 6x3 V[",
    );
  });

  it("match eigenvalues in any order and reject a wrong one", () => {
    const e = cases.eig.find((c) => c.name === "normal 8x8")?.expected as EigExpected;
    const reversed = [...e.values].reverse();
    checkEig("eig", { values: reversed, vectors: reversed.map(() => null) }, e);
    const wrong = e.values.map((z, i) => (i === 3 ? { re: z.re, im: z.im * (1 + 1e-6) } : z));
    expect(() => checkEig("eig normal 8x8", { values: wrong, vectors: wrong.map(() => null) }, e)).toThrow(
      "eig normal 8x8 values[3]: expected",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Our functions against numpy

describe("fixtures", () => {
  it("cover every operation", () => {
    for (const [operation, group] of Object.entries(cases)) {
      expect(group.length, operation).toBeGreaterThan(0);
    }
  });
});

describe("add", () => {
  for (const c of cases.add) {
    it(c.name, () => expectClose(`add ${c.name}`, add(c.a, c.b), c.expected, RTOL));
  }
});

describe("sub", () => {
  for (const c of cases.sub) {
    it(c.name, () => expectClose(`sub ${c.name}`, sub(c.a, c.b), c.expected, RTOL));
  }
});

describe("scale", () => {
  for (const c of cases.scale) {
    it(c.name, () => expectClose(`scale ${c.name}`, scale(c.x, c.k), c.expected, RTOL));
  }
});

describe("matmul", () => {
  for (const c of cases.matmul) {
    it(c.name, () => expectClose(`matmul ${c.name}`, matmul(c.a, c.b), c.expected, RTOL));
  }
});

describe("transpose", () => {
  for (const c of cases.transpose) {
    it(c.name, () => expectClose(`transpose ${c.name}`, transpose(c.A), c.expected, RTOL));
  }
});

describe("inverse", () => {
  for (const c of cases.inverse) {
    it(c.name, () => expectClose(`inverse ${c.name}`, inverse(c.A), c.expected, RTOL));
  }
});

describe("det", () => {
  for (const c of cases.det) {
    it(c.name, () => expectClose(`det ${c.name}`, det(c.A), c.expected, RTOL));
  }
});

describe("trace", () => {
  for (const c of cases.trace) {
    it(c.name, () => expectClose(`trace ${c.name}`, trace(c.A), c.expected, RTOL));
  }
});

describe("softmax", () => {
  for (const c of cases.softmax) {
    it(c.name, () => {
      const options = optionsOf({ axis: c.axis, temperature: c.temperature });
      const actual = options === undefined ? softmax(c.x) : softmax(c.x, options);
      expectClose(`softmax ${c.name}`, actual, c.expected, RTOL);
    });
  }
});

function checkAttention(label: string, actual: AttentionExpected, expected: AttentionExpected): void {
  expectClose(`${label} scores`, actual.scores, expected.scores, RTOL);
  expectClose(`${label} weights`, actual.weights, expected.weights, RTOL);
  expectClose(`${label} output`, actual.output, expected.output, RTOL);
}

describe("scaledDotProductAttention", () => {
  for (const c of cases.scaledDotProductAttention) {
    it(c.name, () => {
      const actual =
        c.mask === undefined
          ? scaledDotProductAttention(c.Q, c.K, c.V)
          : scaledDotProductAttention(c.Q, c.K, c.V, { mask: c.mask });
      checkAttention(`scaledDotProductAttention ${c.name}`, actual, c.expected);
    });
  }
});

describe("multiHeadAttention", () => {
  for (const c of cases.multiHeadAttention) {
    it(c.name, () => {
      const label = `multiHeadAttention ${c.name}`;
      const actual = multiHeadAttention(c.X, {
        heads: c.heads,
        WQ: c.WQ,
        WK: c.WK,
        WV: c.WV,
        WO: c.WO,
        ...(c.context === undefined ? {} : { context: c.context }),
        ...(c.mask === undefined ? {} : { mask: c.mask }),
      });
      expect(actual.heads.length, `${label}: number of heads`).toBe(c.expected.heads.length);
      c.expected.heads.forEach((want, i) => {
        const got = actual.heads[i] as HeadExpected;
        for (const key of ["Q", "K", "V"] as const) {
          expectClose(`${label} heads[${i}].${key}`, got[key], want[key], RTOL);
        }
        checkAttention(`${label} heads[${i}]`, got, want);
      });
      expectClose(`${label} output`, actual.output, c.expected.output, RTOL);
    });
  }
});

describe("feedForward", () => {
  for (const c of cases.feedForward) {
    it(c.name, () => {
      const actual =
        c.activation === undefined
          ? feedForward(c.x, c.W1, c.b1, c.W2, c.b2)
          : feedForward(c.x, c.W1, c.b1, c.W2, c.b2, { activation: c.activation });
      expectClose(`feedForward ${c.name}`, actual, c.expected, RTOL);
    });
  }
});

describe("layerNorm", () => {
  for (const c of cases.layerNorm) {
    it(c.name, () => {
      const options = optionsOf({ gamma: c.gamma, beta: c.beta, eps: c.eps });
      const actual = options === undefined ? layerNorm(c.x) : layerNorm(c.x, options);
      expectClose(`layerNorm ${c.name}`, actual, c.expected, RTOL);
    });
  }
});

describe("eigSymmetric", () => {
  for (const c of cases.eigSymmetric) {
    it(c.name, () => checkEigSymmetric(`eigSymmetric ${c.name}`, eigSymmetric(c.A), c.expected));
  }
});

describe("eig", () => {
  for (const c of cases.eig) {
    it(c.name, () => checkEig(`eig ${c.name}`, eig(c.A), c.expected));
  }
});

describe("svd", () => {
  for (const c of cases.svd) {
    it(c.name, () => checkSvd(`svd ${c.name}`, svd(c.A), c.expected));
  }
});

function gradientOf(objective: Objective): (theta: number | Vector) => number | Vector {
  if (objective.kind === "square") {
    const { center } = objective;
    return (theta) => 2 * ((theta as number) - center);
  }
  const { A, b } = objective;
  // ∇(½ θᵀAθ − bᵀθ) = Aθ − b, written out so this test does not lean on matmul.
  return (theta) => A.map((row, i) => dot(row, theta as Vector) - (b[i] ?? Number.NaN));
}

describe("gradientDescent", () => {
  for (const c of cases.gradientDescent) {
    it(c.name, () => {
      const trajectory = gradientDescent(gradientOf(c.objective), c.theta0, { lr: c.lr, steps: c.steps });
      expectClose(`gradientDescent ${c.name} trajectory`, trajectory, c.expected, RTOL);
    });
  }
});
