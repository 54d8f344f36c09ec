import { plainAnswerText, problemInTypedText } from "./answer/plain-text.ts";
import { EvaluationError, type EvaluationLimits, evaluate, type Value } from "./expression/evaluate.ts";
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
  options: { variables?: readonly string[]; asList?: boolean; limits?: EvaluationLimits } = {},
): { ok: true; statements: AnswerStatement[] } | { ok: false; problem: AnswerProblem } {
  const prepared = plainAnswerText(text, { asList: options.asList === true });
  if (!prepared.ok) return { ok: false, problem: prepared.problem };
  const { plain, positions } = prepared.value;
  const mapProblem = (p: SyntaxProblem): AnswerProblem => problemInTypedText(p, positions, text.length);
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
      // x(x + 2) and 2xy mean products when x and y are the variables.
      s.value = withVariableProducts(s.value, variables);
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
      const value = evaluate(s.value, { values, functions: learnerFunctions }, options.limits);
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

/** Rewrites calls of a variable (x(x + 2)) and run-together names (xy) as products. */
function withVariableProducts(expr: Expr, variables: ReadonlySet<string>): Expr {
  const rewrite = (node: Expr): Expr => {
    switch (node.kind) {
      case "call": {
        const args = node.args.map(rewrite);
        if (variables.has(node.callee) && args.length === 1 && !learnerFunctions.has(node.callee)) {
          const callee: Expr = {
            kind: "name",
            name: node.callee,
            start: node.start,
            end: node.start + node.callee.length,
          };
          return { kind: "binary", op: "*", left: callee, right: args[0] as Expr, start: node.start, end: node.end };
        }
        return { ...node, args };
      }
      case "name": {
        if (variables.has(node.name) || constants.has(node.name)) return node;
        const parts = splitIntoVariables(node.name, variables);
        if (!parts) return node;
        let at = node.start;
        const names = parts.map((p) => {
          const n: Expr = { kind: "name", name: p, start: at, end: at + p.length };
          at += p.length;
          return n;
        });
        const [first, ...rest] = names as [Expr, ...Expr[]];
        return rest.reduce<Expr>(
          (left, right) => ({ kind: "binary", op: "*", left, right, start: left.start, end: right.end }),
          first,
        );
      }
      case "unary":
      case "transpose":
        return { ...node, operand: rewrite(node.operand) };
      case "binary":
        return { ...node, left: rewrite(node.left), right: rewrite(node.right) };
      case "member":
        return { ...node, object: rewrite(node.object) };
      case "list":
        return { ...node, rows: node.rows.map((row) => row.map(rewrite)) };
      default:
        return node;
    }
  };
  return rewrite(expr);
}

function splitIntoVariables(name: string, variables: ReadonlySet<string>): string[] | undefined {
  if (name === "") return [];
  for (const v of [...variables].sort((a, b) => b.length - a.length)) {
    if (name.startsWith(v)) {
      const rest = splitIntoVariables(name.slice(v.length), variables);
      if (rest) return [v, ...rest];
    }
  }
  return undefined;
}
