// Pasting a whole matrix into one cell of an answer grid fills the grid. Learners paste what
// numpy prints, what they typed elsewhere, or a LaTeX matrix; this reads the rows and entries
// out of it and leaves each entry's own syntax to the grader. Full-width forms are folded by the
// grader's own folding, so a pasted entry reads exactly as the same entry typed into its cell.

import { foldFullWidth } from "@llm-basics/grading/full-width";

/**
 * The rows of entries in pasted text, or undefined when it is a single entry (an ordinary
 * paste into one cell): `[[1,2],[3,4]]`, `[1, 2; 3, 4]`, `1, 2; 3, 4`, rows on lines (entries
 * separated by commas, tabs or spaces), numpy's `[[1. 2.]\n [3. 4.]]` and
 * `\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}` all give `[["1", "2"], ["3", "4"]]`.
 */
export function parseGridPaste(text: string): string[][] | undefined {
  let body = foldFullWidth(text).trim();
  const latex = /\\begin\{[a-zA-Z]*matrix\*?\}([\s\S]*?)\\end\{[a-zA-Z]*matrix\*?\}/.exec(body);
  let rows: string[];
  let entrySeparator: RegExp | undefined;
  if (latex) {
    rows = (latex[1] as string).split(/\\\\/);
    entrySeparator = /&/;
  } else {
    body = stripOuterBrackets(body);
    if (/\][\s,;]*\[/.test(body)) {
      // [1, 2], [3, 4] (the outer brackets are gone) or numpy's [1. 2.]\n [3. 4.]
      rows = body.split(/\][\s,;]*\[/).map((row) => row.replace(/^[\s[]+|[\s\]]+$/g, ""));
    } else if (body.includes(";")) rows = body.split(";");
    else rows = body.split(/\r?\n/);
  }
  const table = rows
    .map((row) => row.trim())
    .filter((row) => row !== "")
    .map((row) => splitEntries(stripOuterBrackets(row), entrySeparator));
  const entries = table.reduce((n, row) => n + row.length, 0);
  return entries > 1 ? table : undefined;
}

/** Where pasted rows go: from the top-left when they fill the grid exactly, else from the cell pasted into. */
export function pasteOrigin(
  pasted: readonly (readonly string[])[],
  shape: readonly [number, number],
  at: readonly [number, number],
): [number, number] {
  const width = Math.max(...pasted.map((row) => row.length));
  return pasted.length === shape[0] && width === shape[1] ? [0, 0] : [at[0], at[1]];
}

function splitEntries(row: string, separator: RegExp | undefined): string[] {
  const entries = separator
    ? row.split(separator)
    : /[,\t]/.test(row)
      ? row.split(/\s*[,\t]\s*/)
      : // Only spaces between entries (numpy): but a space inside 2 sqrt(2) or - 1 is not a separator.
        row.split(/(?<=[\d.)])\s+(?=[-+]?[\d.(√π])/);
  return entries.map((e) => e.trim()).filter((e) => e !== "");
}

function stripOuterBrackets(text: string): string {
  let body = text.trim();
  while (body.length >= 2 && isOpen(body[0]) && closes(body[0], body[body.length - 1]) && balancedInside(body)) {
    body = body.slice(1, -1).trim();
  }
  return body;
}

const isOpen = (c: string | undefined) => c === "[" || c === "(";
const closes = (open: string | undefined, close: string | undefined) =>
  (open === "[" && close === "]") || (open === "(" && close === ")");

/** Whether the first bracket closes at the very end (so `[1], [2]` keeps its brackets). */
function balancedInside(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") depth--;
    if (depth === 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}
