import { InvalidArgumentError } from "./errors.ts";
import { fromFlat, readOptions, readTensor, type Tensor } from "./tensor.ts";

/** max(0, x) entry by entry. `relu([-1, 2]) → [0, 2]` */
export function relu<T extends Tensor>(x: T): T {
  const { shape, data } = readTensor("relu", "x", x);
  for (let i = 0; i < data.length; i++) data[i] = reluScalar(data[i] as number);
  return fromFlat(shape, data) as T;
}

export interface GeluOptions {
  /** "tanh" uses the tanh approximation (GPT-2, BERT); the default is the exact x·Φ(x). */
  approximate?: "none" | "tanh";
}

/** GELU, x·Φ(x) with Φ the standard normal CDF, entry by entry. `gelu(1) → 0.8413447460685429` */
export function gelu<T extends Tensor>(x: T, given?: GeluOptions): T {
  const options = readOptions("gelu", given);
  const { shape, data } = readTensor("gelu", "x", x);
  const f = options.approximate === "tanh" ? geluTanh : geluExact;
  for (let i = 0; i < data.length; i++) data[i] = f(data[i] as number);
  return fromFlat(shape, data) as T;
}

export function reluScalar(x: number): number {
  return Math.max(x, 0);
}

export function geluExact(x: number): number {
  return x * normalCdf(x);
}

export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
}

/** Φ(x). For negative x it goes through erfc, so tiny tail probabilities keep their digits. */
export function normalCdf(x: number): number {
  const z = x * Math.SQRT1_2;
  return z >= 0 ? 0.5 * (1 + erf(z)) : 0.5 * erfc(-z);
}

function checkArgument(operation: string, x: unknown): void {
  if (typeof x !== "number") throw new InvalidArgumentError(operation, `x must be a number, got ${typeof x}`);
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const SERIES_LIMIT = 2.5;

/** The error function, accurate to a few units in the last place. `erf(0.5) → 0.5204998778130465` */
export function erf(x: number): number {
  checkArgument("erf", x);
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x);
  // erfc(z) underflows to 0 long before z reaches Infinity, so erf(±Infinity) is ±1.
  const value = z <= SERIES_LIMIT ? erfSeries(z) : z > 30 ? 1 : 1 - erfcContinuedFraction(z);
  return x < 0 ? -value : value;
}

/** 1 − erf(x), without the cancellation that subtracting would cause for large x. */
export function erfc(x: number): number {
  checkArgument("erfc", x);
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 1 + erf(-x);
  // Below 1, erf < 0.85 and 1 − erf loses at most a few bits; above, the continued fraction
  // keeps the relative accuracy that subtracting from 1 would destroy (at 2.5, about 3 digits).
  if (x > 30) return 0;
  return x < 1 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}

// erf(z) = 2/√π · e^(−z²) · Σ 2ⁿ z^(2n+1) / (1·3·5···(2n+1)): every term is positive, so the
// sum has no cancellation (unlike the alternating Taylor series).
function erfSeries(z: number): number {
  let term = z;
  let sum = z;
  const z2 = 2 * z * z;
  for (let n = 1; n < 200; n++) {
    term *= z2 / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-z * z) * sum;
}

// erfc(z) = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …))))), evaluated with
// the modified Lentz method: about 40 terms at z = 2.5, 730 at z = 0.5.
function erfcContinuedFraction(z: number): number {
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 1000; n++) {
    const a = n / 2;
    d = z + a * d;
    d = d === 0 ? tiny : d;
    c = z + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z * z) / (Math.sqrt(Math.PI) * f);
}
