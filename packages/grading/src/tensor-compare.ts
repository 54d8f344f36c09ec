import * as core from "@llm-basics/math-core";
import type { Value } from "./expression/evaluate.ts";
import { type Tolerance, within } from "./tolerance.ts";
import type { CellMarks } from "./verdict.ts";

/** How a learner's tensor compares with the expected one, entry by entry. */
export interface Comparison {
  sameShape: boolean;
  allClose: boolean;
  cells?: CellMarks;
  fraction: number;
}

/** The shape of a number (`[]`), vector or matrix; undefined for anything else. */
export function shapeOfValue(v: Value): number[] | undefined {
  try {
    return [...core.shapeOf(v)];
  } catch {
    return undefined;
  }
}

/** Whether two values are tensors of the same shape. */
export function sameShape(a: Value, b: Value): boolean {
  const x = shapeOfValue(a);
  const y = shapeOfValue(b);
  return x !== undefined && y !== undefined && x.length === y.length && x.every((d, i) => d === y[i]);
}

/** Entry-by-entry comparison of two tensors of the same kind. */
export function compare(actual: Value, expected: Value, tolerance: Tolerance): Comparison {
  const a = shapeOfValue(actual);
  const e = shapeOfValue(expected);
  if (a === undefined || e === undefined || a.length !== e.length || a.some((d, i) => d !== e[i])) {
    return { sameShape: false, allClose: false, fraction: 0 };
  }
  if (typeof actual === "number") {
    const ok = within(actual, expected as number, tolerance);
    return { sameShape: true, allClose: ok, fraction: ok ? 1 : 0 };
  }
  if (e.length === 1) {
    const cells = (actual as number[]).map((x, i) => within(x, (expected as number[])[i] as number, tolerance));
    const right = cells.filter(Boolean).length;
    return { sameShape: true, allClose: right === cells.length, cells, fraction: right / cells.length };
  }
  const cells = (actual as number[][]).map((row, i) =>
    row.map((x, j) => within(x, (expected as number[][])[i]?.[j] as number, tolerance)),
  );
  const flat = cells.flat();
  const right = flat.filter(Boolean).length;
  return { sameShape: true, allClose: right === flat.length, cells, fraction: right / flat.length };
}

/** Whether two values match entry by entry (same shape), without building per-cell marks. */
export function allClose(actual: Value, expected: Value, tolerance: Tolerance): boolean {
  if (typeof actual === "number" || typeof expected === "number") {
    return typeof actual === "number" && typeof expected === "number" && within(actual, expected, tolerance);
  }
  if (!Array.isArray(actual) || !Array.isArray(expected) || actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) {
    if (!allClose(actual[i] as Value, expected[i] as Value, tolerance)) return false;
  }
  return true;
}

/** A learner's 1×n or n×1 matrix counts as a vector when a vector is expected, and vice versa. */
export function coerce(value: Value, expected: Value): Value {
  const a = shapeOfValue(value);
  const e = shapeOfValue(expected);
  if (!a || !e) return value;
  if (e.length === 1 && a.length === 2 && (a[0] === 1 || a[1] === 1)) return (value as number[][]).flat();
  if (e.length === 2 && a.length === 1 && e[0] === 1) return [value as number[]];
  if (e.length === 2 && a.length === 1 && e[1] === 1) return (value as number[]).map((x) => [x]);
  return value;
}
