import { expect, it } from "vitest";
import * as content from "./index.ts";

// The package's public API. Changing it is a decision: update this list on purpose.
it("exports exactly its public API", () => {
  expect(Object.keys(content).sort()).toEqual([
    "FormulaRenderer",
    "KATEX_LIMITS",
    "MarkdownRenderer",
    "SITE_SETTINGS_FILE",
    "builtinShortcodes",
    "createLocator",
    "formatDiagnostic",
    "hasErrors",
    "hugoMath",
    "lessonFrontMatterSchema",
    "loadSite",
    "pageUrl",
    "parseFrontMatter",
    "siteSettingsSchema",
  ]);
});
