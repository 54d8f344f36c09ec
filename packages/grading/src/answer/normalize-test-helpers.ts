// What the normalizer's tests share: each stage's tests read answers through normalizeAnswer, as
// the grader does, so that positions and problems are checked against what the learner typed.

import type { AnswerSyntaxError } from "./answer-problems.ts";
import { type NormalizeAnswerOptions, type NormalizedAnswer, normalizeAnswer } from "./normalize.ts";

/** The normalized answer; throws (failing the test) when the input is refused. */
export function value(input: string, options?: NormalizeAnswerOptions): NormalizedAnswer {
  const result = normalizeAnswer(input, options);
  if (!result.ok) throw new Error(`${JSON.stringify(input)} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The normalized text: `text("１／２")` → `"1/2"`. */
export function text(input: string): string {
  return value(input).text;
}

/** The problem the input is refused with; throws (failing the test) when it is read. */
export function error(input: string, options?: NormalizeAnswerOptions): AnswerSyntaxError {
  const result = normalizeAnswer(input, options);
  if (result.ok) throw new Error(`${JSON.stringify(input)} gave ${JSON.stringify(result.value.text)}, not an error`);
  return result.error;
}

/** The input characters an error points at. */
export function pointedAt(input: string, e: AnswerSyntaxError): string {
  return input.slice(e.at, e.at + e.length);
}

/** The positions of an answer that is copied unchanged: `identity(2)` → `[0, 1, 2]`. */
export const identity = (n: number): number[] => Array.from({ length: n + 1 }, (_, i) => i);
