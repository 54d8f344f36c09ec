import { matmul } from "@llm-basics/math-core";

/** What the matrix multiplication widget shows for one focused entry c_ij of C = AB, C from math-core. */
export interface MatmulPicture {
  /** C = AB, m×p. */
  c: number[][];
  /** The focused entry, kept inside C: row i, column j (from 0). */
  focus: [number, number];
  /** Row i of A. */
  row: number[];
  /** Column j of B. */
  column: number[];
  /** a_ik · b_kj for k = 0 … n−1: the products that add up to c_ij. */
  terms: number[];
  /** c_ij, as math-core's matmul computes it (the terms' sum). */
  sum: number;
}

export function matmulPicture(a: number[][], b: number[][], focus: [number, number]): MatmulPicture {
  const c = matmul(a, b);
  const i = clamp(focus[0], 0, c.length - 1);
  const j = clamp(focus[1], 0, (c[0]?.length ?? 1) - 1);
  const row = a[i] ?? [];
  const column = b.map((r) => r[j] ?? 0);
  const terms = row.map((x, k) => x * (column[k] ?? 0));
  return { c, focus: [i, j], row, column, terms, sum: c[i]?.[j] ?? 0 };
}

/** An entry written compactly: integers as they are, anything else to at most 2 decimals. `2.50 → "2.5"` */
export function formatEntry(value: number): string {
  if (Number.isInteger(value)) return String(value + 0);
  // + 0 turns a rounded −0 ("-0.00") into 0.
  return String(Number(value.toFixed(2)) + 0);
}

/** A number as a factor or a summand: formatted, in parentheses if negative. `-7 → "(-7)"` */
export function factor(value: number): string {
  const text = formatEntry(value);
  return text.startsWith("-") ? `(${text})` : text;
}

/** The sum written out: `1·5 + 2·(-7)`. */
export function writeTerms(row: number[], column: number[]): string {
  return row.map((x, k) => `${factor(x)}·${factor(column[k] ?? 0)}`).join(" + ");
}

/** The entry `delta` steps from `focus` in reading order (row by row), stopping at the first and the last. */
export function stepEntry(focus: [number, number], delta: number, rows: number, cols: number): [number, number] {
  const index = clamp(focus[0] * cols + focus[1] + delta, 0, rows * cols - 1);
  return [Math.floor(index / cols), index % cols];
}

function clamp(x: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, x));
}
