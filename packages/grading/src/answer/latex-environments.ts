// LaTeX environments: matrices (bmatrix, pmatrix, array, …) become nested brackets, one row per \\;
// aligned lines become separate answers; determinants and other environments are refused.

import {
  determinant,
  emptyCell,
  environmentMismatch,
  fail,
  MATRIX_HINT,
  unclosedEnvironment,
} from "./answer-problems.ts";
import { SIZED_DELIMITERS } from "./latex-commands.ts";
import { type Ctx, enter, isRowEnd, type OpenBracket, skipBlanks, translateSeq } from "./latex-to-plain.ts";
import { type Buf, isBlank, isLetter, type Mark } from "./plain-output.ts";

const MATRIX_ENVIRONMENTS = new Set(["matrix", "pmatrix", "bmatrix", "Bmatrix", "smallmatrix", "array"]);
// Matrices with no brackets of their own, often wrapped in \left[ … \right].
const BARE_MATRICES = new Set(["matrix", "smallmatrix", "array"]);
const LINE_ENVIRONMENTS = new Set(["aligned", "align", "align*", "gathered", "gather", "gather*", "split"]);

/** Translates the environment whose \begin is at i (its name starts at j); returns the index after its \end. */
export function environment(ctx: Ctx, i: number, j: number, out: Buf): number {
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

/** An environment's name as read after \begin or \end. */
export interface EnvironmentName {
  name: string;
  /** Index just after the closing } of the name. */
  next: number;
}

/** Reads the {name} after the \begin or \end at cmdAt, or refuses the answer. */
export function environmentName(ctx: Ctx, cmdAt: number, from: number): EnvironmentName {
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
