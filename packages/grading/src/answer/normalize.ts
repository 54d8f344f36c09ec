// Turns what learners actually type into an answer box (Chinese IME full-width forms, Unicode math,
// pasted KaTeX/MathLive LaTeX) into the one plain ASCII syntax the expression parser reads, and keeps,
// for every output character, the index of the input character it came from, so the parser's errors
// can point at what the learner typed.
//
// Everything runs in one left-to-right pass per stage with O(1) look-ahead, so the time is linear in
// the input; LaTeX nesting is recursive but capped at MAX_LATEX_NESTING levels, so no input can
// exhaust the stack. Nothing here throws out of normalizeAnswer.

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

/** A bilingual, learner-facing sentence. */
export interface AnswerText {
  /** Simplified Chinese. */
  zh: string;
  /** English. */
  en: string;
}

/** Why an answer could not be normalized, located in the learner's own input. */
export interface AnswerSyntaxError {
  /** Index in the ORIGINAL input where the problem is. */
  at: number;
  /** How many original characters are involved (≥ 1, or 0 at the end of input). */
  length: number;
  /** Stable id such as "latex-unknown-command", "latex-unclosed-brace" or "too-long". */
  code: string;
  /** What is wrong. */
  message: AnswerText;
  /** How to fix it. */
  hint?: AnswerText;
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

/** How deeply LaTeX groups, arguments and environments may nest before the answer is refused. */
export const MAX_LATEX_NESTING = 100;

/** Rewrites a typed or pasted answer into the plain expression syntax, or says where it cannot. */
/** Text the plain reading leaves exactly as it is: ASCII letters, digits and the syntax's own symbols. */
const PLAIN = /^[0-9A-Za-z +\-*/^().,;[\]'=_\n]*$/;

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

class AnswerFailure extends Error {
  constructor(readonly detail: AnswerSyntaxError) {
    super(detail.code);
  }
}

function fail(code: string, at: number, length: number, message: AnswerText, hint?: AnswerText): never {
  throw new AnswerFailure(hint === undefined ? { at, length, code, message } : { at, length, code, message, hint });
}

// ---------------------------------------------------------------------------------------------
// Pipeline

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

interface Ctx {
  /** The learner's input, for quoting it in messages. */
  input: string;
  /** The input with full-width forms folded; same length and indices as `input`. */
  s: string;
  /** The part of `s` to translate (LaTeX inside `$…$` leaves the dollars out). */
  start: number;
  end: number;
  /** Current LaTeX nesting, checked against MAX_LATEX_NESTING. */
  depth: number;
  /** Open ( and [ seen so far: a newline inside them is layout, not an answer separator. */
  brackets: number;
  /** Open \begin environments, for the message about a stray &. */
  envDepth: number;
  /** From here to the end there is only whitespace and ideographic full stops. */
  trailingFrom: number;
  /** The last bracket written, so `\left[\begin{matrix}…\end{matrix}\right]` does not nest twice. */
  lastOpen: OpenBracket | undefined;
}

interface OpenBracket {
  buf: Buf;
  index: number;
  char: string;
  /** Input index just after the bracket's source. */
  srcEnd: number;
}

/** Output characters (one UTF-16 unit each, "" once deleted) and where each came from. */
class Buf {
  readonly chars: string[] = [];
  readonly pos: number[] = [];
  private last = "";
  // Whether the trailing run of word characters began with a letter or "_" (an identifier).
  private identRun = false;
  // A name was just written: a following word character must not fuse with it (pi then r ≠ pir).
  private sep = false;

  get length(): number {
    return this.chars.length;
  }

  put(c: string, p: number): void {
    if (isWordChar(c)) {
      if (!isWordChar(this.last)) this.identRun = !isDigit(c);
    } else {
      this.identRun = false;
    }
    this.last = c;
    this.sep = false;
    this.chars.push(c);
    this.pos.push(p);
  }

  putStr(text: string, p: number): void {
    for (const c of text) this.put(c, p);
  }

  /** A character as typed, kept apart from a name written just before it. */
  char(c: string, p: number): void {
    if (this.sep && isWordChar(c)) this.put(" ", p);
    this.put(c, p);
  }

  /** A name such as `pi` or `sqrt`, kept apart from word characters on both sides. */
  word(text: string, p: number, spread = false): void {
    if (this.tailIsWord()) this.put(" ", p);
    for (let k = 0; k < text.length; k++) this.put(text[k] as string, spread ? p + k : p);
    this.sep = true;
  }

  tailIsWord(): boolean {
    return isWordChar(this.last) && this.last !== "_";
  }

  tailIsIdent(): boolean {
    return isWordChar(this.last) && this.identRun;
  }

  lastChar(): string {
    return this.last;
  }

  mark(): Mark {
    return { len: this.chars.length, last: this.last, identRun: this.identRun, sep: this.sep };
  }

  reset(m: Mark): void {
    this.chars.length = m.len;
    this.pos.length = m.len;
    this.last = m.last;
    this.identRun = m.identRun;
    this.sep = m.sep;
  }

  /** Drops trailing blanks down to index `min`; the caller writes a non-word character next. */
  trimEnd(min: number): void {
    let len = this.chars.length;
    while (len > min && (this.chars[len - 1] === " " || this.chars[len - 1] === "\n" || this.chars[len - 1] === ""))
      len--;
    this.chars.length = len;
    this.pos.length = len;
  }

  blankSince(from: number): boolean {
    for (let k = from; k < this.chars.length; k++) {
      const c = this.chars[k];
      if (c !== "" && c !== " " && c !== "\n") return false;
    }
    return true;
  }

  text(): string {
    return this.chars.join("");
  }

  append(other: Buf): void {
    let first = 0;
    while (first < other.chars.length && other.chars[first] === "") first++;
    if (first < other.chars.length && isWordChar(other.chars[first]) && this.tailIsWord()) {
      this.put(" ", other.pos[first] as number);
    }
    for (let k = first; k < other.chars.length; k++) {
      const c = other.chars[k] as string;
      if (c !== "") this.put(c, other.pos[k] as number);
    }
  }
}

interface Mark {
  len: number;
  last: string;
  identRun: boolean;
  sep: boolean;
}

// ---------------------------------------------------------------------------------------------
// Character classes and tables

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
}

function isWordChar(c: string | undefined): boolean {
  if (c === undefined || c.length !== 1) return false;
  const code = c.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

const BLANKS = new Set([" ", "\t", "\n", "\r", "\u00a0", "\u3000", "\u202f", "\u205f"]);

function isBlank(c: string | undefined): boolean {
  return c !== undefined && (BLANKS.has(c) || (c >= "\u2000" && c <= "\u200a"));
}

// Full-width forms that mean something in the plain syntax or in LaTeX; others (：！＄…) stay as
// typed so the parser can quote exactly what the learner wrote.
const FOLDED_PUNCTUATION = new Set(",;()[]+-*/^=._'{}\\&");

function foldFullWidth(input: string): string {
  const out: string[] = new Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    let c = input[i] as string;
    if (code >= 0xff01 && code <= 0xff5e) {
      const ascii = String.fromCharCode(code - 0xfee0);
      if (isDigit(ascii) || isLetter(ascii) || FOLDED_PUNCTUATION.has(ascii)) c = ascii;
    } else if (code === 0x3010) {
      c = "[";
    } else if (code === 0x3011) {
      c = "]";
    } else if (code === 0x3001 || code === 0xff64) {
      c = ","; // 、 lists items, like a comma
    } else if (code === 0x3000) {
      c = " ";
    }
    out[i] = c;
  }
  return out.join("");
}

function isStop(c: string | undefined): boolean {
  return c === "。" || c === "｡";
}

function trailingStopsStart(s: string): number {
  let k = s.length;
  while (k > 0 && (isBlank(s[k - 1]) || isStop(s[k - 1]))) k--;
  return k;
}

/** Pairs the i-th character of `keys` with the i-th value. */
function table(keys: string, values: readonly string[]): Map<string, string> {
  return new Map([...keys].map((k, i): [string, string] => [k, values[i] as string]));
}

/** "a=b c=d" as [["a", "b"], ["c", "d"]]. */
function pairs(list: string): [string, string][] {
  return list.split(" ").map((pair): [string, string] => {
    const [k, v] = pair.split("=");
    return [k as string, v as string];
  });
}

/** Every character of `keys` mapped to `value`. */
function same(keys: string, value: string): Map<string, string> {
  return new Map([...keys].map((k): [string, string] => [k, value]));
}

// One character in, one character out ("" drops it).
const SIMPLE = new Map<string, string>([
  // − minus sign; – en dash (autocorrect turns a minus between numbers into it); hyphens
  ...same("\u2212\u2013\u2010\u2011\u2012\ufe63", "-"),
  // × · ⋅ ∙ ∗ (· is what the ` key gives in a Chinese IME)
  ...same("\u00d7\u00b7\u22c5\u2219\u2217", "*"),
  ...same("\u00f7\u2215\u2044", "/"), // ÷ ∕ ⁄
  ...same("\u2019\u2032", "'"), // ’ autocorrected apostrophe, ′ prime
  ...same("\u00a0\u202f\u205f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a", " "),
  ...same("\u200b\u200c\u200d\u2060\ufeff", ""), // zero-width characters come along with pasted text
  ...same("\u2028\u2029\u0085", "\n"),
]);

const GREEK_NAMES = (
  "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi " +
  "omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
).split(" ");

const UNICODE_NAMES = new Map<string, string>([
  ...table("αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΥΦΨΩ", GREEK_NAMES),
  ...table("ϵϑϰµϱςϕϴ", "epsilon theta kappa mu rho sigma phi Theta".split(" ")),
  ["ℎ", "h"], // Word's math italic h lives outside the math alphanumeric block
]);

// Mathematical Greek (U+1D6A8…) comes in styles of 58 letters in this order.
const MATH_GREEK = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡϴΣΤΥΦΧΨΩ∇αβγδεζηθικλμνξοπρςστυφχψω∂ϵϑϰϕϱϖ";

const SUPERSCRIPTS = table("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ⁿⁱ", [..."0123456789+-()ni"]);
const SUBSCRIPTS = table("₀₁₂₃₄₅₆₇₈₉ₐₑₒₓₕₖₗₘₙₚₛₜᵢᵣᵤᵥⱼ", [..."0123456789aeoxhklmnpstiruvj"]);
const VULGAR_FRACTIONS = table(
  "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒",
  "1/2 1/3 2/3 1/4 3/4 1/5 2/5 3/5 4/5 1/6 5/6 1/7 1/8 3/8 5/8 7/8 1/9 1/10".split(" "),
);

const ROOTS = new Set(["√", "∛", "∜"]);

// ---------------------------------------------------------------------------------------------
// Plain characters (both modes)

/** Handles the character(s) at i outside LaTeX syntax; returns the next index. */
function plainChar(ctx: Ctx, i: number, out: Buf): number {
  const s = ctx.s;
  const c = s[i] as string;
  const code = s.charCodeAt(i);
  if (code < 0x80) {
    if (c === "\r") {
      if (s[i + 1] !== "\n") out.char("\n", i);
      return i + 1;
    }
    out.char(c === "\t" ? " " : c, i);
    return i + 1;
  }
  const simple = SIMPLE.get(c);
  if (simple !== undefined) {
    if (simple !== "") out.char(simple, i);
    return i + 1;
  }
  if (isStop(c)) {
    // A decimal point typed in Chinese mode (0。5); at the very end it closes a sentence.
    if (isDigit(s[i + 1])) out.char(".", i);
    else if (i < ctx.trailingFrom) out.char(c, i);
    return i + 1;
  }
  if (c === "—") {
    if (s[i + 1] !== "—") {
      out.char("-", i);
      return i + 1;
    }
    // —— is what Shift+- (an underscore) gives in a Chinese IME; anywhere else it is punctuation.
    if (out.tailIsIdent()) {
      out.put("_", i);
    } else {
      out.char(c, i);
      out.char(c, i + 1);
    }
    return i + 2;
  }
  if (c === "…" && s[i + 1] === "…") {
    out.char("^", i); // …… is what Shift+6 (a caret) gives in a Chinese IME
    return i + 2;
  }
  const name = UNICODE_NAMES.get(c);
  if (name !== undefined) {
    out.word(name, i);
    return i + 1;
  }
  if (SUPERSCRIPTS.has(c)) return superscriptRun(s, i, out);
  if (c === "ᵀ") {
    out.put("'", i);
    return i + 1;
  }
  if (SUBSCRIPTS.has(c) && out.tailIsIdent()) return subscriptRun(s, i, out);
  const fraction = VULGAR_FRACTIONS.get(c);
  if (fraction !== undefined) {
    if (isDigit(out.lastChar()) && !out.tailIsIdent()) mixedNumber(ctx, i, fraction);
    out.putStr(`(${fraction})`, i);
    return i + 1;
  }
  if (code === 0xd835) {
    const mapped = mathAlphanumeric(s, i);
    if (mapped !== undefined) {
      if (isDigit(mapped)) out.char(mapped, i);
      else out.word(mapped, i);
      return i + 2;
    }
  }
  out.char(c, i);
  return i + 1;
}

function superscriptRun(s: string, i: number, out: Buf): number {
  let j = i;
  let content = "";
  for (; j < s.length; j++) {
    const mapped = SUPERSCRIPTS.get(s[j] as string);
    if (mapped === undefined) break;
    content += mapped;
  }
  // x² is x^2, but x⁻¹ needs parentheses to stay one exponent.
  const bare = /^(?:\d+|[a-z])$/.test(content);
  out.put("^", i);
  if (!bare) out.put("(", i);
  for (let k = 0; k < content.length; k++) out.put(content[k] as string, i + k);
  if (!bare) out.put(")", j - 1);
  return j;
}

function subscriptRun(s: string, i: number, out: Buf): number {
  out.put("_", i);
  let j = i;
  for (; j < s.length; j++) {
    const mapped = SUBSCRIPTS.get(s[j] as string);
    if (mapped === undefined) break;
    out.put(mapped, j);
  }
  return j;
}

/** The ASCII letter, digit or Greek name of a Mathematical Alphanumeric Symbol (Word pastes them). */
function mathAlphanumeric(s: string, i: number): string | undefined {
  const low = s.charCodeAt(i + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return undefined;
  const cp = 0x1d400 + (low - 0xdc00);
  if (cp <= 0x1d6a3) {
    const k = (cp - 0x1d400) % 52;
    return String.fromCharCode(k < 26 ? 65 + k : 97 + k - 26);
  }
  if (cp >= 0x1d6a8 && cp <= 0x1d7c9) return UNICODE_NAMES.get(MATH_GREEK[(cp - 0x1d6a8) % 58] as string);
  if (cp >= 0x1d7ce && cp <= 0x1d7ff) return String((cp - 0x1d7ce) % 10);
  return undefined;
}

function mixedNumber(ctx: Ctx, i: number, fraction: string): never {
  let at = i;
  while (at > 0 && (isDigit(ctx.s[at - 1]) || ctx.s[at - 1] === ".")) at--;
  const typed = ctx.input.slice(at, i + 1);
  const whole = ctx.s.slice(at, i);
  return fail(
    "ambiguous-mixed-number",
    at,
    i + 1 - at,
    { zh: `看不出“${typed}”是带分数还是乘法。`, en: `“${typed}” could be a mixed number or a product.` },
    {
      zh: `带分数请写成 ${whole}+${fraction}，乘法请写成 ${whole}*(${fraction})。`,
      en: `Write ${whole}+${fraction} for the mixed number, or ${whole}*(${fraction}) for the product.`,
    },
  );
}

// ---------------------------------------------------------------------------------------------
// LaTeX: detection and structure

const MATH_DELIMITERS: ReadonlyArray<readonly [string, string]> = [
  ["$$", "$$"],
  ["\\[", "\\]"],
  ["\\(", "\\)"],
  ["$", "$"],
];

// After a backslash these make it LaTeX even without a command name (\\, \,, \{ …). Not "\ ": in
// plain text that is a stray backslash, which the parser should report rather than we drop.
const CONTROL_SYMBOLS = new Set(["\\", ",", ";", ":", "!", ">", "{", "}", "|"]);
const CONTROL_SPACES = new Set([",", ";", ":", "!", ">", " ", "\t", "\n"]);

/** Decides the mode; for `$…$`, `\(…\)` and `\[…\]` it narrows ctx to the inside. */
function isLatex(s: string, ctx: Ctx): boolean {
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
function checkBraces(s: string, start: number, end: number): void {
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

function enter(ctx: Ctx, at: number): void {
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

function skipBlanks(ctx: Ctx, from: number): number {
  let k = from;
  while (k < ctx.end && isBlank(ctx.s[k])) k++;
  return k;
}

function isCommandAt(ctx: Ctx, i: number, name: string): boolean {
  const after = i + 1 + name.length;
  return after <= ctx.end && ctx.s.startsWith(`\\${name}`, i) && !(after < ctx.end && isLetter(ctx.s[after]));
}

function isRowEnd(ctx: Ctx, i: number): boolean {
  return i + 1 < ctx.end && ctx.s[i] === "\\" && ctx.s[i + 1] === "\\";
}

// ---------------------------------------------------------------------------------------------
// LaTeX: translation

/** Where a sequence of LaTeX items ends: input end, a closing }, the ] of \sqrt[…], or a matrix cell. */
type Stop = "top" | "brace" | "bracket" | "cell";

/** Translates items until the stop; returns the index of the stopper (not consumed) or ctx.end. */
function translateSeq(ctx: Ctx, from: number, out: Buf, stop: Stop, openedAt: number): number {
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
  if (c === "&") return misplacedAmpersand(ctx, i);
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

function bracket(ctx: Ctx, out: Buf, c: string, at: number, srcEnd: number): void {
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

const LATEX_WORDS = new Map<string, string>([
  ...GREEK_NAMES.map((n): [string, string] => [n, n]),
  ...pairs("varepsilon=epsilon vartheta=theta varphi=phi varrho=rho varsigma=sigma varkappa=kappa"),
  ...pairs("exp=exp ln=log log=log sin=sin cos=cos tan=tan sinh=sinh cosh=cosh tanh=tanh max=max min=min"),
]);

const LATEX_SYMBOLS = new Map<string, string>([
  ...pairs("cdot=* times=* ast=* div=/ top=' intercal='"),
  ["infty", "∞"], // the parser refuses ∞ typed directly; same message either way
  ...["quad", "qquad", "enspace", "thinspace", "medspace", "thickspace"].map((n): [string, string] => [n, " "]),
]);

const LATEX_DELIMITERS = new Map(pairs("lbrace=[ rbrace=] lbrack=[ rbrack=] lparen=( rparen=) vert=| lvert=| rvert=|"));

const SIZED_DELIMITERS = new Set(
  ["left", "right", "big", "Big", "bigg", "Bigg"].flatMap((n) =>
    n === "left" || n === "right" ? [n] : [n, `${n}l`, `${n}r`, `${n}m`],
  ),
);

const IGNORED = new Set([
  "displaystyle",
  "textstyle",
  "scriptstyle",
  "scriptscriptstyle",
  "limits",
  "nolimits",
  "hline",
]);
const FRACTIONS = new Set(["frac", "dfrac", "tfrac", "cfrac"]);
const FONTS = new Set(["mathbf", "boldsymbol", "bm", "mathit", "mathsf", "mathnormal", "mathbfit", "vec"]);
const NAMED = new Set(["mathrm", "operatorname"]);
const TEXTS = new Set(["text", "textrm", "textbf", "textit", "textsf", "textnormal", "mbox"]);
const ELLIPSES = new Set(["dots", "ldots", "cdots", "vdots", "ddots"]);
// Wrappers whose content may name a subscript: d_{\text{model}}.
const NAME_WRAPPERS = new Set([...FONTS, ...NAMED, ...TEXTS]);

function command(ctx: Ctx, i: number, out: Buf): number {
  const s = ctx.s;
  if (i + 1 >= ctx.end) return unknownCommand(ctx, i, i + 1);
  const next = s[i + 1] as string;
  if (!isLetter(next)) {
    if (next === "\\") {
      out.char("\n", i); // a line break outside a matrix separates answers
      return i + 2;
    }
    if (next === "{" || next === "}") {
      bracket(ctx, out, next === "{" ? "[" : "]", i, i + 2); // set braces \{1, 2\}
      return i + 2;
    }
    if (CONTROL_SPACES.has(next)) {
      out.char(" ", i);
      return i + 2;
    }
    return unknownCommand(ctx, i, i + 1 + codePointLength(s, i + 1));
  }
  let j = i + 1;
  while (j < ctx.end && isLetter(s[j])) j++;
  const name = s.slice(i + 1, j);
  const word = LATEX_WORDS.get(name);
  if (word !== undefined) {
    out.word(word, i);
    return j;
  }
  const symbol = LATEX_SYMBOLS.get(name);
  if (symbol !== undefined) {
    out.char(symbol, i);
    return j;
  }
  const delimiter = LATEX_DELIMITERS.get(name);
  if (delimiter !== undefined) {
    bracket(ctx, out, delimiter, i, j);
    return j;
  }
  if (IGNORED.has(name)) return j;
  if (SIZED_DELIMITERS.has(name)) return sizedDelimiter(ctx, i, j, out);
  if (FRACTIONS.has(name)) return fraction(ctx, i, j, out);
  if (name === "sqrt") return squareRoot(ctx, i, j, out);
  if (FONTS.has(name)) return font(ctx, i, j, out);
  if (NAMED.has(name)) return named(ctx, i, j, out);
  if (TEXTS.has(name)) return text(ctx, i, j, out);
  if (name === "begin") return environment(ctx, i, j, out);
  if (name === "end") return unexpectedEnd(ctx, i, j);
  return unknownCommand(ctx, i, j);
}

function codePointLength(s: string, i: number): number {
  const code = s.charCodeAt(i);
  const low = s.charCodeAt(i + 1);
  return code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

function sizedDelimiter(ctx: Ctx, i: number, j: number, out: Buf): number {
  const s = ctx.s;
  const k = skipBlanks(ctx, j);
  const d = s[k];
  if (k < ctx.end) {
    if (d === "(" || d === ")" || d === "[" || d === "]" || d === "|") {
      bracket(ctx, out, d, k, k + 1);
      return k + 1;
    }
    if (d === ".") return k + 1; // \left. is an invisible delimiter
    if (d === "\\" && (s[k + 1] === "{" || s[k + 1] === "}") && k + 1 < ctx.end) {
      bracket(ctx, out, s[k + 1] === "{" ? "[" : "]", k, k + 2);
      return k + 2;
    }
    if (d === "\\") {
      let e = k + 1;
      while (e < ctx.end && isLetter(s[e])) e++;
      const mapped = LATEX_DELIMITERS.get(s.slice(k + 1, e));
      if (mapped !== undefined) {
        bracket(ctx, out, mapped, k, e);
        return e;
      }
    }
  }
  const cmd = s.slice(i, j);
  return fail(
    "latex-bad-delimiter",
    i,
    j - i,
    { zh: `${cmd} 后面要跟一个括号。`, en: `${cmd} must be followed by a bracket.` },
    {
      zh: "例如 \\left( 和 \\right)，或 \\left[ 和 \\right]。",
      en: "For example \\left( and \\right), or \\left[ and \\right].",
    },
  );
}

interface Arg {
  /** Index of the argument's last input character (its } when braced). */
  last: number;
  /** Index just after the argument. */
  next: number;
}

/** Reads one TeX argument: a {group}, or a single letter, digit, command or symbol. */
function readArg(ctx: Ctx, from: number, out: Buf, cmdAt: number, cmdEnd: number): Arg {
  const s = ctx.s;
  const k = skipBlanks(ctx, from);
  const c = s[k];
  const m = out.mark();
  if (
    c === undefined ||
    k >= ctx.end ||
    c === "}" ||
    c === "&" ||
    c === "^" ||
    c === "_" ||
    isRowEnd(ctx, k) ||
    isCommandAt(ctx, k, "end")
  ) {
    return missingArgument(ctx, cmdAt, cmdEnd);
  }
  if (c === "{") {
    const close = translateSeq(ctx, k + 1, out, "brace", k);
    if (close >= ctx.end) return unclosedBrace(k);
    if (out.blankSince(m.len)) return missingArgument(ctx, cmdAt, cmdEnd, k, close + 1);
    return { last: close, next: close + 1 };
  }
  if (isLetter(c)) {
    out.word(c, k);
    return { last: k, next: k + 1 };
  }
  if (isDigit(c)) {
    if (out.tailIsWord()) out.put(" ", k);
    out.put(c, k); // \frac12 is 1 over 2: a TeX argument is one token
    return { last: k, next: k + 1 };
  }
  if (c === "\\" || c.charCodeAt(0) >= 0x80) {
    enter(ctx, k);
    const next = c === "\\" ? command(ctx, k, out) : plainChar(ctx, k, out);
    ctx.depth--;
    if (out.blankSince(m.len)) return missingArgument(ctx, cmdAt, cmdEnd, k, next);
    return { last: next - 1, next };
  }
  // \sqrt(2): TeX would take the "(" alone, which is never what was meant.
  return missingArgument(ctx, cmdAt, cmdEnd);
}

function fraction(ctx: Ctx, i: number, j: number, out: Buf): number {
  out.putStr("((", i);
  const a = readArg(ctx, j, out, i, j);
  out.put(")", a.last);
  const b0 = skipBlanks(ctx, a.next);
  out.putStr("/(", b0);
  const b = readArg(ctx, b0, out, i, j);
  out.putStr("))", b.last);
  return b.next;
}

function squareRoot(ctx: Ctx, i: number, j: number, out: Buf): number {
  const s = ctx.s;
  let k = skipBlanks(ctx, j);
  if (s[k] === "[" && k < ctx.end) {
    const index = new Buf();
    const close = translateSeq(ctx, k + 1, index, "bracket", k);
    if (close >= ctx.end || s[close] !== "]") {
      return fail(
        "latex-unclosed-bracket",
        k,
        1,
        { zh: "\\sqrt 后面的 [ 没有对应的 ]。", en: "The [ after \\sqrt is never closed." },
        {
          zh: "n 次方根写成 \\sqrt[n]{x}，例如 \\sqrt[3]{8}。",
          en: "Write an n-th root as \\sqrt[n]{x}, e.g. \\sqrt[3]{8}.",
        },
      );
    }
    k = close + 1;
    if (!index.blankSince(0)) {
      // ((x)^(1/(n))): the index comes out after the radicand it follows in the input.
      out.putStr("((", i);
      const a = readArg(ctx, k, out, i, j);
      out.putStr(")^(1/(", a.last);
      out.append(index);
      out.putStr(")))", a.last);
      return a.next;
    }
  }
  out.word("sqrt", i);
  out.put("(", i);
  const a = readArg(ctx, k, out, i, j);
  out.put(")", a.last);
  return a.next;
}

const SIMPLE_ATOM = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?)$/;

/** \mathbf{x} and friends: the letter itself (bold is only typography). */
function font(ctx: Ctx, i: number, j: number, out: Buf): number {
  const inner = new Buf();
  const a = readArg(ctx, j, inner, i, j);
  if (SIMPLE_ATOM.test(inner.text().trim())) {
    out.append(inner);
  } else {
    out.put("(", i);
    out.append(inner);
    out.put(")", a.last);
  }
  return a.next;
}

/** \mathrm{e}, \operatorname{softmax}: upright letters are one name. */
function named(ctx: Ctx, i: number, j: number, out: Buf): number {
  const s = ctx.s;
  const k = s[j] === "*" && j < ctx.end ? j + 1 : j;
  const open = skipBlanks(ctx, k);
  if (s[open] === "{" && isLetter(s[open + 1])) {
    let e = open + 1;
    while (e < ctx.end && (isLetter(s[e]) || isDigit(s[e]))) e++;
    if (s[e] === "}" && e < ctx.end) {
      out.word(s.slice(open + 1, e), open + 1, true);
      return e + 1;
    }
  }
  return font(ctx, i, k, out);
}

function text(ctx: Ctx, i: number, j: number, out: Buf): number {
  const s = ctx.s;
  const open = skipBlanks(ctx, j);
  if (open >= ctx.end) return missingArgument(ctx, i, j);
  if (s[open] !== "{") return textNotAllowed(i, j);
  let depth = 0;
  let k = open;
  for (; k < ctx.end; k++) {
    const c = s[k];
    if (c === "\\") {
      k++;
    } else if (c === "{") {
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0) break;
    }
  }
  if (k >= ctx.end) return unclosedBrace(open);
  for (let q = open + 1; q < k; q++) if (!isBlank(s[q])) return textNotAllowed(i, k + 1);
  out.char(" ", i);
  return k + 1;
}

// ---------------------------------------------------------------------------------------------
// LaTeX: superscripts and subscripts

function superscript(ctx: Ctx, i: number, out: Buf): number {
  const s = ctx.s;
  const k = skipBlanks(ctx, i + 1);
  const c = s[k];
  if (k >= ctx.end || c === "}" || c === "&" || c === "^" || c === "_" || isRowEnd(ctx, k)) {
    return missingArgument(ctx, i, i + 1);
  }
  if (c === "{") {
    const inner = new Buf();
    const close = translateSeq(ctx, k + 1, inner, "brace", k);
    if (close >= ctx.end) return unclosedBrace(k);
    const t = inner.text().trim();
    if (t === "") return missingArgument(ctx, i, i + 1, k, close + 1);
    if (t === "T" || t === "'") {
      out.put("'", i); // A^{T}, A^{\top}, A^{\mathsf{T}} are transposes
      return close + 1;
    }
    out.put("^", i);
    out.put("(", k);
    out.append(inner);
    out.put(")", close);
    return close + 1;
  }
  if (c === "T") {
    out.put("'", i);
    return k + 1;
  }
  for (const name of ["top", "intercal"]) {
    if (isCommandAt(ctx, k, name)) {
      out.put("'", i);
      return k + 1 + name.length;
    }
  }
  // x^2, x^-1, 2^10, e^\pi: the exponent is read as the plain syntax reads it (TeX would take one
  // token, making 2^10 into 2¹0, which nobody means).
  out.put("^", i);
  return i + 1;
}

interface Name {
  chars: string[];
  pos: number[];
}

function addName(name: Name, text: string, at: number): void {
  for (const c of text) {
    name.chars.push(c);
    name.pos.push(at);
  }
}

function subscript(ctx: Ctx, i: number, out: Buf): number {
  if (!out.tailIsIdent()) {
    return fail(
      "latex-subscript-target",
      i,
      1,
      { zh: "下标只能写在变量名后面。", en: "A subscript can only follow a variable name." },
      {
        zh: "例如 x_1、d_k；同时有上标时先写下标：x_1^2。",
        en: "For example x_1 or d_k; with an exponent, write the subscript first: x_1^2.",
      },
    );
  }
  const s = ctx.s;
  const k = skipBlanks(ctx, i + 1);
  const name: Name = { chars: [], pos: [] };
  let next = k;
  if (k >= ctx.end) {
    next = k;
  } else if (s[k] === "{") {
    next = nameGroup(ctx, k, name);
  } else if (isDigit(s[k])) {
    // x_12 is x₁₂ as meant (TeX would read x₁·2); a letter stays one token: a_1b_1 is a₁·b₁.
    while (next < ctx.end && isDigit(s[next])) {
      addName(name, s[next] as string, next);
      next++;
    }
  } else {
    next = namePart(ctx, k, name, false);
  }
  if (name.chars.length === 0) return badSubscript(i, Math.max(1, next - i));
  out.put("_", i);
  for (let q = 0; q < name.chars.length; q++) out.put(name.chars[q] as string, name.pos[q] as number);
  return next;
}

function nameGroup(ctx: Ctx, open: number, name: Name): number {
  enter(ctx, open);
  let k = open + 1;
  while (k < ctx.end && ctx.s[k] !== "}") k = namePart(ctx, k, name, true);
  if (k >= ctx.end) return unclosedBrace(open);
  ctx.depth--;
  return k + 1;
}

/** One piece of a subscript name: a letter, digit, Greek letter, or a font/text wrapper around them. */
function namePart(ctx: Ctx, k: number, name: Name, inGroup: boolean): number {
  const s = ctx.s;
  const c = s[k] as string;
  if (isLetter(c) || isDigit(c)) {
    addName(name, c, k);
    return k + 1;
  }
  if (inGroup && isBlank(c)) return k + 1;
  if (inGroup && c === "{") return nameGroup(ctx, k, name);
  if (c === "\\") {
    let e = k + 1;
    while (e < ctx.end && isLetter(s[e])) e++;
    const cmd = s.slice(k + 1, e);
    const greek = LATEX_WORDS.get(cmd);
    if (greek !== undefined && GREEK_NAMES.includes(greek)) {
      addName(name, greek, k);
      return e;
    }
    if (NAME_WRAPPERS.has(cmd)) {
      const a = skipBlanks(ctx, e);
      if (a < ctx.end && s[a] === "{") return nameGroup(ctx, a, name);
      if (isLetter(s[a]) || isDigit(s[a])) {
        addName(name, s[a] as string, a);
        return a + 1;
      }
    }
    if (inGroup && e === k + 1 && CONTROL_SPACES.has(s[k + 1] as string)) return k + 2;
    // A lone backslash at the very end is one character, not two.
    return badSubscript(k, Math.min(Math.max(e, k + 2), ctx.end) - k);
  }
  const greek = UNICODE_NAMES.get(c);
  if (greek !== undefined) {
    addName(name, greek, k);
    return k + 1;
  }
  if (s.charCodeAt(k) === 0xd835) {
    const mapped = mathAlphanumeric(s, k);
    if (mapped !== undefined) {
      addName(name, mapped, k);
      return k + 2;
    }
  }
  return badSubscript(k, codePointLength(s, k));
}

// ---------------------------------------------------------------------------------------------
// LaTeX: environments

const MATRIX_ENVIRONMENTS = new Set(["matrix", "pmatrix", "bmatrix", "Bmatrix", "smallmatrix", "array"]);
// Matrices with no brackets of their own, often wrapped in \left[ … \right].
const BARE_MATRICES = new Set(["matrix", "smallmatrix", "array"]);
const LINE_ENVIRONMENTS = new Set(["aligned", "align", "align*", "gathered", "gather", "gather*", "split"]);

function environment(ctx: Ctx, i: number, j: number, out: Buf): number {
  const env = environmentName(ctx, i, j);
  if (MATRIX_ENVIRONMENTS.has(env.name)) return matrix(ctx, i, env.next, env.name, out);
  if (LINE_ENVIRONMENTS.has(env.name)) return lines(ctx, i, env.next, env.name, out);
  if (env.name === "vmatrix" || env.name === "Vmatrix") return determinant(i, env.next, env.name);
  return fail(
    "latex-unknown-environment",
    i,
    env.next - i,
    { zh: `不支持 ${env.name} 环境。`, en: `The ${env.name} environment is not supported.` },
    MATRIX_HINT,
  );
}

const MATRIX_HINT: AnswerText = {
  zh: "矩阵请用 bmatrix 或 pmatrix，例如 \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}。",
  en: "For a matrix use bmatrix or pmatrix, e.g. \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}.",
};

interface EnvironmentName {
  name: string;
  /** Index just after the closing } of the name. */
  next: number;
}

function environmentName(ctx: Ctx, cmdAt: number, from: number): EnvironmentName {
  const s = ctx.s;
  const open = skipBlanks(ctx, from);
  if (s[open] === "{" && open < ctx.end) {
    let e = open + 1;
    while (e < ctx.end && (isLetter(s[e]) || s[e] === "*")) e++;
    if (s[e] === "}" && e > open + 1 && e < ctx.end) return { name: s.slice(open + 1, e), next: e + 1 };
  }
  const cmd = s.slice(cmdAt, from);
  return fail(
    "latex-bad-environment",
    cmdAt,
    from - cmdAt,
    { zh: `${cmd} 后面要写环境名。`, en: `${cmd} must be followed by an environment name.` },
    { zh: `例如 ${cmd}{bmatrix}。`, en: `For example ${cmd}{bmatrix}.` },
  );
}

function matrix(ctx: Ctx, beginAt: number, from: number, name: string, out: Buf): number {
  const s = ctx.s;
  enter(ctx, beginAt);
  ctx.envDepth++;
  const k0 = name === "array" ? arrayColumns(ctx, beginAt, from) : from;
  const wrapper = BARE_MATRICES.has(name) ? wrapperBefore(ctx, out, beginAt) : undefined;
  if (wrapper?.char === "|") return determinant(beginAt, from, "|…|");
  const matrixStart = out.length;
  out.put("[", beginAt);
  out.put("[", skipBlanks(ctx, k0));
  let k = k0;
  let cells = 0; // cells already finished in the current row
  let rowMark: Mark | undefined; // the output before the latest row break, to undo a trailing \\
  for (;;) {
    const cellStart = k;
    const m = out.mark();
    // Blanks around an entry are LaTeX layout: [[1, 2], [3, 4]] reads better than [[ 1 ,  2 ]].
    const stop = translateSeq(ctx, skipBlanks(ctx, k), out, "cell", beginAt);
    if (stop >= ctx.end || s[stop] === "}") return unclosedEnvironment(beginAt, from, name);
    const blank = out.blankSince(m.len);
    out.trimEnd(m.len);
    if (s[stop] === "&") {
      if (blank) emptyCell(cellStart, stop, 1);
      out.putStr(", ", stop);
      cells++;
      k = stop + 1;
    } else if (isRowEnd(ctx, stop)) {
      if (blank) emptyCell(cellStart, stop, 2);
      rowMark = out.mark();
      out.putStr("],", stop);
      out.putStr(" [", skipBlanks(ctx, stop + 2));
      cells = 0;
      k = stop + 2;
    } else {
      const closing = environmentName(ctx, stop, stop + 4);
      if (closing.name !== name) return environmentMismatch(name, stop, closing);
      if (blank) {
        if (rowMark !== undefined && cells === 0) out.reset(rowMark);
        else emptyCell(cellStart, stop, closing.next - stop);
      }
      out.putStr("]]", stop);
      ctx.envDepth--;
      ctx.depth--;
      return wrapper === undefined ? closing.next : dropWrapper(ctx, out, wrapper, matrixStart, closing.next);
    }
  }
}

function lines(ctx: Ctx, beginAt: number, from: number, name: string, out: Buf): number {
  const s = ctx.s;
  enter(ctx, beginAt);
  ctx.envDepth++;
  let k = from;
  for (;;) {
    const stop = translateSeq(ctx, k, out, "cell", beginAt);
    if (stop >= ctx.end || s[stop] === "}") return unclosedEnvironment(beginAt, from, name);
    if (s[stop] === "&") {
      k = stop + 1; // an alignment point, not a separator
    } else if (isRowEnd(ctx, stop)) {
      out.char("\n", stop);
      k = stop + 2;
    } else {
      const closing = environmentName(ctx, stop, stop + 4);
      if (closing.name !== name) return environmentMismatch(name, stop, closing);
      ctx.envDepth--;
      ctx.depth--;
      return closing.next;
    }
  }
}

function arrayColumns(ctx: Ctx, beginAt: number, from: number): number {
  const s = ctx.s;
  const open = skipBlanks(ctx, from);
  if (s[open] === "{" && open < ctx.end) {
    let e = open + 1;
    let columns = 0;
    for (; e < ctx.end; e++) {
      const c = s[e] as string;
      if (c === "l" || c === "c" || c === "r") columns++;
      else if (c !== "|" && !isBlank(c)) break;
    }
    if (s[e] === "}" && e < ctx.end && columns > 0) return e + 1;
  }
  return fail(
    "latex-array-columns",
    beginAt,
    from - beginAt,
    { zh: "array 环境需要写明列格式。", en: "The array environment needs a column spec." },
    { zh: "例如 \\begin{array}{cc}，每个 c 代表一列。", en: "For example \\begin{array}{cc}, one c per column." },
  );
}

/** The bracket just before a bare matrix (only blanks in between), if any. */
function wrapperBefore(ctx: Ctx, out: Buf, beginAt: number): OpenBracket | undefined {
  const w = ctx.lastOpen;
  ctx.lastOpen = undefined; // looked at once, so a long gap is never rescanned
  if (w === undefined || w.buf !== out || w.index >= out.length || out.chars[w.index] !== w.char) return undefined;
  for (let q = w.srcEnd; q < beginAt; q++) if (!isBlank(ctx.s[q])) return undefined;
  return out.blankSince(w.index + 1) ? w : undefined;
}

/** `\left[` matrix `\right]` is one matrix: drop the wrapper if its partner follows right away. */
function dropWrapper(ctx: Ctx, out: Buf, w: OpenBracket, matrixStart: number, from: number): number {
  const s = ctx.s;
  const want = w.char === "(" ? ")" : "]";
  const k = skipBlanks(ctx, from);
  let after = -1;
  if (k < ctx.end && s[k] === want) {
    after = k + 1;
  } else if (k < ctx.end && s[k] === "\\") {
    let e = k + 1;
    while (e < ctx.end && isLetter(s[e])) e++;
    if (SIZED_DELIMITERS.has(s.slice(k + 1, e))) {
      const d = skipBlanks(ctx, e);
      if (d < ctx.end && s[d] === want) after = d + 1;
    }
  }
  if (after < 0) return from;
  // The bracket and the blanks after it (wrapperBefore saw only blanks there).
  for (let q = w.index; q < matrixStart; q++) out.chars[q] = "";
  ctx.brackets--;
  ctx.lastOpen = undefined;
  return after;
}

// ---------------------------------------------------------------------------------------------
// √ ∛ ∜ typed as symbols: each applies to the atom right after it

/** Rewrites √2 as sqrt(2), √(x+1) as sqrt(x+1), ∛x as ((x)^(1/3)); everything else is copied. */
function expandRoots(draft: Buf): { chars: string[]; pos: number[] } {
  const t: string[] = [];
  const p: number[] = [];
  let roots = false;
  for (let k = 0; k < draft.chars.length; k++) {
    const c = draft.chars[k] as string;
    if (c === "") continue;
    if (ROOTS.has(c)) roots = true;
    t.push(c);
    p.push(draft.pos[k] as number);
  }
  if (!roots) return { chars: t, pos: p };
  const n = t.length;
  const close = new Int32Array(n).fill(-1);
  const open: number[] = [];
  for (let k = 0; k < n; k++) {
    if (t[k] === "(") open.push(k);
    else if (t[k] === ")") {
      const o = open.pop();
      if (o !== undefined) close[o] = k;
    }
  }
  // Right to left, so a chain √√x finds its operand's end in O(1).
  const end = new Int32Array(n).fill(-1);
  const direct = new Uint8Array(n);
  for (let k = n - 1; k >= 0; k--) {
    if (!ROOTS.has(t[k] as string)) continue;
    let j = k + 1;
    while (t[j] === " ") j++;
    const c = t[j];
    if (c === undefined) continue;
    if (ROOTS.has(c)) {
      end[k] = end[j] as number;
    } else if (c === "(") {
      end[k] = close[j] as number;
      direct[k] = 1;
    } else if (isDigit(c) || (c === "." && isDigit(t[j + 1]))) {
      end[k] = numberEnd(t, j) - 1;
    } else if (isLetter(c) || c === "_") {
      let e = j;
      while (isWordChar(t[e])) e++;
      if (t[e] === "(" && (close[e] as number) >= 0) e = (close[e] as number) + 1;
      end[k] = e - 1;
    }
  }
  const out = new Buf();
  const suffixes = new Map<number, string[]>();
  for (let k = 0; k < n; k++) {
    const c = t[k] as string;
    const at = p[k] as number;
    const e = end[k] as number;
    if (!ROOTS.has(c)) {
      out.put(c, at);
    } else if (e < 0) {
      if (c === "√") out.word("sqrt", at);
      else out.put(c, at); // nothing to take the root of: the parser reports the symbol
    } else {
      const list = suffixes.get(e) ?? [];
      suffixes.set(e, list);
      if (c === "√") {
        out.word("sqrt", at);
        if (!direct[k]) {
          out.put("(", at);
          list.push(")");
        }
      } else {
        const r = c === "∛" ? "3" : "4";
        out.putStr(direct[k] ? "(" : "((", at);
        list.push(`${direct[k] ? "" : ")"}^(1/${r}))`);
      }
    }
    const list = suffixes.get(k);
    if (list !== undefined) {
      // The innermost root registered last and closes first.
      for (let q = list.length - 1; q >= 0; q--) out.putStr(list[q] as string, at);
    }
  }
  return out;
}

function numberEnd(t: string[], from: number): number {
  let j = from;
  while (isDigit(t[j])) j++;
  if (t[j] === "." && isDigit(t[j + 1])) {
    j++;
    while (isDigit(t[j])) j++;
  }
  if (t[j] === "e" || t[j] === "E") {
    let k = j + 1;
    if (t[k] === "+" || t[k] === "-") k++;
    if (isDigit(t[k])) {
      j = k;
      while (isDigit(t[j])) j++;
    }
  }
  return j;
}

// ---------------------------------------------------------------------------------------------
// Errors

const BRACE_HINT: AnswerText = { zh: "每个 { 都需要一个对应的 }。", en: "Every { needs a matching }." };

function unclosedBrace(at: number): never {
  return fail(
    "latex-unclosed-brace",
    at,
    1,
    { zh: "这个 { 没有对应的 }。", en: "This { is never closed." },
    BRACE_HINT,
  );
}

function unmatchedBrace(at: number): never {
  return fail(
    "latex-unmatched-brace",
    at,
    1,
    { zh: "这个 } 前面没有对应的 {。", en: "This } has no matching {." },
    BRACE_HINT,
  );
}

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

function unknownCommand(ctx: Ctx, at: number, end: number): never {
  const cmd = shorten(ctx.s.slice(at, end));
  const name = cmd.slice(1);
  if (end - at === 1) {
    return fail(
      "latex-unknown-command",
      at,
      1,
      { zh: "这里多了一个反斜杠 \\。", en: "There is a stray backslash \\ here." },
      { zh: "LaTeX 命令是反斜杠加名字，例如 \\frac。", en: "A LaTeX command is a backslash and a name, e.g. \\frac." },
    );
  }
  let hint: AnswerText = {
    zh: "可以改用普通写法，例如 sqrt(2)、2*x、[[1, 2], [3, 4]]。",
    en: "Try plain notation instead, e.g. sqrt(2), 2*x, [[1, 2], [3, 4]].",
  };
  if (ELLIPSES.has(name)) {
    hint = { zh: "省略号没法计算，请把每一项都写出来。", en: "An ellipsis can't be evaluated: write every entry out." };
  } else if (name === "pm" || name === "mp") {
    hint = {
      zh: "± 代表两个结果，请把两个都写出来，例如 1, -1。",
      en: "± stands for two results: write both, e.g. 1, -1.",
    };
  }
  return fail(
    "latex-unknown-command",
    at,
    end - at,
    { zh: `不支持 LaTeX 命令 ${cmd}。`, en: `The LaTeX command ${cmd} is not supported.` },
    hint,
  );
}

const ARGUMENT_EXAMPLES = new Map([
  ...["frac", "dfrac", "tfrac", "cfrac"].map((n): [string, string] => [`\\${n}`, `\\${n}{1}{2}`]),
  ["\\sqrt", "\\sqrt{2}"],
  ["^", "x^{2}"],
]);

function missingArgument(ctx: Ctx, cmdAt: number, cmdEnd: number, at = cmdAt, end = cmdEnd): never {
  const cmd = ctx.s.slice(cmdAt, cmdEnd);
  const example = ARGUMENT_EXAMPLES.get(cmd) ?? `${cmd}{x}`;
  return fail(
    "latex-missing-argument",
    at,
    end - at,
    { zh: `${cmd} 后面缺少内容。`, en: `${cmd} is missing its argument.` },
    { zh: `内容要用 { } 括起来，例如 ${example}。`, en: `Put it in braces, e.g. ${example}.` },
  );
}

function textNotAllowed(at: number, end: number): never {
  return fail(
    "latex-text",
    at,
    end - at,
    { zh: "答案里不能有文字（\\text{…}）。", en: "Text (\\text{…}) can't be part of an answer." },
    { zh: "只写数学式子；变量名直接写字母即可。", en: "Write only the math; type variable names as plain letters." },
  );
}

function misplacedAmpersand(ctx: Ctx, at: number): never {
  const inside = ctx.envDepth > 0;
  return fail(
    "latex-misplaced-ampersand",
    at,
    1,
    inside
      ? { zh: "& 不能放在 { } 里面。", en: "& can't be inside a { } group." }
      : {
          zh: "& 只能在矩阵里使用，用来分隔同一行的元素。",
          en: "& can only be used inside a matrix, to separate the entries of a row.",
        },
    MATRIX_HINT,
  );
}

function misplacedLineBreak(at: number): never {
  return fail(
    "latex-misplaced-line-break",
    at,
    2,
    { zh: "换行 \\\\ 不能放在 { } 里面。", en: "A line break \\\\ can't be inside a { } group." },
    {
      zh: "矩阵换行的 \\\\ 要直接写在 \\begin 和 \\end 之间。",
      en: "Put the \\\\ that ends a matrix row directly between \\begin and \\end.",
    },
  );
}

function badSubscript(at: number, length: number): never {
  return fail(
    "latex-bad-subscript",
    at,
    length,
    { zh: "下标里只能有字母和数字。", en: "A subscript can only contain letters and digits." },
    { zh: "例如 x_1、x_{ij}、d_{\\text{model}}。", en: "For example x_1, x_{ij}, d_{\\text{model}}." },
  );
}

function determinant(at: number, end: number, name: string): never {
  return fail(
    "latex-determinant",
    at,
    end - at,
    { zh: `${name} 表示行列式，不是矩阵。`, en: `${name} denotes a determinant, not a matrix.` },
    {
      zh: "写矩阵请用 bmatrix 或 pmatrix；如果要填行列式的值，请直接写出这个数。",
      en: "For a matrix use bmatrix or pmatrix; if the determinant's value is asked for, enter that number.",
    },
  );
}

function unclosedEnvironment(beginAt: number, nameEnd: number, name: string): never {
  return fail(
    "latex-unclosed-environment",
    beginAt,
    nameEnd - beginAt,
    { zh: `\\begin{${name}} 没有对应的 \\end{${name}}。`, en: `\\begin{${name}} has no matching \\end{${name}}.` },
    {
      zh: `在最后加上 \\end{${name}}，并且不要让 { } 把 \\begin 和 \\end 隔开。`,
      en: `Add \\end{${name}} after the last entry, and don't let a { } group split the pair.`,
    },
  );
}

function unexpectedEnd(ctx: Ctx, at: number, j: number): never {
  const env = environmentName(ctx, at, j);
  return fail(
    "latex-unexpected-end",
    at,
    env.next - at,
    {
      zh: `这个 \\end{${env.name}} 前面没有对应的 \\begin{${env.name}}。`,
      en: `This \\end{${env.name}} has no matching \\begin{${env.name}}.`,
    },
    {
      zh: "\\begin 和 \\end 要成对出现，而且不能被 { } 隔开。",
      en: "\\begin and \\end come in pairs, and a { } group can't split them.",
    },
  );
}

function environmentMismatch(name: string, endAt: number, closing: EnvironmentName): never {
  return fail(
    "latex-environment-mismatch",
    endAt,
    closing.next - endAt,
    {
      zh: `\\begin{${name}} 应该用 \\end{${name}} 结束，这里却是 \\end{${closing.name}}。`,
      en: `\\begin{${name}} must end with \\end{${name}}, not \\end{${closing.name}}.`,
    },
    { zh: `把它改成 \\end{${name}}。`, en: `Change it to \\end{${name}}.` },
  );
}

function emptyCell(cellStart: number, separatorAt: number, separatorLength: number): never {
  const blank = separatorAt > cellStart;
  return fail(
    "latex-empty-cell",
    blank ? cellStart : separatorAt,
    blank ? separatorAt - cellStart : separatorLength,
    { zh: "矩阵里有一个元素是空的。", en: "A matrix entry is empty." },
    {
      zh: "每个 & 的两边都要有元素，行末不要多写 &。",
      en: "Put an entry on both sides of every &, and don't end a row with &.",
    },
  );
}
