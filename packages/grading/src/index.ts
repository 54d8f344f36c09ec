export { type AnswerPreview, previewLatex } from "./answer/preview.ts";
export { type AnswerMisfit, type FittedAnswer, fitAnswer } from "./answer-fit.ts";
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
  drawParams,
  type Exercise,
  type SpecProblem,
} from "./exercise.ts";
export type { Value } from "./expression/evaluate.ts";
export {
  compare,
  type GradeOptions,
  grade,
  maxAnswerLength,
  type PartVerdict,
  type Verdict,
  type VerdictStatus,
} from "./grade.ts";
export { type AnswerProblem, readAnswer } from "./learner-answer.ts";
export type { Locale, Localized } from "./messages.ts";
export { builtInDetectors, type Detector, detectorsFor } from "./misconceptions.ts";
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
