import { both } from "../messages.ts";
import {
  defaultParseLimits,
  type Expr,
  fail,
  ParseFailure,
  type ParseLimits,
  type Statement,
  type SyntaxProblem,
} from "./syntax.ts";
import { type Token, tokenize } from "./tokenizer.ts";

// The one expression language of the grader: authors write exercise answers in it
// (`scaledDotProductAttention(Q, K, V).weights`, `transpose(A) * B`), and learners' answers
// are parsed with it after normalization (`[[0.5, 0.5], [0.2, 0.8]]`, `1/sqrt(2)`). A small
// hand-written Pratt parser: every node keeps its source span, errors say where and why, and
// explicit limits keep hostile input from exhausting the stack or the clock.

export {
  defaultParseLimits,
  type Expr,
  type ParseLimits,
  type Statement,
  type SyntaxProblem,
} from "./syntax.ts";
export { tokenize } from "./tokenizer.ts";

/** Parses statements separated by `;` or newlines (each an expression, or `name = expression`). */
export function parseStatements(
  text: string,
  limits: ParseLimits = defaultParseLimits,
): { ok: true; statements: Statement[] } | { ok: false; problem: SyntaxProblem } {
  try {
    const parser = new Parser(tokenize(text, limits), limits);
    return { ok: true, statements: parser.statements() };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** Parses one expression (author expressions; learners' answers go through parseStatements). */
export function parseExpression(
  text: string,
  limits: ParseLimits = defaultParseLimits,
): { ok: true; expr: Expr } | { ok: false; problem: SyntaxProblem } {
  const result = parseStatements(text, limits);
  if (!result.ok) return result;
  const [first, second] = result.statements;
  if (first === undefined) {
    return {
      ok: false,
      problem: { at: 0, length: 0, code: "empty", message: both("没有内容。", "There is nothing here.") },
    };
  }
  if (second !== undefined || first.name !== undefined) {
    const at = second?.start ?? first.start;
    return {
      ok: false,
      problem: {
        at,
        length: 1,
        code: "one-expression",
        message: both("这里只能写一个表达式。", "Only one expression is allowed here."),
      },
    };
  }
  return { ok: true, expr: first.value };
}

const BINDING: Record<string, number> = { "+": 10, "-": 10, "*": 20, "/": 20 };

/** Functions of one argument that may be written without parentheses: ln 2, sin x. */
const PREFIX_FUNCTIONS = new Set(["sqrt", "exp", "log", "ln", "log2", "log10", "abs", "sin", "cos", "tan", "tanh"]);

class Parser {
  private at = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly limits: ParseLimits,
  ) {}

  private get token(): Token {
    return this.tokens[this.at] as Token;
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)] as Token;
  }

  private advance(): Token {
    const t = this.token;
    if (t.kind !== "end") this.at++;
    return t;
  }

  statements(): Statement[] {
    const out: Statement[] = [];
    for (;;) {
      while (this.token.kind === "semicolon" || this.token.kind === "newline") this.advance();
      if (this.token.kind === "end") return out;
      const start = this.token.start;
      let name: string | undefined;
      if (this.token.kind === "name" && this.peek().kind === "equals") {
        name = this.advance().text;
        this.advance();
      }
      const value = this.expression(0);
      out.push(name === undefined ? { value, start, end: value.end } : { name, value, start, end: value.end });
      const t = this.token;
      if (t.kind !== "semicolon" && t.kind !== "newline" && t.kind !== "end") this.unexpected(t);
    }
  }

  private enter(at: number): void {
    if (++this.depth > this.limits.maxDepth) {
      fail(
        at,
        1,
        "too-deep",
        both(
          `嵌套太深：括号和运算最多嵌套 ${this.limits.maxDepth} 层。`,
          `Nested too deeply: at most ${this.limits.maxDepth} levels of brackets and operations.`,
        ),
      );
    }
  }

  private expression(minBinding: number): Expr {
    this.enter(this.token.start);
    let left = this.prefix();
    for (;;) {
      const t = this.token;
      let op: "+" | "-" | "*" | "/" | undefined;
      if (t.kind === "op" && t.text in BINDING) op = t.text as "+" | "-" | "*" | "/";
      else if (this.startsImplicitProduct(left, t)) op = "*";
      if (op === undefined) break;
      const binding = BINDING[op] as number;
      if (binding <= minBinding) break;
      if (t.kind === "op") this.advance();
      const right = this.expression(binding);
      left = { kind: "binary", op, left, right, start: left.start, end: right.end };
    }
    this.depth--;
    return left;
  }

  /**
   * `2x`, `2 sqrt(2)`, `3(1 + 2)`: a value followed directly by a name or "(". Never a number
   * after a value: `[1 2 3]` must be an error, not the product 6.
   */
  private startsImplicitProduct(left: Expr, t: Token): boolean {
    if (t.kind === "name") return true;
    return (
      t.kind === "open" && t.text === "(" && (left.kind === "number" || left.kind === "list" || left.kind === "binary")
    );
  }

  private prefix(): Expr {
    const t = this.token;
    if (t.kind === "op" && (t.text === "-" || t.text === "+")) {
      this.advance();
      this.enter(t.start);
      // -2^2 is -(2^2), as in mathematics.
      const operand = this.power();
      this.depth--;
      return { kind: "unary", op: t.text, operand, start: t.start, end: operand.end };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    const t = this.token;
    if (t.kind === "op" && t.text === "^") {
      // A^T is the transpose, as textbooks write it (so T cannot name anything else after ^).
      const next = this.peek();
      if (
        next.kind === "name" &&
        next.text === "T" &&
        !(this.peek(2).kind === "open" && this.peek(2).start === next.end)
      ) {
        this.advance();
        this.advance();
        return { kind: "transpose", operand: base, start: base.start, end: next.end };
      }
      this.advance();
      this.enter(t.start);
      const exponent = this.prefix(); // right-associative: 2^3^2 = 2^(3^2); 2^-1 allowed
      this.depth--;
      return { kind: "binary", op: "^", left: base, right: exponent, start: base.start, end: exponent.end };
    }
    return base;
  }

  private postfix(): Expr {
    let node = this.primary();
    for (;;) {
      const t = this.token;
      if (t.kind === "op" && t.text === "'") {
        this.advance();
        node = { kind: "transpose", operand: node, start: node.start, end: t.end };
      } else if (t.kind === "dot" && this.peek().kind === "name") {
        this.advance();
        const property = this.advance();
        node = { kind: "member", object: node, property: property.text, start: node.start, end: property.end };
      } else return node;
    }
  }

  private primary(): Expr {
    const t = this.token;
    if (t.kind === "number") {
      this.advance();
      return { kind: "number", value: t.value as number, start: t.start, end: t.end };
    }
    if (t.kind === "name") {
      this.advance();
      // ln 2, sin x, sqrt (2): a function of one argument may go without parentheses, as in
      // print (and as LaTeX's \ln 2 arrives here).
      const next = this.token;
      if (
        PREFIX_FUNCTIONS.has(t.text) &&
        (next.kind === "number" ||
          next.kind === "name" ||
          (next.kind === "open" && next.text === "(" && next.start > t.end))
      ) {
        this.enter(next.start);
        const operand = next.kind === "open" ? this.postfix() : this.power();
        this.depth--;
        return { kind: "call", callee: t.text, args: [operand], start: t.start, end: operand.end };
      }
      if (this.token.kind === "open" && this.token.text === "(" && this.token.start === t.end) {
        const open = this.advance();
        this.enter(open.start);
        const args = this.items(")", open).flat();
        this.depth--;
        return { kind: "call", callee: t.text, args, start: t.start, end: this.tokens[this.at - 1]?.end ?? open.end };
      }
      return { kind: "name", name: t.text, start: t.start, end: t.end };
    }
    if (t.kind === "open") {
      const open = this.advance();
      this.enter(open.start);
      const rows = this.items(open.text === "(" ? ")" : "]", open);
      this.depth--;
      const end = this.tokens[this.at - 1]?.end ?? open.end;
      const only = rows.length === 1 && rows[0]?.length === 1 ? rows[0][0] : undefined;
      // (x) is grouping; (a, b) and every [...] are lists.
      if (open.text === "(" && only !== undefined) return only;
      if (open.text === "(" && rows.length > 1) {
        fail(
          open.start,
          1,
          "semicolon-in-parentheses",
          both(
            "圆括号里不能用分号分行；矩阵请用方括号。",
            "Rows separated by ; need square brackets, not parentheses.",
          ),
        );
      }
      return { kind: "list", rows, start: open.start, end };
    }
    return this.unexpected(t);
  }

  /** Comma-separated items up to `close`, split into rows by `;` or newlines. */
  private items(close: ")" | "]", open: Token): Expr[][] {
    // Inside brackets a newline separates rows; outside, statements.
    const rows: Expr[][] = [[]];
    const skipNewlines = () => {
      while (this.token.kind === "newline") this.advance();
    };
    skipNewlines();
    if (this.token.kind === "close" && this.token.text === close) {
      this.advance();
      return close === ")" ? [] : [[]];
    }
    for (;;) {
      (rows[rows.length - 1] as Expr[]).push(this.expression(0));
      const t = this.token;
      if (t.kind === "comma") {
        this.advance();
        skipNewlines();
        continue;
      }
      if (t.kind === "semicolon" || t.kind === "newline") {
        while (this.token.kind === "semicolon" || this.token.kind === "newline") this.advance();
        // A separator right before the closing bracket ends the list: [1, 2;] and pasted rows ending in a newline.
        if (this.token.kind === "close" && this.token.text === close) {
          this.advance();
          return rows;
        }
        rows.push([]);
        continue;
      }
      if (t.kind === "close") {
        if (t.text !== close) {
          fail(
            t.start,
            1,
            "mismatched-bracket",
            both(
              `这里应该是“${close}”，与第 ${open.start + 1} 个字符处的“${open.text}”配对。`,
              `Expected “${close}” to match the “${open.text}” at character ${open.start + 1}.`,
            ),
          );
        }
        this.advance();
        return rows;
      }
      if (t.kind === "end") {
        fail(
          open.start,
          1,
          "unclosed-bracket",
          both(`“${open.text}”没有闭合。`, `This “${open.text}” is never closed.`),
          both(`在末尾补上“${close}”。`, `Add the missing “${close}”.`),
        );
      }
      fail(
        t.start,
        Math.max(1, t.end - t.start),
        "expected-comma",
        both(`这里缺少逗号，或多了“${t.text}”。`, `A comma is missing here, or “${t.text}” is extra.`),
        both("同一行的元素用逗号分开，例如 [1, 2]。", "Separate the entries of a row with commas, as in [1, 2]."),
      );
    }
  }

  private unexpected(t: Token): never {
    if (t.kind === "end") {
      fail(
        t.start,
        0,
        "unexpected-end",
        both("表达式不完整：结尾还缺少内容。", "The expression is incomplete: something is missing at the end."),
      );
    }
    if (t.kind === "close") {
      fail(
        t.start,
        1,
        "unmatched-bracket",
        both(`多余的“${t.text}”：前面没有对应的左括号。`, `Extra “${t.text}”: there is no opening bracket for it.`),
      );
    }
    fail(
      t.start,
      Math.max(1, t.end - t.start),
      "unexpected-token",
      both(
        `这里不应出现“${t.text === "\n" ? "换行" : t.text}”。`,
        `Unexpected “${t.text === "\n" ? "line break" : t.text}” here.`,
      ),
    );
  }
}
