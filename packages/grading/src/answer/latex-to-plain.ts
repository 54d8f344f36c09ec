// The LaTeX reader's core: deciding that an answer is LaTeX, and translating a sequence of LaTeX
// items (groups, brackets, letters, numbers, line breaks) into the plain syntax. Commands, sub- and
// superscripts and environments have modules of their own, which call back into translateSeq for
// what they contain; every such call goes through `enter`, so nesting is capped at
// MAX_LATEX_NESTING and no input can exhaust the stack.

import { fail, misplacedAmpersand, misplacedLineBreak, unclosedBrace, unmatchedBrace } from "./answer-problems.ts";
import { command } from "./latex-commands.ts";
import { subscript, superscript } from "./latex-scripts.ts";
import { type Buf, isBlank, isDigit, isLetter } from "./plain-output.ts";
import { plainChar, type TypedText } from "./unicode-math.ts";

/** How deeply LaTeX groups, arguments and environments may nest before the answer is refused. */
export const MAX_LATEX_NESTING = 100;

/** The LaTeX reader's state: where it reads in the folded text, and what is open. */
export interface Ctx extends TypedText {
  /** The part of `s` to translate (LaTeX inside `$…$` leaves the dollars out). */
  start: number;
  end: number;
  /** Current LaTeX nesting, checked against MAX_LATEX_NESTING. */
  depth: number;
  /** Open ( and [ seen so far: a newline inside them is layout, not an answer separator. */
  brackets: number;
  /** Open \begin environments, for the message about a stray &. */
  envDepth: number;
  /** The last bracket written, so `\left[\begin{matrix}…\end{matrix}\right]` does not nest twice. */
  lastOpen: OpenBracket | undefined;
}

/** A bracket as written to the output, for a bare matrix right after it to recognise as its wrapper. */
export interface OpenBracket {
  buf: Buf;
  index: number;
  char: string;
  /** Input index just after the bracket's source. */
  srcEnd: number;
}

const MATH_DELIMITERS: ReadonlyArray<readonly [string, string]> = [
  ["$$", "$$"],
  ["\\[", "\\]"],
  ["\\(", "\\)"],
  ["$", "$"],
];

// After a backslash these make it LaTeX even without a command name (\\, \,, \{ …). Not "\ ": in
// plain text that is a stray backslash, which the parser should report rather than we drop.
const CONTROL_SYMBOLS = new Set(["\\", ",", ";", ":", "!", ">", "{", "}", "|"]);
/** After a backslash, these are spacing (\, \; \ …) rather than a command. */
export const CONTROL_SPACES = new Set([",", ";", ":", "!", ">", " ", "\t", "\n"]);

/** Decides the mode; for `$…$`, `\(…\)` and `\[…\]` it narrows ctx to the inside. */
export function isLatex(s: string, ctx: Ctx): boolean {
  let lo = 0;
  const hi = ctx.trailingFrom;
  while (lo < hi && isBlank(s[lo])) lo++;
  for (const [open, close] of MATH_DELIMITERS) {
    if (hi - lo >= open.length + close.length && s.startsWith(open, lo) && s.endsWith(close, hi)) {
      ctx.start = lo + open.length;
      ctx.end = hi - close.length;
      return true;
    }
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "&") return true;
    // x^{2}, x_{12}: braces mean nothing in the plain syntax, so this is LaTeX without a backslash.
    if ((c === "^" || c === "_") && s[i + 1] === "{") return true;
    if (c === "\\" && (isLetter(s[i + 1]) || CONTROL_SYMBOLS.has(s[i + 1] as string))) return true;
  }
  return false;
}

/** Reports unbalanced braces first: everything after an unclosed { would otherwise be confusing. */
export function checkBraces(s: string, start: number, end: number): void {
  const open: number[] = [];
  for (let i = start; i < end; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (c === "{") open.push(i);
    else if (c === "}" && open.pop() === undefined) unmatchedBrace(i);
  }
  const last = open.pop();
  if (last !== undefined) unclosedBrace(last);
}

/** Goes one level deeper, refusing the answer past MAX_LATEX_NESTING; the caller decrements ctx.depth. */
export function enter(ctx: Ctx, at: number): void {
  ctx.depth++;
  if (ctx.depth > MAX_LATEX_NESTING) {
    fail(
      "too-deep",
      at,
      1,
      {
        zh: `嵌套太深了：括号或命令最多只能套 ${MAX_LATEX_NESTING} 层。`,
        en: `Nested too deeply: at most ${MAX_LATEX_NESTING} levels of braces or commands.`,
      },
      { zh: "请把答案化简后再输入。", en: "Simplify the answer and enter it again." },
    );
  }
}

/** The first index from `from` that is not a blank (or ctx.end). */
export function skipBlanks(ctx: Ctx, from: number): number {
  let k = from;
  while (k < ctx.end && isBlank(ctx.s[k])) k++;
  return k;
}

/** Whether `\name` (and not a longer command) starts at i. */
export function isCommandAt(ctx: Ctx, i: number, name: string): boolean {
  const after = i + 1 + name.length;
  return after <= ctx.end && ctx.s.startsWith(`\\${name}`, i) && !(after < ctx.end && isLetter(ctx.s[after]));
}

/** Whether a `\\` (a row or line break) starts at i. */
export function isRowEnd(ctx: Ctx, i: number): boolean {
  return i + 1 < ctx.end && ctx.s[i] === "\\" && ctx.s[i + 1] === "\\";
}

/** Where a sequence of LaTeX items ends: input end, a closing }, the ] of \sqrt[…], or a matrix cell. */
export type Stop = "top" | "brace" | "bracket" | "cell";

/** Translates items until the stop; returns the index of the stopper (not consumed) or ctx.end. */
export function translateSeq(ctx: Ctx, from: number, out: Buf, stop: Stop, openedAt: number): number {
  enter(ctx, openedAt);
  const s = ctx.s;
  let i = from;
  while (i < ctx.end) {
    const c = s[i];
    if (c === "}" && stop !== "top") break;
    if (c === "]" && stop === "bracket") break;
    if (stop === "cell" && (c === "&" || isRowEnd(ctx, i) || isCommandAt(ctx, i, "end"))) break;
    i = translateItem(ctx, i, out, stop);
  }
  ctx.depth--;
  return i;
}

function translateItem(ctx: Ctx, i: number, out: Buf, stop: Stop): number {
  const s = ctx.s;
  const c = s[i] as string;
  if (c === "{") return group(ctx, i, out);
  if (c === "}") return unmatchedBrace(i);
  if (c === "\\" && stop !== "top" && isRowEnd(ctx, i)) return misplacedLineBreak(i);
  if (c === "\\") return command(ctx, i, out);
  if (c === "^") return superscript(ctx, i, out);
  if (c === "_") return subscript(ctx, i, out);
  if (c === "&") return misplacedAmpersand(i, ctx.envDepth > 0);
  if (c === "~") {
    out.char(" ", i);
    return i + 1;
  }
  if (c === "\r" && s[i + 1] === "\n" && i + 1 < ctx.end) return i + 1;
  if (c === "\n" || c === "\r") {
    // TeX reads a line break as a space; only one between top-level items separates answers.
    out.char(stop === "top" && ctx.brackets <= 0 ? "\n" : " ", i);
    return i + 1;
  }
  if (c === "(" || c === "[" || c === ")" || c === "]") {
    bracket(ctx, out, c, i, i + 1);
    return i + 1;
  }
  if (isLetter(c)) return letters(ctx, i, out);
  if (isDigit(c) || (c === "." && isDigit(s[i + 1]) && i + 1 < ctx.end)) return number(ctx, i, out);
  return plainChar(ctx, i, out);
}

/** Writes a bracket, counting ( and [ and remembering it as a possible matrix wrapper. */
export function bracket(ctx: Ctx, out: Buf, c: string, at: number, srcEnd: number): void {
  out.char(c, at);
  if (c === "(" || c === "[") ctx.brackets++;
  else if (c === ")" || c === "]") ctx.brackets--;
  if (c === "(" || c === "[" || c === "|") ctx.lastOpen = { buf: out, index: out.length - 1, char: c, srcEnd };
}

// Letter runs typed without a backslash that are still one name (everything else is a product of
// one-letter variables, as TeX renders it: QK^T is Q·Kᵀ).
const PLAIN_NAMES = new Set("sqrt exp log ln sin cos tan sinh cosh tanh max min pi softmax relu sigmoid".split(" "));

function letters(ctx: Ctx, i: number, out: Buf): number {
  const s = ctx.s;
  let j = i;
  while (j < ctx.end && isLetter(s[j])) j++;
  const run = s.slice(i, j);
  if (PLAIN_NAMES.has(run)) out.word(run, i, true);
  else for (let k = i; k < j; k++) out.word(s[k] as string, k);
  return j;
}

function number(ctx: Ctx, i: number, out: Buf): number {
  const s = ctx.s;
  const end = ctx.end;
  let j = i;
  while (j < end && isDigit(s[j])) j++;
  if (s[j] === "." && j + 1 < end && isDigit(s[j + 1])) {
    j++;
    while (j < end && isDigit(s[j])) j++;
  }
  // 1e-3 stays a number, as learners mean it; a bare 2e is 2·e.
  if ((s[j] === "e" || s[j] === "E") && j + 1 < end) {
    let k = j + 1;
    if (s[k] === "+" || s[k] === "-") k++;
    if (k < end && isDigit(s[k])) {
      j = k;
      while (j < end && isDigit(s[j])) j++;
    }
  }
  if (out.tailIsWord()) out.put(" ", i);
  for (let k = i; k < j; k++) out.put(s[k] as string, k);
  return j;
}

function group(ctx: Ctx, i: number, out: Buf): number {
  const m = out.mark();
  out.put("(", i);
  const close = translateSeq(ctx, i + 1, out, "brace", i);
  if (close >= ctx.end) return unclosedBrace(i);
  // {} is an empty atom in TeX ({}^T); "()" would only confuse the parser.
  if (out.blankSince(m.len + 1)) {
    out.reset(m);
    return close + 1;
  }
  out.put(")", close);
  return close + 1;
}
