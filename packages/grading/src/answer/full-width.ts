// The first stage of reading an answer: full-width forms, as a Chinese IME types them, folded to
// ASCII one UTF-16 unit for one, so every index into the folded text is an index into what was
// typed. Grading reads answers through it, and grid paste in the browser splits pasted matrices
// with it (`@llm-basics/grading/full-width`), so it imports nothing but character classes.

import { isDigit, isLetter } from "./plain-output.ts";

// Full-width forms that mean something in the plain syntax or in LaTeX; others (：！＄…) stay as
// typed so the parser can quote exactly what the learner wrote.
const FOLDED_PUNCTUATION = new Set(",;()[]+-*/^=._'{}\\&");

/**
 * Full-width digits, letters and the punctuation the syntax uses folded to ASCII, 【】 to [ ], 、 to a
 * comma and the ideographic space to a space, one UTF-16 unit for one: `（１，２）` → `(1,2)`.
 * Others (`：！＄`) stay as typed.
 */
export function foldFullWidth(input: string): string {
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
