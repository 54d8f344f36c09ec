import type { SyntaxProblem } from "../expression/parser.ts";
import { both } from "../messages.ts";
import { foldFullWidth } from "./full-width.ts";

// A tensor's shape as a learner types it: the sizes of its axes, `[2, 8, 10, 64]`,
// `(2, 8, 10, 64)`, `2×8×10×64` (or `2x8x10x64`, `2*8*10*64`), with full-width digits, commas
// and brackets from a Chinese keyboard. Light (no math), so the live preview reads it too.

/** The sizes read, with where each was typed. */
export interface ShapeText {
  sizes: number[];
  /** [start, end) of each size in the typed text. */
  spans: Array<[number, number]>;
}

/** Shapes have at most this many axes. */
export const maxAxes = 16;

const OPEN = new Set(["[", "(", "〔"]);
const CLOSE: Record<string, string> = { "[": "]", "(": ")", "〔": "〕" };
const SEPARATORS = new Set([",", ";", "×", "✕", "⨯", "x", "X", "*"]);

/**
 * Reads `text` as a shape: `[2, 8, 10, 64]` → sizes [2, 8, 10, 64]. Each size is a whole number;
 * a problem points at the characters that are not.
 */
export function readShapeText(text: string): { ok: true; value: ShapeText } | { ok: false; problem: SyntaxProblem } {
  // The grader's full-width folding, one UTF-16 unit for one: positions stay those of the typed text.
  const folded = foldFullWidth(text);
  const chars: Array<{ c: string; at: number; end: number }> = [];
  for (let i = 0; i < folded.length; i++) chars.push({ c: folded[i] as string, at: i, end: i + 1 });
  let start = 0;
  let end = chars.length;
  const blank = (c: string) => /\s/u.test(c);
  while (start < end && blank(chars[start]?.c ?? "")) start++;
  while (end > start && blank(chars[end - 1]?.c ?? "")) end--;
  if (start === end) {
    return fail(
      0,
      0,
      "empty",
      both("答案是空的。", "The answer is empty."),
      both("请输入形状，例如 [2, 8, 10, 64]。", "Type a shape, as in [2, 8, 10, 64]."),
    );
  }
  const first = chars[start] as { c: string; at: number; end: number };
  if (OPEN.has(first.c)) {
    const last = chars[end - 1] as { c: string; at: number; end: number };
    if (end - start < 2 || last.c !== CLOSE[first.c]) {
      return fail(
        first.at,
        first.end - first.at,
        "unclosed-bracket",
        both("括号没有配对。", "This bracket is not closed."),
        both(`在末尾补上“${CLOSE[first.c]}”。`, `Add the missing “${CLOSE[first.c]}” at the end.`),
      );
    }
    start++;
    end--;
  }
  const sizes: number[] = [];
  const spans: Array<[number, number]> = [];
  let item: typeof chars = [];
  const take = (): { ok: true } | { ok: false; problem: SyntaxProblem } => {
    const trimmed = item.filter((x) => !blank(x.c));
    const at = trimmed[0]?.at ?? chars[Math.min(start, chars.length - 1)]?.at ?? 0;
    const to = trimmed[trimmed.length - 1]?.end ?? at;
    const word = trimmed.map((x) => x.c).join("");
    if (word === "") {
      return fail(at, 0, "missing-size", both("这里少了一个轴的大小。", "An axis size is missing here."));
    }
    if (!/^[0-9]+$/.test(word) || trimmed.some((x, i) => i > 0 && x.at !== (trimmed[i - 1] as { end: number }).end)) {
      return fail(
        at,
        to - at,
        "not-a-size",
        both("每个轴的大小要写成一个整数。", "Write each axis's size as a whole number."),
        /[/+\-.]/.test(word)
          ? both("先算出大小：写 64，不写 512/8。", "Work the size out: write 64, not 512/8.")
          : both("例如 [2, 8, 10, 64]。", "As in [2, 8, 10, 64]."),
      );
    }
    sizes.push(Number(word));
    spans.push([at, to]);
    item = [];
    return { ok: true };
  };
  for (let i = start; i < end; i++) {
    const x = chars[i] as { c: string; at: number; end: number };
    if (SEPARATORS.has(x.c)) {
      const taken = take();
      if (!taken.ok) return taken;
      if (sizes.length >= maxAxes) return tooMany(text);
      continue;
    }
    if (OPEN.has(x.c) || Object.values(CLOSE).includes(x.c)) {
      return fail(
        x.at,
        x.end - x.at,
        "nested-brackets",
        both("形状只需一层括号。", "A shape needs one pair of brackets only."),
      );
    }
    item.push(x);
  }
  const taken = take();
  if (!taken.ok) return taken;
  return { ok: true, value: { sizes, spans } };
}

/** A shape as LaTeX: `2 \times 8 \times 10 \times 64`. */
export function shapeLatex(sizes: readonly number[]): string {
  return sizes.join(" \\times ");
}

function tooMany(text: string): { ok: false; problem: SyntaxProblem } {
  const message = both(`形状最多有 ${maxAxes} 个轴。`, `A shape has at most ${maxAxes} axes.`);
  return fail(0, text.length, "too-many-axes", message);
}

function fail(
  at: number,
  length: number,
  code: string,
  message: SyntaxProblem["message"],
  hint?: SyntaxProblem["message"],
): { ok: false; problem: SyntaxProblem } {
  return { ok: false, problem: hint ? { at, length, code, message, hint } : { at, length, code, message } };
}
