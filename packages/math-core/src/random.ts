import { eigSymmetric } from "./eigen.ts";
import { InvalidArgumentError } from "./errors.ts";
import { determinant } from "./matrix.ts";
import { svdDense } from "./svd.ts";
import { type Dense, type Matrix, readOptions, toRows, type Vector } from "./tensor.ts";

// The only source of randomness in the project. Everything here uses 32-bit integer
// arithmetic, and the generators below only +, −, ×, ÷ and √ (which IEEE 754 rounds exactly
// the same everywhere), so a seed gives the same numbers on every platform, browser and Node
// version. Math.random is banned elsewhere by lint.

/** A seeded pseudo-random generator (sfc32). */
export interface Rng {
  /** The seed it was created with. */
  readonly seed: number | string;
  /** A whole number in [0, 2³²). */
  uint32(): number;
  /** A float in [0, 1) with 53 random bits. */
  float(): number;
  /** A whole number in [min, max], both included, without modulo bias. */
  int(min: number, max: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * A generator for a seed: a safe integer or a string (a learner id and exercise id, say).
 * `createRng(42).int(1, 6)` gives the same die roll everywhere, every time.
 */
export function createRng(seed: number | string): Rng {
  let lo: number;
  let hi: number;
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed)) {
      throw new InvalidArgumentError(
        "createRng",
        `seed must be a whole number (a safe integer) or a string, got ${seed}`,
      );
    }
    lo = seed >>> 0;
    hi = Math.floor(seed / 2 ** 32) >>> 0;
  } else if (typeof seed === "string") {
    [lo, hi] = hashString(seed);
  } else {
    throw new InvalidArgumentError("createRng", `seed must be a number or a string, got ${typeof seed}`);
  }
  let a = mix(lo ^ 0x9e3779b9);
  let b = mix(hi ^ 0x85ebca6b);
  let c = mix(a ^ hi ^ 0xc2b2ae35);
  let d = mix(b ^ lo ^ 0x27d4eb2f);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Let the seed's bits spread through the state before the first number is used.
  for (let i = 0; i < 15; i++) next();
  const int = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max || max - min >= 2 ** 32) {
      throw new InvalidArgumentError(
        "rng.int",
        `needs whole numbers min ≤ max less than 2³² apart, got ${min} and ${max}`,
      );
    }
    const range = max - min + 1;
    // Reject the top slice of [0, 2³²) that would make small results more likely.
    const limit = range * Math.floor(2 ** 32 / range);
    let u = next();
    while (u >= limit) u = next();
    return min + (u % range);
  };
  return {
    seed,
    uint32: next,
    float: () => ((next() >>> 5) * 2 ** 26 + (next() >>> 6)) / 2 ** 53,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new InvalidArgumentError("rng.pick", "cannot pick from an empty list");
      return items[int(0, items.length - 1)] as T;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}

/** A 32-bit avalanche: every input bit flips about half the output bits. */
function mix(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(text: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return [mix(h1), mix(h2 ^ h1)];
}

export interface IntegerOptions {
  /** Smallest entry (default −5). */
  min?: number;
  /** Largest entry (default 5). */
  max?: number;
  /** Leave out 0 (default false). */
  nonZero?: boolean;
}

/** Whole-number entries in [min, max]. `randomIntegerVector(createRng(1), 3) → e.g. [2, -4, 0]` */
export function randomIntegerVector(rng: Rng, length: number, given?: IntegerOptions): Vector {
  const options = readOptions("randomIntegerVector", given);
  return vectorOf("randomIntegerVector", length, integerDraw("randomIntegerVector", rng, options));
}

/** A matrix of whole numbers in [min, max]. `randomIntegerMatrix(createRng(1), 2, 3)` */
export function randomIntegerMatrix(rng: Rng, rows: number, cols: number, given?: IntegerOptions): Matrix {
  const options = readOptions("randomIntegerMatrix", given);
  return matrixOf("randomIntegerMatrix", rows, cols, integerDraw("randomIntegerMatrix", rng, options));
}

function integerDraw(operation: string, rng: Rng, options: IntegerOptions): () => number {
  checkRng(operation, rng);
  const min = options.min ?? -5;
  const max = options.max ?? 5;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max || max - min >= 2 ** 32) {
    throw new InvalidArgumentError(
      operation,
      `min and max must be whole numbers with min ≤ max, got ${min} and ${max}`,
    );
  }
  if (options.nonZero && min === 0 && max === 0) {
    throw new InvalidArgumentError(operation, "nonZero with min = max = 0 leaves nothing to draw");
  }
  return () => {
    let x = rng.int(min, max);
    while (options.nonZero && x === 0) x = rng.int(min, max);
    return x;
  };
}

export interface DecimalOptions {
  /** Smallest entry (default −1). */
  min?: number;
  /** Largest entry (default 1). */
  max?: number;
  /** Digits after the decimal point, 0–6 (default 1): 0.3, −0.7, … */
  decimals?: number;
}

/** Short decimals in [min, max]. `randomDecimalVector(createRng(1), 3) → e.g. [0.3, -0.8, 0.1]` */
export function randomDecimalVector(rng: Rng, length: number, given?: DecimalOptions): Vector {
  const options = readOptions("randomDecimalVector", given);
  return vectorOf("randomDecimalVector", length, decimalDraw("randomDecimalVector", rng, options));
}

/** A matrix of short decimals in [min, max]. `randomDecimalMatrix(createRng(1), 2, 2, { decimals: 2 })` */
export function randomDecimalMatrix(rng: Rng, rows: number, cols: number, given?: DecimalOptions): Matrix {
  const options = readOptions("randomDecimalMatrix", given);
  return matrixOf("randomDecimalMatrix", rows, cols, decimalDraw("randomDecimalMatrix", rng, options));
}

function decimalDraw(operation: string, rng: Rng, options: DecimalOptions): () => number {
  const decimals = options.decimals ?? 1;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new InvalidArgumentError(operation, `decimals must be a whole number from 0 to 6, got ${decimals}`);
  }
  const unit = 10 ** decimals;
  const min = options.min ?? -1;
  const max = options.max ?? 1;
  checkRng(operation, rng);
  const lo = Math.ceil(min * unit - 1e-9);
  const hi = Math.floor(max * unit + 1e-9);
  if (!Number.isFinite(min) || !Number.isFinite(max) || lo > hi) {
    throw new InvalidArgumentError(operation, `no ${decimals}-decimal number lies between min ${min} and max ${max}`);
  }
  if (hi - lo >= 2 ** 32) {
    throw new InvalidArgumentError(
      operation,
      `min ${min} to max ${max} holds too many ${decimals}-decimal numbers to draw from; narrow the range or use fewer decimals`,
    );
  }
  // An integer divided by a power of ten: one correctly rounded division, the same everywhere.
  return () => rng.int(lo, hi) / unit;
}

export interface InvertibleOptions extends Omit<IntegerOptions, "nonZero"> {
  /** Largest allowed 2-norm condition number σ_max/σ_min (default 50): small errors stay small. */
  maxCondition?: number;
  /** Determinant ±1, so the inverse has whole-number entries too (default false). */
  integerInverse?: boolean;
}

/**
 * An n×n whole-number matrix that is safely invertible (condition number at most
 * maxCondition). `randomInvertibleMatrix(createRng(7), 2, { integerInverse: true })`
 */
export function randomInvertibleMatrix(rng: Rng, n: number, given?: InvertibleOptions): Matrix {
  const options = readOptions("randomInvertibleMatrix", given);
  const operation = "randomInvertibleMatrix";
  const size = count(operation, "n", n);
  const maxCondition = options.maxCondition ?? 50;
  if (!(maxCondition >= 1)) throw new InvalidArgumentError(operation, `maxCondition must be ≥ 1, got ${maxCondition}`);
  const draw = integerDraw(operation, rng, options);
  const min = options.min ?? -5;
  const max = options.max ?? 5;
  return retry(operation, () => {
    const M = options.integerInverse ? unimodular(rng, size, min, max) : dense(size, size, draw);
    if (M === undefined || determinant(M) === 0) return undefined;
    return condition(M) <= maxCondition ? toRows(M) : undefined;
  });
}

/** A determinant-±1 matrix: the identity changed by random integer row operations, then shuffled. */
function unimodular(rng: Rng, n: number, min: number, max: number): Dense | undefined {
  const M = dense(n, n, () => 0);
  for (let i = 0; i < n; i++) M.data[i * n + i] = 1;
  if (n === 1) return min <= 1 && max >= 1 ? M : undefined;
  for (let step = 0; step < 3 * n; step++) {
    const i = rng.int(0, n - 1);
    const j = (i + rng.int(1, n - 1)) % n;
    const k = rng.pick([-2, -1, 1, 2]);
    for (let c = 0; c < n; c++) M.data[i * n + c] = (M.data[i * n + c] as number) + k * (M.data[j * n + c] as number);
  }
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const out = dense(n, n, () => 0);
  order.forEach((from, to) => {
    const sign = rng.int(0, 1) === 0 ? -1 : 1;
    for (let c = 0; c < n; c++) out.data[to * n + c] = sign * (M.data[from * n + c] as number) + 0; // + 0 turns −0 into 0
  });
  let nonZero = 0;
  for (const x of out.data) {
    if (x < min || x > max) return undefined;
    if (x !== 0) nonZero++;
  }
  // A signed permutation matrix is too easy to be an exercise.
  return nonZero > n ? out : undefined;
}

function condition(M: Dense): number {
  const S = svdDense(M, "randomInvertibleMatrix").S;
  const smallest = S[S.length - 1] as number;
  return smallest === 0 ? Number.POSITIVE_INFINITY : (S[0] as number) / smallest;
}

export interface SymmetricOptions extends Omit<IntegerOptions, "nonZero"> {
  /** Smallest distance between two eigenvalues (default 1), so eigenvectors are well defined. */
  minEigenvalueGap?: number;
  /** Every eigenvalue a whole number (default false; practical for 2×2 and 3×3). */
  integerEigenvalues?: boolean;
}

/**
 * A whole-number symmetric matrix with well-separated eigenvalues.
 * `randomSymmetricMatrix(createRng(3), 2, { integerEigenvalues: true }) → e.g. [[2, 1], [1, 2]]`
 */
export function randomSymmetricMatrix(rng: Rng, n: number, given?: SymmetricOptions): Matrix {
  const options = readOptions("randomSymmetricMatrix", given);
  const operation = "randomSymmetricMatrix";
  const size = count(operation, "n", n);
  const gap = options.minEigenvalueGap ?? 1;
  if (!(gap >= 0) || !Number.isFinite(gap)) {
    throw new InvalidArgumentError(operation, `minEigenvalueGap must be a number ≥ 0, got ${gap}`);
  }
  const draw = integerDraw(operation, rng, options);
  return retry(operation, () => {
    const M = dense(size, size, () => 0);
    for (let i = 0; i < size; i++) {
      for (let j = i; j < size; j++) M.data[i * size + j] = M.data[j * size + i] = draw();
    }
    const A = toRows(M);
    const { values } = eigSymmetric(A);
    for (let i = 1; i < values.length; i++)
      if ((values[i] as number) - (values[i - 1] as number) < gap) return undefined;
    if (options.integerEigenvalues && !values.every((v) => Math.abs(v - Math.round(v)) < 1e-9)) return undefined;
    // A diagonal matrix shows its eigenvalues outright.
    if (size > 1 && A.every((row, i) => row.every((x, j) => i === j || x === 0))) return undefined;
    return A;
  });
}

export interface LogitOptions extends DecimalOptions {
  /** Smallest distance between two entries (default 0.5), so no two probabilities tie. */
  minGap?: number;
}

/**
 * Scores for softmax with no ties: distinct short decimals at least minGap apart.
 * `randomLogits(createRng(5), 4) → e.g. [1.2, -0.5, 2.7, 0.1]`
 */
export function randomLogits(rng: Rng, length: number, given?: LogitOptions): Vector {
  const options = readOptions("randomLogits", given);
  const operation = "randomLogits";
  const n = count(operation, "length", length);
  const settings = { min: options.min ?? -3, max: options.max ?? 3, decimals: options.decimals ?? 1 };
  const gap = options.minGap ?? 0.5;
  if (!(gap > 0) || !((n - 1) * gap <= settings.max - settings.min)) {
    throw new InvalidArgumentError(
      operation,
      `${n} values at least ${gap} apart do not fit between ${settings.min} and ${settings.max}`,
    );
  }
  const draw = decimalDraw(operation, rng, settings);
  return retry(operation, () => {
    const values = Array.from({ length: n }, draw);
    const sorted = [...values].sort((a, b) => a - b);
    for (let i = 1; i < n; i++) if ((sorted[i] as number) - (sorted[i - 1] as number) < gap - 1e-12) return undefined;
    return values;
  });
}

/** Runs a rejection sampler until it accepts, with a clear error for impossible settings. */
function retry<T>(operation: string, attempt: () => T | undefined): T {
  for (let i = 0; i < 20_000; i++) {
    const result = attempt();
    if (result !== undefined) return result;
  }
  throw new InvalidArgumentError(
    operation,
    "no value met the conditions in 20000 tries; widen min/max or relax the conditions",
  );
}

function vectorOf(operation: string, length: number, draw: () => number): Vector {
  return Array.from({ length: count(operation, "length", length) }, draw);
}

function matrixOf(operation: string, rows: number, cols: number, draw: () => number): Matrix {
  const r = count(operation, "rows", rows);
  const c = count(operation, "cols", cols);
  return Array.from({ length: r }, () => Array.from({ length: c }, draw));
}

function checkRng(operation: string, rng: unknown): void {
  if (typeof rng !== "object" || rng === null || typeof (rng as Rng).int !== "function") {
    throw new InvalidArgumentError(operation, "the first argument must be a generator from createRng(seed)");
  }
}

function dense(rows: number, cols: number, draw: () => number): Dense {
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, draw) };
}

function count(operation: string, name: string, n: unknown): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 1000) {
    throw new InvalidArgumentError(operation, `${name} must be a whole number from 1 to 1000, got ${String(n)}`);
  }
  return n;
}
