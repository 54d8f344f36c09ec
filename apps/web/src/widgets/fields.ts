import type { ChangeEvent } from "react";

/**
 * A number field's change handler: `apply` gets the typed number, kept within [min, max]. A
 * field left empty, or holding what is not a number yet ("-", "1e"), changes nothing.
 */
export function onNumber(min: number, max: number, apply: (value: number) => void) {
  return (event: ChangeEvent<HTMLInputElement>): void => {
    const typed = event.target.value;
    const value = Number(typed);
    if (typed === "" || !Number.isFinite(value)) return;
    apply(Math.max(min, Math.min(max, value)));
  };
}

/** `values` with entry i replaced. */
export function withEntry<T>(values: readonly T[], i: number, value: T): T[] {
  return values.map((v, k) => (k === i ? value : v));
}

/** `matrix` with entry (i, j) replaced. */
export function withMatrixEntry(matrix: readonly number[][], i: number, j: number, value: number): number[][] {
  return matrix.map((row, r) => (r === i ? withEntry(row, j, value) : row));
}

/**
 * Where a key moves the focus in a grid of rows × columns (WAI-ARIA's data grid): the arrows one
 * cell, Home and End to the row's ends (with Ctrl, the grid's first and last cell); undefined
 * for any other key.
 */
export function gridStep(
  key: string,
  ctrl: boolean,
  [row, column]: readonly [number, number],
  rows: number,
  columns: number,
): [number, number] | undefined {
  const clamp = (i: number, n: number) => Math.min(n - 1, Math.max(0, i));
  const arrows: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
  };
  const step = arrows[key];
  if (step) return [clamp(row + step[0], rows), clamp(column + step[1], columns)];
  if (key === "Home") return ctrl ? [0, 0] : [row, 0];
  if (key === "End") return ctrl ? [rows - 1, columns - 1] : [row, columns - 1];
  return undefined;
}
