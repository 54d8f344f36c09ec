// Unicode math and Chinese IME forms, read character by character in both modes (plain text and
// between LaTeX commands): − × ÷ become - * /, Greek letters become names (π → pi), x² and x₁
// become x^2 and x_1, ½ becomes (1/2), Word's math italic 𝑥 becomes x, 0。5 is 0.5, and the IME's
// —— and …… are _ and ^. Anything else is copied as typed for the parser to report.

import { fail } from "./answer-problems.ts";
import { type Buf, isBlank, isDigit } from "./plain-output.ts";

/** The text being read: what the learner typed and the same text with full-width forms folded. */
export interface TypedText {
  /** The learner's input, for quoting it in messages. */
  input: string;
  /** The input with full-width forms folded; same length and indices as `input`. */
  s: string;
  /** From here to the end there is only whitespace and ideographic full stops. */
  trailingFrom: number;
}

function isStop(c: string | undefined): boolean {
  return c === "。" || c === "｡";
}

/** Where the trailing run of blanks and ideographic full stops (。 ending a sentence) begins. */
export function trailingStopsStart(s: string): number {
  let k = s.length;
  while (k > 0 && (isBlank(s[k - 1]) || isStop(s[k - 1]))) k--;
  return k;
}

/** Pairs the i-th character of `keys` with the i-th value. */
function table(keys: string, values: readonly string[]): Map<string, string> {
  return new Map([...keys].map((k, i): [string, string] => [k, values[i] as string]));
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

/** The Greek letters' names, as the plain syntax and LaTeX spell them (`alpha`, …, `Omega`). */
export const GREEK_NAMES = (
  "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi chi psi " +
  "omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
).split(" ");

/** Greek letters typed as symbols (λ, ϵ, ℎ), each with its name in the plain syntax. */
export const UNICODE_NAMES = new Map<string, string>([
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

/** Handles the character(s) at i outside LaTeX syntax; returns the next index. */
export function plainChar(ctx: TypedText, i: number, out: Buf): number {
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
export function mathAlphanumeric(s: string, i: number): string | undefined {
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

function mixedNumber(ctx: TypedText, i: number, fraction: string): never {
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
