import { expect, it } from "vitest";
import * as instructorReport from "./instructor-report.ts";
import * as learnerState from "./learner-state.ts";
import * as outline from "./outline.ts";
import * as summary from "./summary.ts";

// The package's public API, one list per subpath export. Changing it is a decision: update the
// README with these lists.
it("exports exactly the documented public API", () => {
  expect(Object.keys(instructorReport).sort()).toEqual([
    "ANSWER_PREVIEW_CHARACTERS",
    "answerPreview",
    "courseReport",
    "misconceptionMessage",
    "percent",
  ]);
  expect(Object.keys(learnerState).sort()).toEqual([
    "SOLUTION_AFTER_WRONG_ATTEMPTS",
    "freshState",
    "hintsDue",
    "solutionDue",
    "variantSeed",
  ]);
  expect(Object.keys(outline).sort()).toEqual([
    "courseOutline",
    "exerciseMisconceptions",
    "firstSentence",
    "progressLessons",
  ]);
  expect(Object.keys(summary).sort()).toEqual(["percent", "progressHeadline", "summarizeProgress", "topicLabel"]);
});
