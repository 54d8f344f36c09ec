import {
  EXERCISE_ID,
  type ExerciseRenderer,
  type ExerciseWidget,
  type Site,
  type SiteExercise,
} from "@llm-basics/content";
import {
  createGuest,
  type Database,
  type NewGuest,
  type RecordedAttempt,
  recordAttempt,
  recordAttemptOnCurrent,
  type UserView,
  type VariantView,
  visitorSeedKey,
} from "@llm-basics/db";
import { fitAnswer, grade, type Locale } from "@llm-basics/grading";
import { type ExerciseState, freshState, hintsDue } from "@llm-basics/progress/learner-state";
import { z } from "zod";
import { type LearnerVerdict, learnerVerdict } from "@/lib/exercises/learner-verdict";
import { dueWithSolution } from "@/lib/exercises/solution-due";
import { gradingClock, millisecondsSince } from "@/lib/http/grading-clock";
import type { RateDecision } from "@/lib/http/rate-limit";
import { currentVariant, nextVariant, stateOf } from "./variants";

// An answer from a lesson page, from the request to the reply: checked against its exercise,
// metered, graded against the learner's own variant, recorded with the progress it changes,
// and answered with only what the learner may see now. The server actions are adapters around
// these functions (lib/attempts/actions.ts); nothing here knows about Next.js, so it is tested
// on its own against a real database (page.test.ts).

/** Why nothing was graded (the form says it in the page's language). */
export type PageAnswerError =
  | "unknown-exercise"
  | "bad-input"
  | "stale-variant"
  | "no-learner"
  | "rate-limited"
  | "too-many-guests";

export type PageAnswerFailure = {
  ok: false;
  error: PageAnswerError;
  /** In English, for logs and tests; the form shows its own words for `error`. */
  message: string;
  /** For a bad-input answer: what is wrong with it, in both languages. */
  problem?: { zh: string; en: string };
};

/** What the learner gets back for an answer. */
export type PageAnswerResult =
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
      /** The variant drawn by the exercise's widget, when the solution is. */
      widget?: ExerciseWidget;
    }
  | PageAnswerFailure;

/** Who is answering, as the request shows it; the adapter reads and writes the cookies. */
export interface Answerer {
  /** The session's user (a guest or an account), or null. */
  user(): Promise<UserView | null>;
  /** The visitor id the browser itself sent with this request (never one made up for it). */
  visitorId: string | undefined;
  /** Keeps a new guest's session (and its visitor id, when that changed) in the browser. */
  keep(guest: NewGuest): Promise<void>;
}

/** What an answer is checked, metered, graded and recorded with. */
export interface AttemptContext {
  db: Database;
  site: Site;
  renderer: ExerciseRenderer;
  /** Charges the client `units` of its rate limit; undefined when there is no limit. */
  charge(units: number): Promise<RateDecision | undefined>;
  /** Reports the CPU time grading took, charged after the fact past 1 ms. */
  graded(milliseconds: number): Promise<void>;
  /** Charges the client's address for one new guest; undefined when there is no limit. */
  chargeGuest(): Promise<RateDecision | undefined>;
}

const answerRequest = z.object({
  exerciseId: z.string().regex(EXERCISE_ID),
  // Its shape is the exercise's to say (fitAnswer), once the exercise is known.
  answer: z.unknown(),
  /** The variant the page showed: another one current means the learner moved on in another tab. */
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  /** The language of the page answered on: an exercise is shared by a lesson's translations. */
  locale: z.enum(["zh", "en"]).optional(),
});

/**
 * Grades an answer to the learner's own variant of an exercise and records it. An unreadable
 * answer ("invalid") uses no attempt, is not stored, and makes no guest; a visitor becomes a
 * guest with their first readable answer, and only when the browser sent its visitor id.
 */
export async function answerOnPage(
  input: { exerciseId: unknown; answer: unknown; seed?: unknown; locale?: unknown },
  answerer: Answerer,
  context: AttemptContext,
): Promise<PageAnswerResult> {
  const decision = await context.charge(1);
  if (decision && !decision.allowed) {
    return failure("rate-limited", `too many answers; retry in ${decision.retryAfterSeconds} s`);
  }
  const request = answerRequest.safeParse(input);
  if (!request.success) return failure("bad-input", "the exercise id, seed or locale is not valid");
  const exercise = context.site.exercises.get(request.data.exerciseId);
  if (!exercise) return failure("unknown-exercise", `the course has no exercise "${request.data.exerciseId}"`);
  const fit = fitAnswer(exercise.exercise, request.data.answer);
  if (!fit.ok) return { ...failure("bad-input", fit.message.en), problem: fit.message };
  const locale = request.data.locale ?? lessonLocale(context.site, exercise);

  // The variant answered: the user's current one, or for a visitor the one their id seeds. A
  // learner whose page says which numbers it showed (`seed`) is graded on those, and their
  // variant is found as the answer is written (one round trip to the database fewer): nothing
  // of the verdict is returned unless those are the numbers of their current variant.
  let user = await answerer.user();
  const shown = request.data.seed;
  let variant: VariantView | undefined;
  let state: ExerciseState | undefined;
  if (user && shown === undefined) {
    variant = await currentVariant(context.db, user, exercise);
    state = stateOf(variant);
  } else if (!user) {
    if (answerer.visitorId === undefined) {
      return failure("no-learner", "no session or visitor cookie: the page answered cannot be known");
    }
    state = freshState(visitorSeedKey(answerer.visitorId), exercise.id);
  }
  const seed = state?.seed ?? (shown as number);
  if (shown !== undefined && shown !== seed) return staleVariant();

  const started = gradingClock();
  const verdict = grade(exercise.exercise, seed, fit.answer, { locale });
  await context.graded(millisecondsSince(started));

  if (verdict.status !== "invalid") {
    const attempt = {
      lessonPath: exercise.pageUrl,
      lessonExerciseIds: context.site.pageAt(exercise.pageUrl)?.exercises ?? [exercise.id],
      answer: fit.answer,
      status: verdict.status,
      score: verdict.score,
      misconception: verdict.misconception ?? null,
    };
    let recorded: RecordedAttempt | undefined;
    if (user && !variant) {
      recorded = await recordAttemptOnCurrent(context.db, {
        userId: user.id,
        exerciseId: exercise.id,
        seed,
        ...attempt,
      });
      // No page variant with those numbers: their first answer to the exercise (made now).
      if (!recorded.ok && recorded.problem === "no-such-variant") recorded = undefined;
    }
    if (!recorded) {
      if (!user) {
        const made = await becomeGuest(answerer, context);
        if (!made.ok) return made;
        user = made.user;
        variant = await currentVariant(context.db, user, exercise, made.seedKey);
      } else variant ??= await currentVariant(context.db, user, exercise);
      // A second tab may have moved the learner on to other numbers meanwhile.
      if (variant.seed !== seed) return staleVariant();
      recorded = await recordAttempt(context.db, {
        userId: user.id,
        variantId: variant.id,
        ...attempt,
        requireCurrent: true,
      });
    }
    if (!recorded.ok) return staleVariant();
    state = stateOf(recorded.variant);
  } else if (!state && user) {
    // An unreadable answer writes nothing: the hints already due are the current variant's.
    state = stateOf(await currentVariant(context.db, user, exercise));
    if (state.seed !== seed) return staleVariant();
  }
  if (!state) throw new Error("an answer's variant is always known by now");
  const hintsHtml = await context.renderer.hints(
    exercise,
    state.seed,
    hintsDue(state, context.renderer.hintCount(exercise)),
    locale,
  );
  const due = await dueWithSolution(context.renderer, exercise, state, locale);
  return {
    ok: true,
    verdict: learnerVerdict(verdict),
    attempts: state.a,
    solved: state.s,
    hintsHtml,
    ...due,
  };
}

/** Moves the learner to the next variant of an exercise (new numbers, no attempts). */
export async function newVariantOnPage(
  exerciseId: unknown,
  answerer: Answerer,
  context: AttemptContext,
): Promise<{ ok: true } | PageAnswerFailure> {
  // Each new variant is a committed write (and a visitor's first one makes a guest): it costs
  // a unit of the same per-client limit as an answer.
  const decision = await context.charge(1);
  if (decision && !decision.allowed) {
    return failure("rate-limited", `too many requests; retry in ${decision.retryAfterSeconds} s`);
  }
  const id = answerRequest.shape.exerciseId.safeParse(exerciseId);
  if (!id.success) return failure("bad-input", "the exercise id is not valid");
  const exercise = context.site.exercises.get(id.data);
  if (!exercise) return failure("unknown-exercise", `the course has no exercise "${id.data}"`);
  let user = await answerer.user();
  let seedKey: string | undefined;
  if (!user) {
    if (answerer.visitorId === undefined) {
      return failure("no-learner", "no session or visitor cookie: whose variant to change cannot be known");
    }
    // The variant number must be kept somewhere: the visitor becomes a guest.
    const made = await becomeGuest(answerer, context);
    if (!made.ok) return made;
    ({ user, seedKey } = made);
  }
  const current = await currentVariant(context.db, user, exercise, seedKey);
  await nextVariant(context.db, user, exercise, current.number);
  return { ok: true };
}

/**
 * Makes the visitor a guest, under the address's own limit on new guests. `seedKey` seeded the
 * numbers the visitor's page showed.
 */
async function becomeGuest(
  answerer: Answerer,
  context: AttemptContext,
): Promise<{ ok: true; user: UserView; seedKey: string } | PageAnswerFailure> {
  const visitorId = answerer.visitorId as string;
  const decision = await context.chargeGuest();
  if (decision && !decision.allowed) {
    return failure(
      "too-many-guests",
      `too many new learners from this address; retry in ${decision.retryAfterSeconds} s or sign in`,
    );
  }
  const guest = await createGuest(context.db, { visitorId });
  await answerer.keep(guest);
  return { ok: true, user: guest.user, seedKey: visitorSeedKey(visitorId) };
}

/** The language of the lesson an exercise is on (feedback when the page did not say). */
function lessonLocale(site: Site, exercise: SiteExercise): Locale {
  const lang = site.pageAt(exercise.pageUrl)?.lang ?? site.settings.language;
  return lang?.toLowerCase().startsWith("en") ? "en" : "zh";
}

function failure(error: PageAnswerError, message: string): PageAnswerFailure {
  return { ok: false, error, message };
}

const staleVariant = (): PageAnswerFailure =>
  failure("stale-variant", "the learner's current variant is not the one answered");
