import type { SyntaxProblem } from "../expression/parser.ts";
import { normalizeAnswer } from "./normalize.ts";

/** A learner's answer in the parser's plain syntax, with a map back to what was typed. */
export interface PlainAnswerText {
  plain: string;
  /** positions[i] is the index in the typed text of plain[i]; the last entry is its end. */
  positions: number[];
}

/**
 * What the parser reads of a typed answer: the normalized text (full-width forms, Unicode math
 * and LaTeX rewritten), and for list answers (vectors, matrices, sets) `{1, 3}` as `[1, 3]`
 * and `1, 2; 3, 4` wrapped in brackets. Grading and the live preview read answers the same way.
 */
export function plainAnswerText(
  text: string,
  options: { asList?: boolean } = {},
): { ok: true; value: PlainAnswerText } | { ok: false; problem: SyntaxProblem } {
  const normalized = normalizeAnswer(text);
  if (!normalized.ok) return { ok: false, problem: normalized.error };
  let { text: plain, positions } = normalized.value;
  // {1, 3} for a set reads as a list: the same length, so positions stay put.
  if (options.asList && /^\s*\{[^{}]*\}\s*$/.test(plain)) plain = plain.replace("{", "[").replace("}", "]");
  // "1, 2, 3" for a vector or set, and "1, 2; 3, 4" or rows on lines for a matrix: read as a
  // list, but only when the separator is outside every bracket (not in -[[1, 2], [3, 4]]).
  if (options.asList && hasTopLevelSeparator(plain)) {
    const offset = positions[0] ?? 0;
    plain = `[${plain}]`;
    positions = [offset, ...positions, positions[positions.length - 1] ?? text.length];
  }
  return { ok: true, value: { plain, positions } };
}

/** A problem found in the plain text, moved to where it is in the typed text. */
export function problemInTypedText(
  problem: SyntaxProblem,
  positions: readonly number[],
  typedLength: number,
): SyntaxProblem {
  const toOriginal = (at: number) => positions[Math.min(Math.max(at, 0), positions.length - 1)] ?? typedLength;
  const start = toOriginal(problem.at);
  const end = problem.length === 0 ? start : toOriginal(problem.at + problem.length - 1) + 1;
  return { ...problem, at: start, length: Math.max(0, end - start) };
}

/** A comma, semicolon or line break outside every bracket, with something on both sides. */
function hasTopLevelSeparator(text: string): boolean {
  const trimmed = text.trim();
  let depth = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (depth === 0 && (c === "," || c === ";" || c === "\n")) return true;
  }
  return false;
}
