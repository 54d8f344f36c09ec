import type { Diagnostic } from "./diagnostics.ts";
import { ExerciseRenderer } from "./exercise-view.ts";
import { loadSite } from "./site.ts";

/** What `content:check` found. */
export interface ContentReport {
  pages: number;
  formulas: number;
  exercises: number;
  diagnostics: Diagnostic[];
}

/** How many variants of each exercise `content:check` tries. */
export const CHECKED_SEEDS = 50;

/**
 * Checks a content directory the way both builds see it: with drafts (so a draft's own
 * problems show) and without (so a published page that links to a draft is caught). Every
 * exercise is tried on `CHECKED_SEEDS` variants.
 */
export async function checkContent(contentDir: string): Promise<ContentReport> {
  const [withDrafts, published] = await Promise.all([
    loadSite({ contentDir, includeDrafts: true }),
    loadSite({ contentDir, includeDrafts: false }),
  ]);
  const exercises = new ExerciseRenderer({ language: withDrafts.settings.language });
  const exerciseDiagnostics: Diagnostic[] = [];
  for (const exercise of withDrafts.exercises.values()) {
    exerciseDiagnostics.push(...(await exercises.check(exercise, CHECKED_SEEDS)));
  }
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const d of [...withDrafts.diagnostics, ...published.diagnostics, ...exerciseDiagnostics]) {
    const key = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const pages = [...(withDrafts.home ? [withDrafts.home] : []), ...withDrafts.lessons];
  return {
    pages: pages.length,
    formulas: pages.reduce((sum, p) => sum + p.formulas.display + p.formulas.inline, 0),
    exercises: withDrafts.exercises.size,
    diagnostics,
  };
}
