import "server-only";
import { ExerciseRenderer, type SiteExercise } from "@llm-basics/content";
import type { Locale } from "@llm-basics/grading";
import { getSite } from "@/lib/site";

let renderer: ExerciseRenderer | undefined;

/** Renders exercise prompts, hints and solutions for one variant (one per server process). */
export function exerciseRenderer(): ExerciseRenderer {
  renderer ??= new ExerciseRenderer();
  return renderer;
}

/** The exercise with this id, or undefined when the course has none. */
export async function findExercise(id: string): Promise<SiteExercise | undefined> {
  return (await getSite()).exercises.get(id);
}

/** The language feedback is given in for a page's language (`zh-CN` → zh). */
export function localeOf(lang: string | undefined): Locale {
  return lang?.toLowerCase().startsWith("en") ? "en" : "zh";
}
