// √ ∛ ∜ typed as symbols: each applies to the atom right after it. This runs last, over the other
// stages' output, so the atom is already in the plain syntax: √π is √pi and √\frac{1}{2} is
// √((1)/(2)) by then.

import { Buf, isDigit, isLetter, isWordChar } from "./plain-output.ts";

const ROOTS = new Set(["√", "∛", "∜"]);

/** Rewrites √2 as sqrt(2), √(x+1) as sqrt(x+1), ∛x as ((x)^(1/3)); everything else is copied. */
export function expandRoots(draft: Buf): { chars: string[]; pos: number[] } {
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
