import * as core from "@llm-basics/math-core";
import { z } from "zod";
import type { CompiledAnswer } from "../exercise.ts";
import { EvaluationError, evaluate, type Value } from "../expression/evaluate.ts";
import { constants, learnerFunctions } from "../expression/functions.ts";
import type { Expr } from "../expression/parser.ts";
import { both } from "../messages.ts";
import { commonAnswerFields, expressionText, range } from "../spec-common.ts";
import { within } from "../tolerance.ts";
import { authorValue, evaluateAuthor } from "../variant-values.ts";
import { correct, incorrect, invalid } from "../verdict.ts";
import { answerType, readStatements } from "./answer-type.ts";

// A formula in named variables: equal to the author's at random points of its domain (as
// WeBWorK and Numbas check them). `2x(x + 1)` and `2xy` read as products of the variables.

const schema = z
  .object({
    type: z.literal("expression"),
    expr: expressionText,
    variables: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).min(1),
    /** Where the variables are sampled to compare expressions (default [-2, 2]). */
    domain: range.optional(),
    ...commonAnswerFields,
  })
  .strict();

type ExpressionSpec = z.infer<typeof schema>;

const DEFAULT_DOMAIN: readonly [number, number] = [-2, 2];

/** A formula: `x^2 + 2x + 1` in the spec's `variables`. */
export const expressionAnswer = answerType({
  type: "expression",
  schema,
  compile: (spec, path, tools) => {
    const expr = tools.parse(spec.expr, [...path, "expr"], spec.variables);
    return expr ? { expr } : {};
  },
  // Equivalent expressions agree to rounding, so the default is tight: 2.001x is not 2x.
  defaultTolerance: { atol: 1e-9, rtol: 1e-9 },
  read: (text, ctx) => {
    const read = readStatements(text, ctx, { variables: ctx.spec.variables });
    if (!read.ok) return read;
    const statements = read.read;
    const [statement, extra] = statements;
    if (!statement || extra || statement.name)
      return { ok: false, verdict: invalid(ctx, both("请只写一个表达式。", "Give one expression."), "one-answer") };
    return { ok: true, read: statement.expr };
  },
  grade: (given, ctx) => {
    const { spec } = ctx;
    const domain = spec.domain ?? DEFAULT_DOMAIN;
    const rng = core.createRng(`points#${ctx.seed}`);
    let checked = 0;
    for (let attempt = 0; attempt < 40 && checked < 8; attempt++) {
      const point = new Map(ctx.values);
      for (const v of spec.variables) point.set(v, domain[0] + rng.float() * (domain[1] - domain[0]));
      const expected = authorValue(ctx.answer.expr as Expr, point);
      if (typeof expected !== "number") continue;
      checked++;
      let value: Value | undefined;
      try {
        const learnerValues = new Map<string, Value>(constants);
        for (const v of spec.variables) learnerValues.set(v, point.get(v) as Value);
        value = evaluate(given, { values: learnerValues, functions: learnerFunctions }, ctx.limits);
      } catch (error) {
        // Too slow to compute is unreadable, not wrong; undefined at a point (1/x at 0) is wrong.
        if (error instanceof EvaluationError && error.code === "too-slow")
          return invalid(ctx, error.localized, "too-slow");
        value = undefined;
      }
      if (typeof value !== "number" || !within(value, expected, ctx.tolerance)) {
        return incorrect(ctx, both("这个表达式与正确答案不相等。", "This expression is not equal to the right one."));
      }
    }
    if (checked === 0) throw new Error("the expected expression could not be evaluated at any sample point");
    return correct(ctx);
  },
  formulaAtAPoint: (answer: CompiledAnswer, values: Map<string, Value>) => {
    const spec = answer.spec as ExpressionSpec;
    const [low, high] = spec.domain ?? DEFAULT_DOMAIN;
    const point = new Map(values);
    for (const name of spec.variables) point.set(name, low + (high - low) * 0.618);
    return evaluateAuthor(answer.expr as Expr, point);
  },
  view: (spec) => ({ variables: spec.variables }),
});
