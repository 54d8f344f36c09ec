import "server-only";
import { createHash } from "node:crypto";
import { ExerciseRenderer, type SiteExercise } from "@llm-basics/content";
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

const versions = new WeakMap<object, string>();

/**
 * A short hash of an exercise's spec, stored with each variant: attempts made on an older
 * wording of an exercise can be told apart. `contentVersion(ex)` → "3f9a0c1d2b4e".
 */
export function contentVersion(exercise: SiteExercise): string {
  let version = versions.get(exercise.exercise);
  if (version === undefined) {
    version = createHash("sha256").update(JSON.stringify(exercise.exercise.spec)).digest("hex").slice(0, 12);
    versions.set(exercise.exercise, version);
  }
  return version;
}
