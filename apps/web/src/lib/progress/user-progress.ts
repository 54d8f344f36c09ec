import "server-only";
import { learnerProgress, misconceptionsByExercise, type UserView } from "@llm-basics/db";
import { courseOutline } from "@llm-basics/progress/outline";
import { type ProgressSummary, summarizeProgress } from "@llm-basics/progress/summary";
import { getSite } from "@/lib/course/site";
import { database } from "@/lib/db";
import type { Locale } from "@/lib/i18n";

/** A user's progress through the course as it is now. Callers pass the session's own user, never one named by a request. */
export async function progressOf(user: UserView, locale: Locale = "zh"): Promise<ProgressSummary> {
  const db = database();
  const [site, progress, misconceptions] = await Promise.all([
    getSite(),
    learnerProgress(db, user.id),
    misconceptionsByExercise(db, user.id),
  ]);
  return summarizeProgress(
    courseOutline(site, locale),
    { exercises: progress.exercises, lessons: progress.lessons, misconceptions },
    locale,
  );
}
