import { answerTypeOf } from "./answer-types/registry.ts";
import type { Exercise } from "./exercise.ts";
import { evaluate, type Value } from "./expression/evaluate.ts";
import { authorFunctions } from "./expression/functions.ts";
import { parseExpression } from "./expression/parser.ts";
import { grade } from "./grade.ts";
import { drawParams } from "./params.ts";
import type { TestSpec } from "./spec.ts";

/** A problem an author must fix, found by trying the exercise. */
export interface ExerciseProblem {
  seed: number;
  /** "params", "answer", or "tests[2]". */
  where: string;
  message: string;
}

/**
 * Tries an exercise the way learners will meet it: for each seed, draws the parameters and
 * computes every answer (finite, computable), and runs the author's tests.
 */
export function checkExercise(exercise: Exercise, options: { seeds?: number } = {}): ExerciseProblem[] {
  const problems: ExerciseProblem[] = [];
  const seeds = options.seeds ?? 50;
  for (let seed = 0; seed < seeds; seed++) {
    let values: Map<string, Value>;
    try {
      values = drawParams(exercise, seed);
    } catch (error) {
      problems.push({ seed, where: "params", message: errorText(error) });
      continue;
    }
    for (const answer of exercise.answers) {
      if (!answer.expr) continue;
      const module = answerTypeOf(answer.spec.type);
      try {
        if (module.formulaAtAPoint) {
          // A formula in the learner's variables: it must compute at a point of its domain.
          module.formulaAtAPoint(answer, values);
          continue;
        }
        const value = evaluate(answer.expr, { values, functions: authorFunctions });
        const wrong = module.expectedProblem?.(answer.spec, value);
        if (wrong) throw new Error(wrong);
        if (answer.id !== undefined) values.set(answer.id, value);
      } catch (error) {
        problems.push({ seed, where: answer.id ? `parts.${answer.id}` : "answer", message: errorText(error) });
      }
    }
  }
  (exercise.spec.tests ?? []).forEach((test, i) => {
    // A test with a literal answer runs for its seed; one given as an expression, for every seed.
    const testSeeds =
      test.answer !== undefined
        ? [test.seed ?? 0]
        : test.seed !== undefined
          ? [test.seed]
          : Array.from({ length: seeds }, (_, s) => s);
    for (const seed of testSeeds) {
      const problem = runTest(exercise, test, seed);
      if (problem) {
        problems.push({ seed, where: `tests[${i}]`, message: problem });
        break;
      }
    }
  });
  return problems;
}

/**
 * A variant's parameters and the expected value of every answer, by part id (for
 * interpolating prompts and solutions, and for the shape an answer must have). An answer
 * whose expected value cannot be computed is left out.
 */
export function variantValues(
  exercise: Exercise,
  seed: number,
): { values: Map<string, Value>; expected: Array<Value | undefined> } {
  const values = drawParams(exercise, seed);
  const expected = exercise.answers.map((answer) => {
    // An expression answer is a formula in its own variables, not a value of the variant.
    if (!answer.expr || answerTypeOf(answer.spec.type).formulaAtAPoint) return undefined;
    try {
      const value = evaluate(answer.expr, { values, functions: authorFunctions });
      if (answer.id !== undefined) values.set(answer.id, value);
      return value;
    } catch {
      return undefined;
    }
  });
  return { values, expected };
}

function runTest(exercise: Exercise, test: TestSpec, seed: number): string | undefined {
  let answer: string | Record<string, string>;
  if (test.answer !== undefined) answer = test.answer;
  else {
    // Earlier parts' answers are names here too, as in the parts' own expressions.
    const { values } = variantValues(exercise, seed);
    const exprs = test.answerExpr as string | Record<string, string>;
    const formulas = new Set(
      exercise.answers.filter((a) => answerTypeOf(a.spec.type).formulaAtAPoint).map((a) => a.id),
    );
    // A formula answer is typed as the expression itself; any other is typed as its value.
    const typed = (text: string, part?: string) =>
      formulas.has(part) ? text : formatValue(evaluateText(text, values));
    try {
      answer =
        typeof exprs === "string"
          ? typed(exprs)
          : Object.fromEntries(Object.entries(exprs).map(([k, v]) => [k, typed(v, k)]));
    } catch (error) {
      return `answerExpr cannot be typed as an answer: ${errorText(error)}`;
    }
  }
  const verdict = grade(exercise, seed, answer, { locale: "en" });
  const expect = test.expect;
  if (typeof expect === "string") {
    return verdict.status === expect ? undefined : `expected ${expect}, got ${verdict.status}: ${verdict.message}`;
  }
  const found = verdict.misconception?.id ?? verdict.parts?.find((p) => p.misconception)?.misconception?.id;
  return found === expect.mistake
    ? undefined
    : `expected the mistake ${expect.mistake}, got ${found ?? verdict.status}: ${verdict.message}`;
}

function evaluateText(text: string, values: Map<string, Value>): Value {
  return evaluateAuthorExpression(text, values);
}

/** Evaluates an author expression over an exercise's values (for tests and previews). */
export function evaluateAuthorExpression(text: string, values: Map<string, Value>): Value {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.problem.message.en);
  return evaluate(parsed.expr, { values, functions: authorFunctions });
}

/** A value as a learner would type it, with every digit kept: `[[0.5, 0.5], [0.2, 0.8]]`. */
export function formatValue(value: Value): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  throw new Error("only numbers, vectors and matrices can be typed as answers");
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
