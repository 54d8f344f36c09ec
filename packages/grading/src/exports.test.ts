import { expect, it } from "vitest";
import * as grading from "./index.ts";

it("exports exactly the documented public API", () => {
  // Adding or removing an export is an API change: update the README with this list.
  expect(Object.keys(grading).sort()).toEqual([
    "answerSpec",
    "answerTypeMisconceptions",
    "answerTypeMisconceptionsFor",
    "answerTypeNames",
    "answerTypeOf",
    "builtInDetectors",
    "checkExercise",
    "compare",
    "compileExercise",
    "compileExerciseYaml",
    "defaultTolerance",
    "detectorsFor",
    "drawParams",
    "evaluateAuthorExpression",
    "exerciseSpec",
    "fitAnswer",
    "formatValue",
    "grade",
    "maxAnswerLength",
    "previewLatex",
    "readAnswer",
    "variantValues",
    "within",
  ]);
});
