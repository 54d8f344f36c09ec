import "server-only";
import { closeExerciseIds, type Site, type SiteExercise } from "@llm-basics/content";
import { grade, type Locale, type Verdict } from "@llm-basics/grading";
import type { z } from "zod";
import { exerciseRenderer } from "@/lib/exercises";
import { getSite } from "@/lib/site";
import { ApiError, fieldName, type Said, said } from "./http";
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

/**
 * Why an answer cannot be for this exercise (text for a multi-part one, an object for a single
 * answer, a part it does not have), or undefined when it fits. A part left out is the
 * learner's business: the verdict says it was not answered.
 */
function misfit(exercise: SiteExercise, answer: BatchItem["answer"]): Said | undefined {
  const parts = exercise.exercise.answers.map((a) => a.id);
  const id = exercise.id;
  if (!exercise.exercise.multiPart) {
    return typeof answer === "string"
      ? undefined
      : said(
          `exercise "${id}" takes one answer as text, not an object of parts`,
          `练习“${id}”只收一个文本答案，不收小问对象`,
        );
  }
  const [list, listZh] = [parts.join(", "), parts.join("、")];
  if (typeof answer === "string") {
    return said(
      `exercise "${id}" has parts: send an object of part id → text with the parts ${list}`,
      `练习“${id}”分小问：请发送“小问 id → 文本”的对象，小问为 ${listZh}`,
    );
  }
  const unknown = Object.keys(answer).find((k) => !parts.includes(k));
  return unknown === undefined
    ? undefined
    : said(
        `exercise "${id}" has no part "${unknown}"; its parts are ${list}`,
        `练习“${id}”没有小问“${unknown}”；它的小问是 ${listZh}`,
      );
}

/** A 400 for an answer that does not fit its exercise, about `field`. */
function invalidAnswer(field: string, problem: Said): ApiError {
  return new ApiError(400, "invalid-answer", said(`${field}: ${problem.en}`, `${field}：${problem.zh}`), { field });
}

/** Grades one answer, or throws a 400 when it does not fit the exercise. */
export function gradeAnswer(
  exercise: SiteExercise,
  seed: number,
  answer: BatchItem["answer"],
  locale: Locale,
): { verdict: Verdict; milliseconds: number } {
  const problem = misfit(exercise, answer);
  if (problem) throw invalidAnswer("answer", problem);
  const started = cpuMilliseconds();
  const verdict = grade(exercise.exercise, seed, answer, { locale });
  return { verdict, milliseconds: cpuMilliseconds() - started };
}

/**
 * CPU time this process has used, in milliseconds: what grading costs, whatever else the
 * machine is doing (wall-clock time would charge a client for another process's load).
 */
export function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU time one batch may spend grading: real batches of 1,000 take well under a second. */
export const BATCH_BUDGET_MILLISECONDS = 5000;
/** A batch lets other requests run at least this often. */
const YIELD_EVERY_MILLISECONDS = 20;

/**
 * Grades a batch in order. An answer whose exercise does not exist, or that does not fit it,
 * or that `refuse` refuses (a learner who does not exist), gets an error object in its place;
 * the others are graded all the same. Past the batch's time budget (only pathological answers
 * get there) the rest get a "batch-time-exceeded" error. `milliseconds` is the CPU time
 * grading took.
 */
export async function gradeBatch(
  items: readonly BatchItem[],
  locale: Locale,
  refuse: (item: BatchItem, index: number) => ApiError | undefined = () => undefined,
): Promise<{ verdicts: Array<Verdict | ApiError>; milliseconds: number }> {
  const site = await getSite();
  const verdicts: Array<Verdict | ApiError> = [];
  let lastYield = performance.now();
  let cpu = 0;
  let cpuSince = cpuMilliseconds();
  let outOfTime = false;
  for (const [i, item] of items.entries()) {
    if (!outOfTime && performance.now() - lastYield > YIELD_EVERY_MILLISECONDS) {
      // A long batch must not hold up everyone else's requests (whose CPU time is theirs).
      cpu += cpuMilliseconds() - cpuSince;
      outOfTime = cpu > BATCH_BUDGET_MILLISECONDS;
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
      cpuSince = cpuMilliseconds();
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
    const problem = misfit(exercise, item.answer);
    if (problem) {
      verdicts.push(invalidAnswer(fieldName(["answers", i, "answer"]), problem));
      continue;
    }
    const refused = refuse(item, i);
    if (refused) {
      verdicts.push(refused);
      continue;
    }
    verdicts.push(grade(exercise.exercise, item.seed, item.answer, { locale }));
  }
  return { verdicts, milliseconds: cpu + cpuMilliseconds() - cpuSince };
}
