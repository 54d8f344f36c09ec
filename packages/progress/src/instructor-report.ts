import type { SiteExercise } from "@llm-basics/content";
import { answerTypeMisconceptions, builtInDetectors, type Exercise, type Locale } from "@llm-basics/grading";

// What /instructor/ shows of the course: every exercise in course order, grouped by lesson,
// with how learners did on it (exercises nobody has answered yet included), and what the
// misconceptions learners showed are called. Pure: the page passes the site and the statistics.

/**
 * How learners did on one exercise (packages/db's `exerciseStats` returns these; declared here
 * so this package needs no database).
 */
export interface ExerciseStats {
  exerciseId: string;
  attempts: number;
  /** Learners who answered it. */
  learners: number;
  correct: number;
  /** The most frequent wrong answers as typed, most frequent first. */
  wrongAnswers: readonly { answer: string; count: number }[];
  /** The misconceptions wrong answers showed, most frequent first. */
  misconceptions: readonly { id: string; topic: string; count: number }[];
}

/** A wrong answer as the page shows it: shortened, with how often it was given. */
export interface WrongAnswerLine {
  text: string;
  /** The stored answer was longer than `text` shows. */
  truncated: boolean;
  count: number;
}

/** A misconception learners showed, with what the grader tells a learner about it when known. */
export interface MisconceptionLine {
  id: string;
  topic: string;
  count: number;
  /** The message of the built-in detector or the author's mistake with this id; undefined when neither has it now. */
  message: string | undefined;
}

/** One exercise's line in the report. */
export interface ExerciseReport {
  id: string;
  title: string | undefined;
  /** Where it is: the lesson's URL with the exercise's anchor. */
  href: string | undefined;
  attempts: number;
  learners: number;
  correct: number;
  /** correct / attempts; null when nobody has answered. */
  successRate: number | null;
  wrongAnswers: WrongAnswerLine[];
  misconceptions: MisconceptionLine[];
}

/** The report: the course's lessons with their exercises, and attempts on exercises the course no longer has. */
export interface CourseReport {
  lessons: { url: string; title: string; exercises: ExerciseReport[] }[];
  /** Exercises with attempts whose id the course no longer has (renamed or removed), by id. */
  retired: ExerciseReport[];
  totals: { exercises: number; answered: number; attempts: number; correct: number };
}

/** The longest wrong answer shown whole, in characters; longer ones are cut with "…". */
export const ANSWER_PREVIEW_CHARACTERS = 160;

/**
 * A stored answer as one line: a multi-part answer (stored as JSON) as `part: text` pairs,
 * cut to `max` characters. `answerPreview('{"a":"1","b":"2"}')` → `{ text: "a: 1 · b: 2", truncated: false }`.
 */
export function answerPreview(stored: string, max = ANSWER_PREVIEW_CHARACTERS): { text: string; truncated: boolean } {
  const text = partsOf(stored) ?? stored;
  const characters = [...text];
  return characters.length <= max
    ? { text, truncated: false }
    : { text: `${characters.slice(0, max - 1).join("")}…`, truncated: true };
}

function partsOf(stored: string): string | undefined {
  if (!stored.startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed);
    if (entries.some(([, v]) => typeof v !== "string")) return undefined;
    return entries.map(([k, v]) => `${k}: ${v}`).join(" · ");
  } catch {
    return undefined;
  }
}

const pick = (text: string | { zh: string; en: string } | undefined, locale: Locale) =>
  text === undefined || typeof text === "string" ? text : text[locale];

/**
 * What the grader tells a learner whose answer shows misconception `id`: the exercise's own
 * mistake with that id first (the grader reports an author's mistake under its id), then a
 * built-in detector. `misconceptionMessage(undefined, "attention-no-scaling", "zh")` → "你没有把 QKᵀ 除以 √d_k。…"
 */
export function misconceptionMessage(exercise: Exercise | undefined, id: string, locale: Locale): string | undefined {
  for (const answer of exercise?.answers ?? []) {
    const own = answer.mistakes.find((m) => m.id === id);
    if (own) return pick(own.spec.message, locale);
  }
  const detector = [...builtInDetectors, ...answerTypeMisconceptions].find((d) => d.id === id);
  return detector ? detector.message[locale] : undefined;
}

function exerciseReport(
  id: string,
  exercise: SiteExercise | undefined,
  stats: ExerciseStats | undefined,
  locale: Locale,
  lessonUrl: string | undefined,
): ExerciseReport {
  const attempts = stats?.attempts ?? 0;
  return {
    id,
    title: pick(exercise?.exercise.spec.title, locale),
    href: lessonUrl ? `${lessonUrl}#exercise-${id}` : undefined,
    attempts,
    learners: stats?.learners ?? 0,
    correct: stats?.correct ?? 0,
    successRate: attempts > 0 ? (stats?.correct ?? 0) / attempts : null,
    wrongAnswers: (stats?.wrongAnswers ?? []).map((w) => ({ ...answerPreview(w.answer), count: w.count })),
    misconceptions: (stats?.misconceptions ?? []).map((m) => ({
      ...m,
      message: misconceptionMessage(exercise?.exercise, m.id, locale),
    })),
  };
}

/**
 * The report of a course (`exercises` in course order, as `site.exercises` holds them) from
 * the database's statistics, which only has exercises that were answered.
 */
export function courseReport(
  exercises: Iterable<SiteExercise>,
  stats: readonly ExerciseStats[],
  locale: Locale,
  /** The lesson in the reader's language: its URL and title, when it has a translation. */
  translated: (url: string) => { url: string; title: string } | undefined = () => undefined,
): CourseReport {
  const byId = new Map(stats.map((s) => [s.exerciseId, s]));
  const lessons: CourseReport["lessons"] = [];
  const inCourse = new Set<string>();
  for (const exercise of exercises) {
    inCourse.add(exercise.id);
    let lesson = lessons.at(-1);
    const shown = translated(exercise.pageUrl) ?? { url: exercise.pageUrl, title: exercise.pageTitle };
    if (lesson?.url !== shown.url) {
      lesson = { url: shown.url, title: shown.title, exercises: [] };
      lessons.push(lesson);
    }
    lesson.exercises.push(exerciseReport(exercise.id, exercise, byId.get(exercise.id), locale, shown.url));
  }
  const retired = stats
    .filter((s) => !inCourse.has(s.exerciseId))
    .map((s) => exerciseReport(s.exerciseId, undefined, s, locale, undefined))
    .sort((a, b) => a.id.localeCompare(b.id));
  const all = [...lessons.flatMap((l) => l.exercises), ...retired];
  return {
    lessons,
    retired,
    totals: {
      exercises: inCourse.size,
      answered: all.filter((e) => e.attempts > 0).length,
      attempts: all.reduce((n, e) => n + e.attempts, 0),
      correct: all.reduce((n, e) => n + e.correct, 0),
    },
  };
}

/** `percent(0.4267)` → "43%"; a rate above 0 never shows as 0%, nor one below 1 as 100%. */
export function percent(rate: number): string {
  if (rate > 0 && rate < 0.01) return "<1%";
  if (rate < 1 && rate > 0.99) return ">99%";
  return `${Math.round(rate * 100)}%`;
}
