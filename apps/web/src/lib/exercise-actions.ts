"use server";

import { EXERCISE_ID, type SiteExercise } from "@llm-basics/content";
import { recordAttempt, type UserView, type VariantView } from "@llm-basics/db";
import { grade, type Locale, maxAnswerLength } from "@llm-basics/grading";
import { headers } from "next/headers";
import { z } from "zod";
import { database } from "@/lib/db";
import { contentVersion, exerciseRenderer, localeOf } from "@/lib/exercises";
import { cpuMilliseconds } from "@/lib/grading-api/exercises";
import { chargeClient, chargeGradingTime } from "@/lib/grading-api/handler";
import { currentVariant, ensureLearner, exerciseStateOf, nextVariant } from "@/lib/learner";
import { hintsDue, solutionDue } from "@/lib/learner-state";
import { type LearnerVerdict, learnerVerdict } from "@/lib/learner-verdict";
import { getSite } from "@/lib/site";

// The learner's side of grading: the page's exercise form calls these. Each one checks its
// input, finds the learner's variant in the database (making a visitor a guest on their first
// answer) and answers with only what the learner may see now: the verdict without its
// tolerance, and the hints and solution that are due. A graded attempt is recorded, with the
// progress it changes, before the answer is sent.

/** Why an action did nothing (the form says it in the page's language). */
export type ExerciseActionError = "unknown-exercise" | "bad-input" | "stale-variant" | "rate-limited";

export type ExerciseActionFailure = { ok: false; error: ExerciseActionError; message: string };

/** What the learner gets back for an answer. */
export type SubmitAnswerResult =
  | {
      ok: true;
      verdict: LearnerVerdict;
      /** Wrong attempts on this variant, after this answer. */
      attempts: number;
      solved: boolean;
      /** Every hint due now (hint k after k wrong attempts), as HTML. */
      hintsHtml: string[];
      /** The worked solution, once solved or after three wrong attempts. */
      solutionHtml?: string;
    }
  | ExerciseActionFailure;

export type NewVariantResult = { ok: true } | ExerciseActionFailure;

const exerciseIdInput = z.string().regex(EXERCISE_ID);
/** One answer, or one per part of a multi-part exercise (the grader itself limits parts' texts too). */
const answerInput = z.union([
  z.string().max(maxAnswerLength),
  z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), z.string().max(maxAnswerLength))
    .refine((parts) => Object.keys(parts).length <= 32, "at most 32 parts"),
]);
const seedInput = z
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/**
 * Grades an answer to the learner's own variant of an exercise. `seed` is the variant the page
 * showed: when the learner has moved on to another (in another tab), nothing is graded.
 * An unreadable answer ("invalid") never uses an attempt.
 */
export async function submitAnswer(
  exerciseId: unknown,
  answer: unknown,
  seed?: unknown,
  pageLocale?: unknown,
): Promise<SubmitAnswerResult> {
  // Grading from the page counts against the same per-client limit as the grading API.
  const requestHeaders = await headers();
  const decision = chargeClient(requestHeaders, 1);
  if (decision && !decision.allowed) {
    return failure("rate-limited", `too many answers; retry in ${decision.retryAfterSeconds} s`);
  }
  const input = z
    .object({
      exerciseId: exerciseIdInput,
      answer: answerInput,
      seed: seedInput.optional(),
      // The language of the page answered on: an exercise is shared by a lesson's translations.
      locale: z.enum(["zh", "en"]).optional(),
    })
    .safeParse({ exerciseId, answer, seed, locale: pageLocale });
  if (!input.success) return failure("bad-input", "the exercise id, answer, seed or locale is not valid");
  const found = await learnerExercise(input.data.exerciseId);
  if (!found.ok) return found;
  const { exercise, user, pageSeedKey, page } = found;
  const locale = input.data.locale ?? found.locale;
  const variant = await currentVariant(user, exercise.id, contentVersion(exercise), pageSeedKey);
  if (input.data.seed !== undefined && input.data.seed !== variant.seed) {
    return failure("stale-variant", "the learner's current variant is not the one answered");
  }
  const started = cpuMilliseconds();
  const verdict = grade(exercise.exercise, variant.seed, input.data.answer, { locale });
  chargeGradingTime(requestHeaders, 1, cpuMilliseconds() - started);
  let now: VariantView = variant;
  if (verdict.status !== "invalid") {
    // An unreadable answer uses no attempt and is not recorded.
    const recorded = await recordAttempt(database(), {
      userId: user.id,
      variantId: variant.id,
      lessonPath: exercise.pageUrl,
      lessonExerciseIds: page,
      answer: input.data.answer,
      status: verdict.status,
      score: verdict.score,
      misconception: verdict.misconception ?? null,
      requireCurrent: true,
    });
    if (!recorded.ok) return failure("stale-variant", "the learner's current variant is not the one answered");
    now = recorded.variant;
  }
  const state = exerciseStateOf(now);
  const renderer = exerciseRenderer();
  const hintsHtml = await renderer.hints(exercise, state.seed, hintsDue(state, renderer.hintCount(exercise)), locale);
  const solutionHtml = solutionDue(state) ? await renderer.solution(exercise, state.seed, locale) : undefined;
  return {
    ok: true,
    verdict: learnerVerdict(verdict),
    attempts: state.a,
    solved: state.s,
    hintsHtml,
    ...(solutionHtml === undefined ? {} : { solutionHtml }),
  };
}

/** Moves the learner to the next variant of an exercise (new numbers, no attempts). */
export async function newVariant(exerciseId: unknown): Promise<NewVariantResult> {
  // Each new variant is a committed write (and a visitor's first one makes a guest): it costs
  // a unit of the same per-client limit as an answer.
  const decision = chargeClient(await headers(), 1);
  if (decision && !decision.allowed) {
    return failure("rate-limited", `too many requests; retry in ${decision.retryAfterSeconds} s`);
  }
  const input = exerciseIdInput.safeParse(exerciseId);
  if (!input.success) return failure("bad-input", "the exercise id is not valid");
  const found = await learnerExercise(input.data);
  if (!found.ok) return found;
  const version = contentVersion(found.exercise);
  const current = await currentVariant(found.user, found.exercise.id, version, found.pageSeedKey);
  await nextVariant(found.user, found.exercise.id, current.number, version);
  return { ok: true };
}

/** "New variant" as a plain form action: works without JavaScript (the page re-renders). */
export async function newVariantFromForm(exerciseId: string): Promise<void> {
  await newVariant(exerciseId);
}

async function learnerExercise(
  id: string,
): Promise<
  | { ok: true; exercise: SiteExercise; user: UserView; pageSeedKey: string; locale: Locale; page: string[] }
  | ExerciseActionFailure
> {
  const site = await getSite();
  const exercise = site.exercises.get(id);
  if (!exercise) return failure("unknown-exercise", `the course has no exercise "${id}"`);
  const learner = await ensureLearner();
  // Without the learner's cookies the variant on their page cannot be known.
  if (!learner) return failure("stale-variant", "no learner cookie");
  const lesson = site.pageAt(exercise.pageUrl);
  const locale = localeOf(lesson?.lang ?? site.settings.language);
  return { ok: true, exercise, ...learner, locale, page: lesson?.exercises ?? [exercise.id] };
}

function failure(error: ExerciseActionError, message: string): ExerciseActionFailure {
  return { ok: false, error, message };
}
