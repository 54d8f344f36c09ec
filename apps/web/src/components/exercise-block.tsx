import "./exercise-block.css";
import { exerciseTitle, type Page, type Site } from "@llm-basics/content";
import { env } from "@/env";
import { localeOf } from "@/lib/exercises/renderer";
import { ExerciseIsland } from "./exercise-island";

/**
 * One exercise in a lesson, as the lesson's HTML holds it: the same for every visitor (so the
 * page stays prerendered and cacheable). The island fills in the learner's own variant.
 */
export function ExerciseBlock({ id, site, page }: { id: string; site: Site; page: Page }) {
  const exercise = site.exercises.get(id);
  if (!exercise) {
    // The spec did not compile: the author sees why in the page's problem box (development only).
    if (!env.isDev) return null;
    return (
      <div className="exercise-author-error" role="note">
        Exercise <code>{id}</code> is not shown: its spec has errors (listed at the top of this page).
      </div>
    );
  }
  const locale = localeOf(page.lang);
  return <ExerciseIsland id={id} title={exerciseTitle(exercise, locale)} locale={locale} />;
}
