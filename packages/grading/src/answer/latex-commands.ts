// LaTeX commands: names (\pi, \sin), operators (\cdot), delimiters (\left( … \right)), and the
// commands with arguments (\frac, \sqrt, fonts, \operatorname, \text), each written in the plain
// syntax; \begin hands over to the environments.

import {
  fail,
  missingArgument,
  textNotAllowed,
  unclosedBrace,
  unexpectedEnd,
  unknownCommand,
} from "./answer-problems.ts";
import { environment, environmentName } from "./latex-environments.ts";
import {
  bracket,
  CONTROL_SPACES,
  type Ctx,
  enter,
  isCommandAt,
  isRowEnd,
  skipBlanks,
  translateSeq,
} from "./latex-to-plain.ts";
import { Buf, codePointLength, isBlank, isDigit, isLetter } from "./plain-output.ts";
import { GREEK_NAMES, plainChar } from "./unicode-math.ts";

/** "a=b c=d" as [["a", "b"], ["c", "d"]]. */
function pairs(list: string): [string, string][] {
  return list.split(" ").map((pair): [string, string] => {
    const [k, v] = pair.split("=");
    return [k as string, v as string];
  });
}

/** Commands that are a name in the plain syntax: \alpha → alpha, \varphi → phi, \ln → log. */
export const LATEX_WORDS = new Map<string, string>([
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

/** \left, \right and the \big family: each is followed by the delimiter it sizes. */
export const SIZED_DELIMITERS = new Set(
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
// Wrappers whose content may name a subscript: d_{\text{model}}.
export const NAME_WRAPPERS = new Set([...FONTS, ...NAMED, ...TEXTS]);

/** Translates the command whose backslash is at i; returns the index after it and its arguments. */
export function command(ctx: Ctx, i: number, out: Buf): number {
  const s = ctx.s;
  if (i + 1 >= ctx.end) return unknownCommand(ctx.s, i, i + 1);
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
    return unknownCommand(ctx.s, i, i + 1 + codePointLength(s, i + 1));
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
  if (name === "end") return unexpectedEnd(i, environmentName(ctx, i, j));
  return unknownCommand(ctx.s, i, j);
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
    return missingArgument(ctx.s, cmdAt, cmdEnd);
  }
  if (c === "{") {
    const close = translateSeq(ctx, k + 1, out, "brace", k);
    if (close >= ctx.end) return unclosedBrace(k);
    if (out.blankSince(m.len)) return missingArgument(ctx.s, cmdAt, cmdEnd, k, close + 1);
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
    if (out.blankSince(m.len)) return missingArgument(ctx.s, cmdAt, cmdEnd, k, next);
    return { last: next - 1, next };
  }
  // \sqrt(2): TeX would take the "(" alone, which is never what was meant.
  return missingArgument(ctx.s, cmdAt, cmdEnd);
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
  if (open >= ctx.end) return missingArgument(ctx.s, i, j);
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
