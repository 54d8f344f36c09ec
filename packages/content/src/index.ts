export { APP_PATHS } from "./app-paths.ts";
export { pageUrl } from "./course-files.ts";
export { createLocator, type Diagnostic, formatDiagnostic, hasErrors, type Severity } from "./diagnostics.ts";
export { closeExerciseIds, type ExerciseIndex, loadExercises } from "./exercise-index.ts";
export {
  type AnswerView,
  ExerciseRenderer,
  type ExerciseView,
  type ExerciseWidget,
  exerciseTitle,
  InterpolationError,
  interpolate,
  latexOf,
} from "./exercise-view.ts";
export { type CourseExercise, EXERCISE_ID, type LessonSegment, splitAtSlots } from "./exercises.ts";
export { type LessonFrontMatter, lessonFrontMatterSchema, parseFrontMatter } from "./front-matter.ts";
export { FormulaRenderer, KATEX_LIMITS } from "./math-render.ts";
export { type HugoMathOptions, hugoMath } from "./math-syntax.ts";
export {
  MarkdownRenderer,
  type MarkdownRendererOptions,
  type RenderContext,
  type RenderedDocument,
  type TocEntry,
} from "./pipeline.ts";
export { formulaWords, plainTex, type SearchSection, searchSections } from "./search-sections.ts";
export {
  builtinShortcodes,
  type ShortcodeCall,
  type ShortcodeContext,
  type ShortcodeDefinition,
  type ShortcodeOutput,
} from "./shortcodes.ts";
export { type LoadSiteOptions, loadSite, type Page, type Site, type SiteExercise } from "./site.ts";
export { type SiteFile, siteFiles } from "./site-files.ts";
export {
  SITE_SETTINGS_FILE,
  type SiteLanguage,
  type SiteSettings,
  siteLanguages,
  siteSettingsSchema,
} from "./site-settings.ts";
export { exerciseWidget, WIDGETS, type WidgetParams, widgetShortcode } from "./widgets.ts";
