import type { AnswerTypeName } from "@llm-basics/grading";

// What an answer input holds, how it becomes the text the grader reads, and how a position in
// that text leads back to the input the learner typed it in. Pure, so it is unit-tested.

/** One answer of an exercise (the only one, or a part), as the form shows its input. */
export interface AnswerField {
  /** The part's id; none for a single-answer exercise. */
  id?: string;
  promptHtml?: string;
  type: AnswerTypeName;
  shape?: [number] | [number, number];
  optionsHtml?: string[];
  multiple?: boolean;
  variables?: string[];
  noun?: string;
}

/** A grid cell by row and column (from 0); a vector's entries are row 0. */
export type CellIndex = readonly [row: number, column: number];

/** Where each cell's text sits in a grid's answer text, to find the cell a problem is in. */
export interface CellSpan {
  cell: CellIndex;
  start: number;
  end: number;
}

/**
 * A grid as the grader reads it: `[[a, b], [c, d]]` for a matrix, `[a, b, c]` for a vector,
 * with where each cell's text went. Cells are trimmed.
 */
export function gridAnswer(
  cells: readonly (readonly string[])[],
  vector: boolean,
): { text: string; spans: CellSpan[] } {
  const spans: CellSpan[] = [];
  let text = vector ? "" : "[";
  cells.forEach((row, r) => {
    if (r > 0) text += ", ";
    text += "[";
    row.forEach((value, c) => {
      if (c > 0) text += ", ";
      const entry = value.trim();
      spans.push({ cell: [r, c], start: text.length, end: text.length + entry.length });
      text += entry;
    });
    text += "]";
  });
  if (!vector) text += "]";
  return { text, spans };
}

/** The cell whose text holds position `at` of the answer text (or the nearest before it). */
export function cellAt(spans: readonly CellSpan[], at: number): CellIndex | undefined {
  let found: CellSpan | undefined;
  for (const span of spans) if (span.start <= at) found = span;
  return found?.cell;
}

/** The cells left empty, in reading order. */
export function emptyCells(cells: readonly (readonly string[])[]): CellIndex[] {
  const empty: CellIndex[] = [];
  cells.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value.trim() === "") empty.push([r, c]);
    });
  });
  return empty;
}

/** Chosen options as the grader reads them: `A`, or `A, C` for several. */
export function choiceAnswer(chosen: readonly number[]): string {
  return [...chosen]
    .sort((a, b) => a - b)
    .map((i) => String.fromCharCode(65 + i))
    .join(", ");
}

/** An empty grid of a vector's or matrix's shape (a vector is one row). */
export function emptyGrid(shape: readonly [number] | readonly [number, number]): string[][] {
  const [rows, columns] = shape.length === 1 ? [1, shape[0]] : shape;
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => ""));
}

/**
 * A grid with pasted rows written in from `origin`, clipped to the grid. A vector takes the
 * pasted entries in reading order (a pasted column fills it too).
 */
export function fillGrid(
  cells: readonly (readonly string[])[],
  pasted: readonly (readonly string[])[],
  origin: CellIndex,
  vector: boolean,
): string[][] {
  const next = cells.map((row) => [...row]);
  const rows = vector ? [pasted.flat()] : pasted;
  rows.forEach((row, i) => {
    const target = next[origin[0] + i];
    if (!target) return;
    row.forEach((value, j) => {
      const column = origin[1] + j;
      if (column < target.length) target[column] = value;
    });
  });
  return next;
}

/** What one answer input holds: grid cells, typed text, chosen options, or yes/no. */
export type FieldValue =
  | { kind: "grid"; cells: string[][]; vector: boolean }
  | { kind: "text"; text: string }
  | { kind: "choice"; chosen: number[] }
  | { kind: "boolean"; value: "" | "yes" | "no" };

/** What the learner sent for one input: the text graded, and where a grid's cells went in it. */
export interface SentAnswer {
  answer: string;
  spans?: CellSpan[];
}

/** The text the grader reads for an input's value. */
export function sentAnswer(value: FieldValue): SentAnswer {
  switch (value.kind) {
    case "grid": {
      const { text: answer, spans } = gridAnswer(value.cells, value.vector);
      return { answer, spans };
    }
    case "text":
      return { answer: value.text };
    case "choice":
      return { answer: choiceAnswer(value.chosen) };
    case "boolean":
      return { answer: value.value === "yes" ? "yes" : "no" };
  }
}

/** Whether an input (other than a grid, whose empty cells are named one by one) is still blank. */
export function isBlank(value: FieldValue): boolean {
  switch (value.kind) {
    case "grid":
      return false;
    case "text":
      return value.text.trim() === "";
    case "choice":
      return value.chosen.length === 0;
    case "boolean":
      return value.value === "";
  }
}
