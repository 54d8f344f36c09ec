// Comparing our results with numpy's: to a relative tolerance, up to the signs and orders in
// which decompositions may legitimately differ, with messages that name the case and the entry.
import { expect } from "vitest";
import {
  type Complex,
  type EigExpected,
  type EigSymmetricExpected,
  type Matrix,
  RTOL_DECOMPOSITION,
  type SvdExpected,
  type Tensor,
  type Vector,
} from "./numpy-fixtures.ts";

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
export function expectClose(label: string, actual: unknown, expected: Tensor, rtol: number): void {
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

/** The dot product of two vectors. */
export function dot(u: Vector, v: Vector): number {
  return u.reduce((sum, x, i) => sum + x * (v[i] ?? Number.NaN), 0);
}

/** Column j of A times sign[j]. */
export function flipColumns(A: Matrix, sign: number[]): Matrix {
  return A.map((row) => row.map((x, j) => x * (sign[j] ?? 1)));
}

/** Per column, +1 or −1 so that the column of `actual` points the same way as that of `expected`. */
function columnSigns(actual: Matrix, expected: Matrix): number[] {
  const cols = expected[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => (dot(column(actual, j), column(expected, j)) < 0 ? -1 : 1));
}

/** Throws unless an eigSymmetric result agrees with numpy's (each eigenvector up to its sign). */
export function checkEigSymmetric(label: string, actual: unknown, expected: EigSymmetricExpected): void {
  const { values, vectors } = actual as EigSymmetricExpected;
  const n = expected.values.length;
  expectClose(`${label} values`, values, expected.values, RTOL_DECOMPOSITION);
  expectShape(`${label} vectors`, vectors, [n, n]);
  // Each eigenvector is unique only up to sign.
  const aligned = flipColumns(vectors, columnSigns(vectors, expected.vectors));
  expectClose(`${label} vectors`, aligned, expected.vectors, RTOL_DECOMPOSITION);
}

/** Throws unless an svd result agrees with numpy's (U's and V's columns up to a sign they share). */
export function checkSvd(label: string, actual: unknown, expected: SvdExpected): void {
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

/** Throws unless an eig result agrees with numpy's (eigenvalues in any order, real eigenvectors up to sign). */
export function checkEig(label: string, actual: unknown, expected: EigExpected): void {
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
