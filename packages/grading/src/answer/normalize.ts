// Turns what learners actually type into an answer box (Chinese IME full-width forms, Unicode math,
// pasted KaTeX/MathLive LaTeX) into the one plain ASCII syntax the expression parser reads, and keeps,
// for every output character, the index of the input character it came from, so the parser's errors
// can point at what the learner typed.
//
// The stages, in order: full-width.ts folds full-width forms one unit for one; latex-to-plain.ts
// (with latex-commands.ts, latex-scripts.ts and latex-environments.ts) translates LaTeX, or
// unicode-math.ts reads the plain text character by character (LaTeX reads its non-ASCII
// characters the same way); roots.ts then applies √ ∛ ∜ to their atoms. A stage that cannot read
// the answer throws one of answer-problems.ts's problems, which normalizeAnswer returns.
//
// Everything runs in one left-to-right pass per stage with O(1) look-ahead, so the time is linear in
// the input; LaTeX nesting is recursive but capped at MAX_LATEX_NESTING levels, so no input can
// exhaust the stack. Nothing here throws out of normalizeAnswer.

import { AnswerFailure, type AnswerSyntaxError } from "./answer-problems.ts";
import { foldFullWidth } from "./full-width.ts";
import { type Ctx, checkBraces, isLatex, translateSeq } from "./latex-to-plain.ts";
import { Buf } from "./plain-output.ts";
import { expandRoots } from "./roots.ts";
import { plainChar, trailingStopsStart } from "./unicode-math.ts";

/** The answer rewritten in the plain syntax, with a map back to the learner's input. */
export interface NormalizedAnswer {
  /** The answer in the plain syntax. */
  text: string;
  /**
   * positions[i] is the index in the original input of text[i]; positions[text.length] is the end
   * (input.length). Monotone non-decreasing.
   */
  positions: number[];
  /** True when the input was read as LaTeX (a backslash command, `&`, `^{`/`_{`, or wrapped in `$…$`). */
  latex: boolean;
}

/** Options for {@link normalizeAnswer}. */
export interface NormalizeAnswerOptions {
  /** Longer inputs are refused with "too-long" before anything is scanned (default 10,000). */
  maxLength?: number;
}

/** The result of {@link normalizeAnswer}: the normalized answer or the first problem found. */
export type NormalizeAnswerResult = { ok: true; value: NormalizedAnswer } | { ok: false; error: AnswerSyntaxError };

/** The default `maxLength` of {@link normalizeAnswer}. */
export const DEFAULT_MAX_ANSWER_LENGTH = 10_000;

/** Text the plain reading leaves exactly as it is: ASCII letters, digits and the syntax's own symbols. */
const PLAIN = /^[0-9A-Za-z +\-*/^().,;[\]'=_\n]*$/;

/** Rewrites a typed or pasted answer into the plain expression syntax, or says where it cannot. */
export function normalizeAnswer(input: string, options?: NormalizeAnswerOptions): NormalizeAnswerResult {
  if (typeof input !== "string") {
    return failure({
      at: 0,
      length: 0,
      code: "invalid-input",
      message: { zh: "答案必须是一段文字。", en: "The answer must be text." },
    });
  }
  const requested = options?.maxLength;
  const maxLength =
    typeof requested === "number" && requested >= 0 && Number.isFinite(requested)
      ? Math.floor(requested)
      : DEFAULT_MAX_ANSWER_LENGTH;
  if (input.length > maxLength) {
    return failure({
      at: maxLength,
      length: input.length - maxLength,
      code: "too-long",
      message: {
        zh: `答案太长了：最多 ${maxLength} 个字符，现在有 ${input.length} 个。`,
        en: `The answer is too long: at most ${maxLength} characters, this one has ${input.length}.`,
      },
      hint: { zh: "只需要填写最终结果。", en: "Enter only the final result." },
    });
  }
  // Most answers are already plain ASCII in the target syntax: nothing to rewrite, so skip the
  // character-by-character pass (about 10× faster on an 8×8 matrix of long decimals).
  if (PLAIN.test(input)) {
    const positions = new Array<number>(input.length + 1);
    for (let i = 0; i <= input.length; i++) positions[i] = i;
    return { ok: true, value: { text: input, positions, latex: false } };
  }
  try {
    return { ok: true, value: normalize(input) };
  } catch (error) {
    if (error instanceof AnswerFailure) return failure(error.detail);
    // A bug of ours must not reach the learner as an exception.
    return failure({
      at: 0,
      length: 0,
      code: "internal-error",
      message: { zh: "暂时无法处理这个答案。", en: "This answer could not be processed." },
    });
  }
}

function failure(error: AnswerSyntaxError): NormalizeAnswerResult {
  return { ok: false, error };
}

function normalize(input: string): NormalizedAnswer {
  // Full-width forms become ASCII one code unit for one, so every index below is an input index.
  const s = foldFullWidth(input);
  const trailingFrom = trailingStopsStart(s);
  const ctx: Ctx = {
    input,
    s,
    start: 0,
    end: s.length,
    depth: 0,
    brackets: 0,
    envDepth: 0,
    trailingFrom,
    lastOpen: undefined,
  };
  const latex = isLatex(s, ctx);
  const draft = new Buf();
  if (latex) {
    checkBraces(s, ctx.start, ctx.end);
    translateSeq(ctx, ctx.start, draft, "top", ctx.start);
  } else {
    for (let i = 0; i < s.length; ) i = plainChar(ctx, i, draft);
  }
  const out = expandRoots(draft);
  const positions = out.pos;
  // \sqrt[n]{x} emits n after x; the index then points at the radicand's end rather than going back.
  for (let k = 1; k < positions.length; k++) {
    const here = positions[k] as number;
    const before = positions[k - 1] as number;
    if (here < before) positions[k] = before;
  }
  positions.push(input.length);
  return { text: out.chars.join(""), positions, latex };
}
