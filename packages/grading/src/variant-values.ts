import type { CompiledAnswer, Exercise } from "./exercise.ts";
import {
  defaultEvaluationLimits,
  type EvaluationLimits,
  evaluate,
  type Scope,
  type Value,
} from "./expression/evaluate.ts";
import { authorFunctions } from "./expression/functions.ts";
import type { Expr } from "./expression/parser.ts";
import { drawParams } from "./params.ts";

// A variant's parameters, expected values and mistaken values do not depend on the answer:
// computed once per (exercise, seed) and reused, so grading many answers costs little more
// than reading them. Bounded, oldest first out.

/** The author's expressions are bounded by the spec: no deadline. */
export const authorLimits: EvaluationLimits = { ...defaultEvaluationLimits, maxMilliseconds: Number.POSITIVE_INFINITY };

const VARIANTS_PER_EXERCISE = 512;
const variantCache = new WeakMap<Exercise, Map<number, ReadonlyMap<string, Value>>>();
const seenOnce = new WeakMap<Exercise, Set<number>>();
/** The parameter maps kept in the cache: only their computed values are worth keeping too. */
const cachedVariants = new WeakSet<ReadonlyMap<string, Value>>();
const valueCache = new WeakMap<ReadonlyMap<string, Value>, Map<CompiledAnswer, VariantAnswerValues>>();
/** The values of the variant being graded right now, for answers that are not cached. */
const oneOff = new WeakMap<CompiledAnswer, { values: ReadonlyMap<string, Value>; entry: VariantAnswerValues }>();

/** What one answer of one variant computes, whoever answers. */
export interface VariantAnswerValues {
  expected: Value;
  /** Mistaken values by detector or mistake id (null: it could not be computed). */
  mistakes: Map<string, Value | null>;
}

/** The parameters of variant `seed`, kept from its second answer on. Callers never change the map. */
export function variantParams(exercise: Exercise, seed: number): Map<string, Value> {
  let bySeed = variantCache.get(exercise);
  let seen = seenOnce.get(exercise);
  if (!bySeed || !seen) {
    bySeed = new Map();
    seen = new Set();
    variantCache.set(exercise, bySeed);
    seenOnce.set(exercise, seen);
  }
  const cached = bySeed.get(seed);
  // The type says Map only so it can be passed where a scope is built.
  if (cached) return cached as Map<string, Value>;
  const params = drawParams(exercise, seed);
  // Keep a variant from its second answer on: a stream of first answers (a batch of many
  // learners) then leaves nothing behind for the garbage collector to copy.
  if (seen.has(seed)) {
    if (bySeed.size >= VARIANTS_PER_EXERCISE) bySeed.delete(bySeed.keys().next().value as number);
    bySeed.set(seed, params);
    cachedVariants.add(params);
  } else {
    if (seen.size >= 16 * VARIANTS_PER_EXERCISE) seen.clear();
    seen.add(seed);
  }
  return params;
}

/** The expected value of `answer` on the variant `values` (and a place to keep its mistaken values). */
export function answerValues(answer: CompiledAnswer, values: Map<string, Value>): VariantAnswerValues {
  const fresh = (): VariantAnswerValues => ({
    expected: evaluateAuthor(answer.expr as Expr, values),
    mistakes: new Map(),
  });
  if (!cachedVariants.has(values)) {
    // A first answer: remember nothing (a weak-map entry per throwaway variant slows the collector).
    let once = oneOff.get(answer);
    if (once?.values !== values) {
      once = { values, entry: fresh() };
      oneOff.set(answer, once);
    }
    return once.entry;
  }
  let byAnswer = valueCache.get(values);
  if (!byAnswer) {
    byAnswer = new Map();
    valueCache.set(values, byAnswer);
  }
  let entry = byAnswer.get(answer);
  if (!entry) {
    entry = fresh();
    byAnswer.set(answer, entry);
  }
  return entry;
}

/** An author expression's value; throws when it cannot be computed (a defect of the exercise). */
export function evaluateAuthor(expr: Expr, values: ReadonlyMap<string, Value>, extra?: Partial<Scope>): Value {
  return evaluate(expr, { values, functions: authorFunctions, ...extra }, authorLimits);
}

/** An author expression's value, or undefined when it cannot be computed on these values. */
export function authorValue(expr: Expr, values: ReadonlyMap<string, Value>): Value | undefined {
  try {
    return evaluateAuthor(expr, values);
  } catch {
    return undefined;
  }
}
