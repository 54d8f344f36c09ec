import type { AnswerSpec } from "../spec.ts";

// How each kind of answer's text is read, in one table light enough for the browser: the
// grader reads with it, and the live preview shows the same reading while the learner types.

/**
 * `plain`: one expression per line; `list`: `1, 2` and `1, 2; 3, 4` are a vector and a matrix;
 * `set`: a list whose braces `{1, 3}` mean a set; `shape`: sizes of named axes, `2×8×10×64`.
 */
export type AnswerReading = "plain" | "list" | "set" | "shape";

/** The reading of every answer type (a new type adds its line here). */
export const answerReadings: Record<AnswerSpec["type"], AnswerReading> = {
  scalar: "plain",
  vector: "list",
  matrix: "list",
  boolean: "plain",
  choice: "plain",
  expression: "plain",
  set: "set",
  eigenpairs: "plain",
  svd: "plain",
  property: "plain",
  shape: "shape",
};

/** Whether a reading takes a bare list (`1, 2`) as a vector or matrix. */
export function readsAsList(type: AnswerSpec["type"] | undefined): boolean {
  const reading = type === undefined ? "plain" : answerReadings[type];
  return reading === "list" || reading === "set";
}
