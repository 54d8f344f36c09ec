import type { Locale } from "@llm-basics/grading";
import type { LearnerExercise } from "./learner-exercises";

// The browser's side of GET /api/my-exercises: every exercise island on a page asks for its
// variant as it nears the screen, and the asks of one moment go out as one request.

/**
 * Fired on window when the exercises shown may no longer be the learner's (a first answer made
 * a new guest) or the course's (`pnpm dev` saw content/ change): the islands ask again.
 */
export const EXERCISES_STALE_EVENT = "llm-basics:exercises-stale";

/** Tells the page's exercise islands to ask for their variants again. */
export function refreshExercises(): void {
  window.dispatchEvent(new Event(EXERCISES_STALE_EVENT));
}

interface Batch {
  ids: Set<string>;
  result: Promise<Record<string, LearnerExercise>>;
}

const batches = new Map<Locale, Batch>();

/** The last request sent: the next one waits for it. */
let previous: Promise<unknown> = Promise.resolve();

/**
 * One request at a time. The response to a first-time visitor's first request brings the
 * cookie with their new id; a second request sent before it arrived (more exercises coming near
 * the screen) would be given another id, and the page would show two learners' numbers.
 */
function fetchExercises(ids: readonly string[], locale: Locale): Promise<Record<string, LearnerExercise>> {
  const query = new URLSearchParams({ ids: ids.join(","), locale });
  const result = previous
    .catch(() => undefined)
    .then(async () => {
      const response = await fetch(`/api/my-exercises?${query}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`GET /api/my-exercises: HTTP ${response.status}`);
      return ((await response.json()) as { exercises: Record<string, LearnerExercise> }).exercises;
    });
  previous = result;
  return result;
}

/** The learner's own variant of exercise `id`; asks made in the same task share one request. */
export function loadLearnerExercise(id: string, locale: Locale): Promise<LearnerExercise> {
  let batch = batches.get(locale);
  if (!batch) {
    const ids = new Set<string>();
    // Sent once the current task is over, when every island rendered with it has asked.
    const result = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      batches.delete(locale);
      return fetchExercises([...ids], locale);
    });
    batch = { ids, result };
    batches.set(locale, batch);
  }
  batch.ids.add(id);
  return batch.result.then((exercises) => {
    const exercise = exercises[id];
    if (!exercise) throw new Error(`GET /api/my-exercises: no answer for ${id}`);
    return exercise;
  });
}
