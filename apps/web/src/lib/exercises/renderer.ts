import "server-only";
import { ExerciseRenderer } from "@llm-basics/content";
import type { Locale } from "@llm-basics/grading";

let renderer: ExerciseRenderer | undefined;

/** Renders exercise prompts, hints and solutions for one variant (one per server process). */
export function exerciseRenderer(): ExerciseRenderer {
  renderer ??= new ExerciseRenderer();
  return renderer;
}

/** The language feedback is given in for a page's language (`zh-CN` → zh). */
export function localeOf(lang: string | undefined): Locale {
  return lang?.toLowerCase().startsWith("en") ? "en" : "zh";
}
