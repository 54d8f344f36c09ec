import { expect, it } from "vitest";
import * as content from "./index.ts";

// The package's public API. Changing it is a decision: update this list on purpose.
it("exports exactly its public API", () => {
  expect(Object.keys(content).sort()).toEqual([
    "APP_PATHS",
    "EXERCISE_ID",
    "ExerciseRenderer",
    "FormulaRenderer",
    "InterpolationError",
    "KATEX_LIMITS",
    "MarkdownRenderer",
    "SITE_SETTINGS_FILE",
    "WIDGETS",
    "builtinShortcodes",
    "closeExerciseIds",
    "createLocator",
    "exerciseTitle",
    "exerciseWidget",
    "formatDiagnostic",
    "formulaWords",
    "hasErrors",
    "hugoMath",
    "interpolate",
    "latexOf",
    "lessonFrontMatterSchema",
    "loadExercises",
    "loadSite",
    "pageUrl",
    "parseFrontMatter",
    "plainTex",
    "searchSections",
    "siteFiles",
    "siteLanguages",
    "siteSettingsSchema",
    "splitAtSlots",
    "widgetShortcode",
  ]);
});
