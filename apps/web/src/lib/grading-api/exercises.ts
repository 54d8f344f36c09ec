import "server-only";
import { closeExerciseIds, type Site, type SiteExercise } from "@llm-basics/content";
import { type FittedAnswer, fitAnswer, grade, type Locale, type Verdict } from "@llm-basics/grading";
import type { z } from "zod";
import { getSite } from "@/lib/course/site";
import { exerciseRenderer } from "@/lib/exercises/renderer";
import { gradingClock, millisecondsSince } from "@/lib/http/grading-clock";
import { ApiError, fieldName, said } from "@/lib/http/json";
import type { batchItemSchema, exerciseSummarySchema, exerciseViewSchema } from "./schemas";

type ExerciseSummary = z.output<typeof exerciseSummarySchema>;
type BatchItem = z.output<typeof batchItemSchema>;

function pick(text: string | { zh: string; en: string } | undefined, locale: Locale): string | undefined {
  return text === undefined || typeof text === "string" ? text : text[locale];
}

/** What the exercise list says of one exercise. */
/** The exercise's lesson in a language: its translation's URL and title when it has one. */
function lessonIn(site: Site, exercise: SiteExercise, locale: Locale): { url: string; title: string } {
  const page = site.pageAt(exercise.pageUrl);
  const shown = page ? site.translationsOf(page).get(locale) : undefined;
  return shown ? { url: shown.url, title: shown.title } : { url: exercise.pageUrl, title: exercise.pageTitle };
}

function summaryOf(site: Site, exercise: SiteExercise, locale: Locale): ExerciseSummary {
  const { answers, spec } = exercise.exercise;
  const title = pick(spec.title, locale);
  return {
    id: exercise.id,
    ...(title === undefined ? {} : { title }),
    lesson: lessonIn(site, exercise, locale),
    answerTypes: answers.map((a) => a.spec.type),
    parts: exercise.exercise.multiPart ? answers.map((a) => ({ id: a.id as string, type: a.spec.type })) : [],
  };
}

// The list is the same for every request to one loaded site: built once per site and locale.
const lists = new WeakMap<Site, Map<Locale, string>>();

/** The exercise list as JSON text, `{ exercises: [...] }`. */
export async function exerciseListJson(locale: Locale): Promise<string> {
  const site = await getSite();
  let byLocale = lists.get(site);
  if (!byLocale) {
    byLocale = new Map();
    lists.set(site, byLocale);
  }
  let json = byLocale.get(locale);
  if (json === undefined) {
    json = JSON.stringify({ exercises: [...site.exercises.values()].map((e) => summaryOf(site, e, locale)) });
    byLocale.set(locale, json);
  }
  return json;
}

function notFound(id: string, site: Site, field?: string): ApiError {
  const close = closeExerciseIds(id, site.exercises.keys());
  return new ApiError(
    404,
    "exercise-not-found",
    said(
      `no exercise "${id}"${close.length > 0 ? `; did you mean ${close.join(", ")}?` : ""}`,
      `没有练习“${id}”${close.length > 0 ? `；你是不是要找 ${close.join("、")}？` : ""}`,
    ),
    field === undefined ? {} : { field },
  );
}

/** The exercise with this id, or a 404 that names the close ids. */
export async function exerciseOr404(id: string): Promise<SiteExercise> {
  const site = await getSite();
  const exercise = site.exercises.get(id);
  if (!exercise) throw notFound(id, site);
  return exercise;
}

/** One variant as a learner sees it: never the answer, tolerance, mistakes, hints or solution. */
export async function exerciseView(
  exercise: SiteExercise,
  seed: number,
  locale: Locale,
): Promise<z.output<typeof exerciseViewSchema>> {
  const [view, site] = await Promise.all([exerciseRenderer().view(exercise, seed, locale), getSite()]);
  return { ...view, lesson: lessonIn(site, exercise, locale) };
}

/** The answer typed as its exercise takes it, or a 400 about `field` saying why it does not fit. */
function fitted(exercise: SiteExercise, answer: unknown, field: string): FittedAnswer | ApiError {
  const fit = fitAnswer(exercise.exercise, answer);
  if (fit.ok) return fit.answer;
  const { en, zh } = fit.message;
  return new ApiError(400, "invalid-answer", said(`${field}: ${en}`, `${field}：${zh}`), { field });
}

/** Grades one answer, or throws a 400 when it does not fit the exercise. */
export function gradeAnswer(
  exercise: SiteExercise,
  seed: number,
  answer: BatchItem["answer"],
  locale: Locale,
): { verdict: Verdict; milliseconds: number } {
  const fit = fitted(exercise, answer, "answer");
  if (fit instanceof ApiError) throw fit;
  const started = gradingClock();
  const verdict = grade(exercise.exercise, seed, fit, { locale });
  return { verdict, milliseconds: millisecondsSince(started) };
}

/** Grading time (lib/http/grading-clock.ts) one batch may spend: real batches of 1,000 take well under a second. */
export const BATCH_BUDGET_MILLISECONDS = 5000;
/** A batch lets other requests run at least this often. */
const YIELD_EVERY_MILLISECONDS = 20;

/**
 * Grades a batch in order. An answer whose exercise does not exist, or that does not fit it,
 * or that `refuse` refuses (a learner who does not exist), gets an error object in its place;
 * the others are graded all the same. Past the batch's time budget (only pathological answers
 * get there) the rest get a "batch-time-exceeded" error. `milliseconds` is the time grading
 * took (lib/http/grading-clock.ts).
 */
export async function gradeBatch(
  items: readonly BatchItem[],
  locale: Locale,
  refuse: (item: BatchItem, index: number) => ApiError | undefined = () => undefined,
): Promise<{ verdicts: Array<Verdict | ApiError>; milliseconds: number }> {
  const site = await getSite();
  const verdicts: Array<Verdict | ApiError> = [];
  let lastYield = performance.now();
  let spent = 0;
  let since = gradingClock();
  let outOfTime = false;
  for (const [i, item] of items.entries()) {
    if (!outOfTime && performance.now() - lastYield > YIELD_EVERY_MILLISECONDS) {
      // A long batch must not hold up everyone else's requests (whose time is theirs).
      spent += millisecondsSince(since);
      outOfTime = spent > BATCH_BUDGET_MILLISECONDS;
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      since = gradingClock();
    }
    if (outOfTime) {
      const seconds = BATCH_BUDGET_MILLISECONDS / 1000;
      const message = said(
        `not graded: this batch used its ${seconds} s of grading; send answers ${i}… again`,
        `未评分：这一批已用完 ${seconds} 秒的评分时间；请重新发送第 ${i} 个起的答案`,
      );
      verdicts.push(new ApiError(503, "batch-time-exceeded", message, { field: fieldName(["answers", i]) }));
      continue;
    }
    const exercise = site.exercises.get(item.exerciseId);
    if (!exercise) {
      verdicts.push(notFound(item.exerciseId, site, fieldName(["answers", i, "exerciseId"])));
      continue;
    }
    const fit = fitted(exercise, item.answer, fieldName(["answers", i, "answer"]));
    if (fit instanceof ApiError) {
      verdicts.push(fit);
      continue;
    }
    const refused = refuse(item, i);
    if (refused) {
      verdicts.push(refused);
      continue;
    }
    verdicts.push(grade(exercise.exercise, item.seed, fit, { locale }));
  }
  return { verdicts, milliseconds: spent + millisecondsSince(since) };
}
