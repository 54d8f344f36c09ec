import type { Localized } from "../messages.ts";

/** A node of the syntax tree; `start`/`end` are offsets into the parsed text. */
export type Expr =
  | { kind: "number"; value: number; start: number; end: number }
  | { kind: "name"; name: string; start: number; end: number }
  | { kind: "unary"; op: "-" | "+"; operand: Expr; start: number; end: number }
  | { kind: "binary"; op: "+" | "-" | "*" | "/" | "^"; left: Expr; right: Expr; start: number; end: number }
  | { kind: "transpose"; operand: Expr; start: number; end: number }
  | { kind: "call"; callee: string; args: Expr[]; start: number; end: number }
  | { kind: "member"; object: Expr; property: string; start: number; end: number }
  /** `[a, b]`, `[a, b; c, d]`, `(a, b)`: rows of items (one row unless `;` or a newline split it). */
  | { kind: "list"; rows: Expr[][]; start: number; end: number };

/** `name = value` lines, for answers with named parts (`U = …; S = …; V = …`). */
export interface Statement {
  name?: string;
  value: Expr;
  start: number;
  end: number;
}

/** A syntax problem at `at` (offset into the parsed text), `length` characters long. */
export interface SyntaxProblem {
  at: number;
  length: number;
  code: string;
  message: Localized;
  hint?: Localized;
}

/** How much one text may hold before parsing stops: hostile input must not exhaust the stack or the clock. */
export interface ParseLimits {
  /** Most tokens in one text (default 4,000). */
  maxTokens: number;
  /** Deepest nesting of brackets, calls and operators (default 32). */
  maxDepth: number;
}

/** The limits when the caller gives none. */
export const defaultParseLimits: ParseLimits = { maxTokens: 4000, maxDepth: 32 };

/** Thrown inside the tokenizer and parser; parseStatements turns it into a result. */
export class ParseFailure {
  constructor(readonly problem: SyntaxProblem) {}
}

/** Stops tokenizing or parsing with a problem `length` characters long at offset `at`. */
export function fail(at: number, length: number, code: string, message: Localized, hint?: Localized): never {
  throw new ParseFailure(hint ? { at, length, code, message, hint } : { at, length, code, message });
}
