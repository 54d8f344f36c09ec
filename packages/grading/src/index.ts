export { type AnswerPreview, previewLatex } from "./answer/preview.ts";
export { type AnswerMisfit, type FittedAnswer, fitAnswer } from "./answer-fit.ts";
export type {
  AnswerMisconception,
  AnswerType,
  AnswerTypeView,
  AuthorText,
} from "./answer-types/answer-type.ts";
export {
  type AnswerTypeName,
  answerTypeMisconceptions,
  answerTypeMisconceptionsFor,
  answerTypeNames,
  answerTypeOf,
} from "./answer-types/registry.ts";
export {
  checkExercise,
  type ExerciseProblem,
  evaluateAuthorExpression,
  formatValue,
  variantValues,
} from "./check.ts";
export {
  type CompiledAnswer,
  compileExercise,
  compileExerciseYaml,
  type Exercise,
  type SpecProblem,
} from "./exercise.ts";
export type { Value } from "./expression/evaluate.ts";
export { compare, type GradeOptions, grade, maxAnswerLength } from "./grade.ts";
export { type AnswerProblem, readAnswer } from "./learner-answer.ts";
export type { Locale, Localized } from "./messages.ts";
export { builtInDetectors, type Detector, detectorsFor } from "./misconceptions.ts";
export { drawParams } from "./params.ts";
export {
  type AnswerSpec,
  answerSpec,
  type ExerciseSpec,
  exerciseSpec,
  type MistakeSpec,
  type ParamSpec,
  type PartSpec,
  type TestSpec,
  type ToleranceSpec,
} from "./spec.ts";
export { defaultTolerance, type Tolerance, within } from "./tolerance.ts";
export type {
  CellMarks,
  CorrectVerdict,
  IncorrectVerdict,
  InvalidVerdict,
  PartialVerdict,
  PartVerdict,
  Verdict,
  VerdictMisconception,
  VerdictProblem,
  VerdictStatus,
} from "./verdict.ts";
