import { normalizeAnswer } from "./answer/normalize.ts";
import { EvaluationError, evaluate, type Value } from "./expression/evaluate.ts";
import { constants, learnerFunctions } from "./expression/functions.ts";
import { type Expr, parseStatements, type SyntaxProblem } from "./expression/parser.ts";
import { walk } from "./expression/walk.ts";
import { both } from "./messages.ts";

/** One line of a learner's answer, parsed (and evaluated unless it has free variables). */
export interface AnswerStatement {
  name?: string;
  expr: Expr;
  /** The value, unless the answer is an expression in variables. */
  value?: Value;
}

/** A problem with what the learner typed; `at` and `length` index the original text. */
export type AnswerProblem = SyntaxProblem;

/**
 * Reads a learner's answer: normalizes what Chinese keyboards and LaTeX produce, parses it,
 * and evaluates it with only arithmetic functions available. Positions in problems point
 * into the text exactly as the learner typed it.
 */
export function readAnswer(
  text: string,
  options: { variables?: readonly string[]; asList?: boolean } = {},
): { ok: true; statements: AnswerStatement[] } | { ok: false; problem: AnswerProblem } {
  const normalized = normalizeAnswer(text);
  if (!normalized.ok) return { ok: false, problem: normalized.error };
  let { text: plain, positions } = normalized.value;
  // {1, 3} for a set reads as a list: the same length, so positions stay put.
  if (options.asList && /^\s*\{[^{}]*\}\s*$/.test(plain)) plain = plain.replace("{", "[").replace("}", "]");
  // "1, 2, 3" for a vector or set, and "1, 2; 3, 4" or rows on lines for a matrix: read as a list.
  if (options.asList && /^[^[(]/.test(plain.trim()) && /[,;]|\S\s*\n\s*\S/.test(plain)) {
    const offset = positions[0] ?? 0;
    plain = `[${plain}]`;
    positions = [offset, ...positions, positions[positions.length - 1] ?? text.length];
  }
  const toOriginal = (at: number) => positions[Math.min(Math.max(at, 0), positions.length - 1)] ?? text.length;
  const mapProblem = (p: SyntaxProblem): AnswerProblem => {
    const start = toOriginal(p.at);
    const end = p.length === 0 ? start : toOriginal(p.at + p.length - 1) + 1;
    return { ...p, at: start, length: Math.max(0, end - start) };
  };
  const parsed = parseStatements(plain);
  if (!parsed.ok) return { ok: false, problem: mapProblem(parsed.problem) };
  if (parsed.statements.length === 0) {
    return {
      ok: false,
      problem: {
        at: 0,
        length: 0,
        code: "empty",
        message: both("答案是空的。", "The answer is empty."),
        hint: both("请输入你的答案。", "Type your answer."),
      },
    };
  }
  const variables = new Set(options.variables ?? []);
  const values = new Map<string, Value>(constants);
  const statements: AnswerStatement[] = [];
  for (const s of parsed.statements) {
    if (variables.size > 0) {
      // An expression in variables is compared at sample points later; here only its names are checked.
      const unknown = unknownName(s.value, variables);
      if (unknown) {
        return {
          ok: false,
          problem: mapProblem({
            at: unknown.start,
            length: unknown.end - unknown.start,
            code: unknown.kind === "call" ? "unknown-function" : "unknown-name",
            message: both(
              `不认识“${unknown.kind === "call" ? unknown.callee : unknown.kind === "name" ? unknown.name : ""}”。`,
              `Unknown name “${unknown.kind === "call" ? unknown.callee : unknown.kind === "name" ? unknown.name : ""}”.`,
            ),
            hint: both(
              `可以使用的变量：${[...variables].join("、")}。`,
              `The variables you can use: ${[...variables].join(", ")}.`,
            ),
          }),
        };
      }
      statements.push(s.name === undefined ? { expr: s.value } : { name: s.name, expr: s.value });
      continue;
    }
    try {
      const value = evaluate(s.value, { values, functions: learnerFunctions });
      statements.push(s.name === undefined ? { expr: s.value, value } : { name: s.name, expr: s.value, value });
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      return {
        ok: false,
        problem: mapProblem({
          at: error.start,
          length: Math.max(0, error.end - error.start),
          code: error.code,
          message: error.localized,
        }),
      };
    }
  }
  return { ok: true, statements };
}

function unknownName(expr: Expr, variables: ReadonlySet<string>): Expr | undefined {
  let found: Expr | undefined;
  walk(expr, (node) => {
    if (found) return;
    if (node.kind === "name" && !variables.has(node.name) && !constants.has(node.name)) found = node;
    if (node.kind === "call" && !learnerFunctions.has(node.callee)) found = node;
  });
  return found;
}
