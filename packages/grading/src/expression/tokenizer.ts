import { both } from "../messages.ts";
import { defaultParseLimits, fail, type ParseLimits } from "./syntax.ts";

type TokenKind =
  | "number"
  | "name"
  | "op"
  | "open"
  | "close"
  | "comma"
  | "semicolon"
  | "newline"
  | "equals"
  | "dot"
  | "end";

/** One token of the text, with its span; numbers carry their value. */
export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  value?: number;
}

/** Splits text into tokens; unknown characters are reported where they are. */
export function tokenize(text: string, limits: ParseLimits = defaultParseLimits): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (tokens.length >= limits.maxTokens) {
      fail(
        i,
        0,
        "too-many-tokens",
        both(
          `答案太长：最多 ${limits.maxTokens} 个符号。`,
          `The answer is too long: at most ${limits.maxTokens} symbols.`,
        ),
      );
    }
    const c = text[i] as string;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    const start = i;
    if (c === "\n") {
      tokens.push({ kind: "newline", text: c, start, end: ++i });
      continue;
    }
    const next = text[i + 1] ?? "";
    if (isDigit(c) || (c === "." && isDigit(next))) {
      i = scanNumber(text, i);
      const literal = text.slice(start, i);
      const value = Number(literal);
      if (!Number.isFinite(value)) {
        fail(
          start,
          i - start,
          "number-too-large",
          both(`数字 ${literal} 太大了。`, `The number ${literal} is too large.`),
        );
      }
      tokens.push({ kind: "number", text: literal, start, end: i, value });
      continue;
    }
    if (isNameStart(c)) {
      while (i < text.length && isNamePart(text[i] as string)) i++;
      tokens.push({ kind: "name", text: text.slice(start, i), start, end: i });
      continue;
    }
    i++;
    if ("+-*/^'".includes(c)) tokens.push({ kind: "op", text: c, start, end: i });
    else if (c === "(" || c === "[") tokens.push({ kind: "open", text: c, start, end: i });
    else if (c === ")" || c === "]") tokens.push({ kind: "close", text: c, start, end: i });
    else if (c === ",") tokens.push({ kind: "comma", text: c, start, end: i });
    else if (c === ";") tokens.push({ kind: "semicolon", text: c, start, end: i });
    else if (c === "=") tokens.push({ kind: "equals", text: c, start, end: i });
    else if (c === ".") tokens.push({ kind: "dot", text: c, start, end: i });
    else {
      const shown = String.fromCodePoint(text.codePointAt(start) ?? 0xfffd);
      fail(
        start,
        shown.length,
        "unexpected-character",
        both(`不认识的符号“${shown}”。`, `Unexpected character “${shown}”.`),
        both(
          "可以使用数字、+ - * / ^、括号、逗号和 sqrt、pi 等函数与常数。",
          "Use numbers, + - * / ^, brackets, commas, and functions and constants such as sqrt and pi.",
        ),
      );
    }
  }
  tokens.push({ kind: "end", text: "", start: text.length, end: text.length });
  return tokens;
}

function scanNumber(text: string, from: number): number {
  let i = from;
  while (isDigit(text[i] ?? "")) i++;
  if (text[i] === "." && isDigit(text[i + 1] ?? "")) {
    i++;
    while (isDigit(text[i] ?? "")) i++;
  } else if (text[i] === "." && !isNameStart(text[i + 1] ?? "")) {
    i++; // "2." is a number; "x.y" member access is handled by the dot token
  }
  if (
    (text[i] === "e" || text[i] === "E") &&
    (isDigit(text[i + 1] ?? "") || ("+-".includes(text[i + 1] ?? "_") && isDigit(text[i + 2] ?? "")))
  ) {
    i += 2;
    while (isDigit(text[i] ?? "")) i++;
  }
  return i;
}

const isDigit = (c: string) => c >= "0" && c <= "9";
const isNameStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isNamePart = (c: string) => isNameStart(c) || isDigit(c);
