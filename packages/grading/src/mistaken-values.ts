import type { AnswerContext } from "./answer-types/answer-type.ts";
import type { CompiledAnswer } from "./exercise.ts";
import type { FunctionDefinition, Scope, Value } from "./expression/evaluate.ts";
import { authorFunctions } from "./expression/functions.ts";
import { both, type Localized } from "./messages.ts";
import { type Detector, detectorsFor } from "./misconceptions.ts";
import { answerValues, authorValue, evaluateAuthor } from "./variant-values.ts";
import { type CellMarks, incorrect, type Verdict } from "./verdict.ts";

/** A value a known mistake computes on this variant, and what to tell a learner who gave it. */
export interface MistakenValue {
  id: string;
  topic: string;
  message: Localized;
  value: Value;
}

/**
 * The buggy values this answer can be compared with, detectors first, then the author's
 * mistakes: computed one at a time (and kept with the variant), so grading stops at the first
 * match. When the learner's shape differs from the expected one, detectors that keep the shape
 * cannot match and are skipped.
 */
export function* mistakenValues(
  answer: CompiledAnswer,
  values: Map<string, Value>,
  learnerHasExpectedShape: boolean,
): Generator<MistakenValue> {
  const entry = answerValues(answer, values);
  const cache = entry.mistakes;
  const remembered = (id: string, compute: () => Value | undefined): Value | undefined => {
    if (!cache.has(id)) cache.set(id, compute() ?? null);
    return cache.get(id) ?? undefined;
  };
  if (answer.expr) {
    for (const detector of detectorsFor(answer.expr, answer.spec.ignoreDetectors)) {
      if (detector.keepsShape && !learnerHasExpectedShape) continue;
      const value = remembered(detector.id, () => buggyValue(detector, answer, values, entry.expected));
      if (value !== undefined) yield { id: detector.id, topic: detector.topic, message: detector.message, value };
    }
  }
  for (const [i, mistake] of answer.mistakes.entries()) {
    const value = remembered(`mistake#${i}`, () => authorValue(mistake.expr, values));
    const message =
      typeof mistake.spec.message === "string"
        ? both(mistake.spec.message, mistake.spec.message)
        : mistake.spec.message;
    if (value !== undefined) yield { id: mistake.id, topic: mistake.spec.topic ?? "exercise", message, value };
  }
}

/**
 * The verdict on an answer that matches a known mistake (`matches` compares the learner's answer
 * with the mistake's value), or undefined when none does: the first match is named.
 */
export function mistakeVerdict(
  ctx: AnswerContext,
  learnerHasExpectedShape: boolean,
  matches: (value: Value) => boolean,
  cells?: CellMarks,
): Verdict | undefined {
  for (const mistake of mistakenValues(ctx.answer, ctx.values, learnerHasExpectedShape)) {
    if (!matches(mistake.value)) continue;
    const misconception = { id: mistake.id, message: mistake.message[ctx.locale], topic: mistake.topic };
    return incorrect(ctx, mistake.message, cells ? { cells, misconception } : { misconception });
  }
  return undefined;
}

const functionsByDetector = new WeakMap<Detector, ReadonlyMap<string, FunctionDefinition>>();

/** The author functions with a detector's buggy versions in place (built once per detector). */
function detectorFunctions(detector: Detector): ReadonlyMap<string, FunctionDefinition> {
  let functions = functionsByDetector.get(detector);
  if (!functions) {
    const map = new Map<string, FunctionDefinition>(authorFunctions);
    for (const [name, fn] of Object.entries(detector.functions ?? {})) map.set(name, fn);
    functions = map;
    functionsByDetector.set(detector, functions);
  }
  return functions;
}

function buggyValue(
  detector: Detector,
  answer: CompiledAnswer,
  values: Map<string, Value>,
  expected: Value,
): Value | undefined {
  if (detector.transform) return detector.transform(expected);
  if (!answer.expr) return undefined;
  const scope: Partial<Scope> = { functions: detectorFunctions(detector) };
  if (detector.matrixProduct) scope.matrixProduct = detector.matrixProduct;
  try {
    return evaluateAuthor(answer.expr, values, scope);
  } catch {
    return undefined;
  }
}
