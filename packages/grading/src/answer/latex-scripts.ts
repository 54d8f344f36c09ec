// LaTeX superscripts and subscripts: x^{2} is x^(2), A^T and A^{\top} are transposes, and a
// subscript becomes part of the name before it (x_{12} is x_12, d_{\text{model}} is d_model).

import { badSubscript, fail, missingArgument, unclosedBrace } from "./answer-problems.ts";
import { LATEX_WORDS, NAME_WRAPPERS } from "./latex-commands.ts";
import { CONTROL_SPACES, type Ctx, enter, isCommandAt, isRowEnd, skipBlanks, translateSeq } from "./latex-to-plain.ts";
import { Buf, codePointLength, isBlank, isDigit, isLetter } from "./plain-output.ts";
import { GREEK_NAMES, mathAlphanumeric, UNICODE_NAMES } from "./unicode-math.ts";

/** Translates the ^ at i and its exponent; returns the index after them. */
export function superscript(ctx: Ctx, i: number, out: Buf): number {
  const s = ctx.s;
  const k = skipBlanks(ctx, i + 1);
  const c = s[k];
  if (k >= ctx.end || c === "}" || c === "&" || c === "^" || c === "_" || isRowEnd(ctx, k)) {
    return missingArgument(ctx.s, i, i + 1);
  }
  if (c === "{") {
    const inner = new Buf();
    const close = translateSeq(ctx, k + 1, inner, "brace", k);
    if (close >= ctx.end) return unclosedBrace(k);
    const t = inner.text().trim();
    if (t === "") return missingArgument(ctx.s, i, i + 1, k, close + 1);
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

/** Glues the subscript at i to the name just written; returns the index after it. */
export function subscript(ctx: Ctx, i: number, out: Buf): number {
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
