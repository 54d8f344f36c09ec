import { z } from "zod";
import type { AnswerMisconception, AnswerSchema, AnswerType } from "./answer-type.ts";
import { booleanAnswer } from "./boolean.ts";
import { choiceAnswer } from "./choice.ts";
import { eigenpairsAnswer } from "./eigenpairs.ts";
import { expressionAnswer } from "./expression.ts";
import { propertyAnswer } from "./property.ts";
import { setAnswer } from "./set.ts";
import { shapeAnswer } from "./shape.ts";
import { svdAnswer } from "./svd.ts";
import { matrixAnswer, scalarAnswer, vectorAnswer } from "./tensor.ts";

// Every kind of answer, in one list. A new kind is a module in this folder and a line here
// (and a line in answer/readings.ts, for how its text is read and previewed).

const modules = [
  scalarAnswer,
  vectorAnswer,
  matrixAnswer,
  booleanAnswer,
  choiceAnswer,
  expressionAnswer,
  setAnswer,
  eigenpairsAnswer,
  svdAnswer,
  propertyAnswer,
  shapeAnswer,
] as const;

type Schemas<M extends readonly { schema: unknown }[]> = { -readonly [K in keyof M]: M[K]["schema"] };

/** What the learner must give, and how it is judged: one of the answer types' specs, by `type`. */
export const answerSpec = z.discriminatedUnion(
  "type",
  modules.map((m) => m.schema) as unknown as Schemas<typeof modules>,
);

/** An answer's spec, as an author writes it. */
export type AnswerSpec = z.infer<typeof answerSpec>;

/** The name of an answer type: "matrix", "choice", "shape", … */
export type AnswerTypeName = AnswerSpec["type"];

/** The answer types' names, in the registry's order. */
export const answerTypeNames = modules.map((m) => m.type) as AnswerTypeName[];

/** Any answer type's module, seen through the spec union (each module checks its own spec's type). */
export type AnyAnswerType = AnswerType<AnswerSchema, unknown, AnswerSpec>;

const byName = new Map<string, AnyAnswerType>(modules.map((m) => [m.type, m as unknown as AnyAnswerType]));

/** The module of an answer type. */
export function answerTypeOf(type: AnswerTypeName): AnyAnswerType {
  return byName.get(type) as AnyAnswerType;
}

/**
 * The misconceptions an answer's type recognises by itself that can come up for this spec,
 * less those the author turned off with `ignoreDetectors`.
 */
export function answerTypeMisconceptionsFor(spec: AnswerSpec): readonly AnswerMisconception[] {
  const type = answerTypeOf(spec.type);
  const own = type.misconceptionsFor?.(spec) ?? type.misconceptions ?? [];
  return spec.ignoreDetectors ? own.filter((m) => !spec.ignoreDetectors?.includes(m.id)) : own;
}

/** The misconceptions answer types recognise by themselves (besides the recomputing detectors). */
export const answerTypeMisconceptions: readonly AnswerMisconception[] = modules.flatMap(
  (m): readonly AnswerMisconception[] => m.misconceptions ?? [],
);
