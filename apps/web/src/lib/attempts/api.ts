import "server-only";
import type { Site, SiteExercise } from "@llm-basics/content";
import { existingLearnerIds, recordAttempt, recordAttemptForSeed, variantForSeed } from "@llm-basics/db";
import type { Verdict } from "@llm-basics/grading";
import type { z } from "zod";
import { database } from "@/lib/db";
import { tokenRequired } from "@/lib/grading-api/bearer";
import type { ApiToken } from "@/lib/grading-api/handler";
import type { answerSchema, recordedAttemptSchema } from "@/lib/grading-api/schemas";
import { ApiError, said } from "@/lib/http/json";
import { contentVersion } from "./variants";

// Answers graded through the grading API for a named learner (an instructor's token) are
// recorded as the lesson page records its own (page.ts): on the learner's variant for that
// seed (made if they have none), with the progress it changes, committed before the response
// is sent. Only a request with a live API token may name a learner.

type RecordedAttemptView = z.output<typeof recordedAttemptSchema>;
/** A verdict, with the attempt it was recorded as when it was recorded for a learner. */
export type ApiVerdict = Verdict & { attempt?: RecordedAttemptView };

/** A graded answer to record for a learner. */
export interface AnswerToRecord {
  exercise: SiteExercise;
  /** Every exercise of its lesson: the lesson is complete when all are solved. */
  lessonExerciseIds: readonly string[];
  seed: number;
  answer: z.output<typeof answerSchema>;
  learner: string;
}

/** An answer to record, with its lesson's exercises from the site it was graded on. */
export function answerToRecord(
  site: Site,
  exercise: SiteExercise,
  answer: { seed: number; answer: AnswerToRecord["answer"]; learner: string },
): AnswerToRecord {
  const lessonExerciseIds = site.pageAt(exercise.pageUrl)?.exercises ?? [exercise.id];
  return { exercise, lessonExerciseIds, seed: answer.seed, answer: answer.answer, learner: answer.learner };
}

/** A 404 for a learner id no user has. */
export function learnerNotFound(learner: string, field: string): ApiError {
  return new ApiError(
    404,
    "learner-not-found",
    said(`${field}: no learner has the id "${learner}"`, `${field}：没有 id 为“${learner}”的学习者`),
    { field },
  );
}

/** Graded, but not stored: the client may send it again. */
export function notRecorded(field?: string): ApiError {
  return new ApiError(
    503,
    "not-recorded",
    said(
      `${field ? `${field}: ` : ""}the answer was graded but could not be recorded for the learner; send it again`,
      `${field ? `${field}：` : ""}答案已评分，但没能为学习者记录下来；请再发送一次`,
    ),
    field === undefined ? {} : { field },
  );
}

/**
 * The learners named by a request that exist. Naming any without a token is a 401 for the
 * whole request (the field of the first one is named).
 */
export async function existingLearners(
  learners: ReadonlyArray<string | undefined>,
  token: ApiToken | null,
  fieldOf: (index: number) => string,
): Promise<Set<string>> {
  const named = learners.findIndex((l) => l !== undefined);
  if (named === -1) return new Set();
  if (!token) throw tokenRequired(fieldOf(named));
  return existingLearnerIds(
    database(),
    learners.filter((l): l is string => l !== undefined),
  );
}

/** The learner's variant for the seed; throws not-recorded when it cannot be had. */
async function learnerVariant(item: AnswerToRecord, field?: string) {
  const variant = await variantForSeed(database(), {
    userId: item.learner,
    exerciseId: item.exercise.id,
    seed: item.seed,
    contentVersion: contentVersion(item.exercise),
  });
  // Another request drawing this learner's variants at the same moment can win every retry.
  if (variant.seed !== item.seed) throw notRecorded(field);
  return variant;
}

/** What an API attempt stores besides its learner and variant. */
function attemptFields(item: AnswerToRecord, verdict: Verdict, token: ApiToken) {
  if (verdict.status === "invalid") throw new Error("an invalid answer is never recorded");
  return {
    lessonPath: item.exercise.pageUrl,
    lessonExerciseIds: item.lessonExerciseIds,
    answer: item.answer,
    status: verdict.status,
    score: verdict.score,
    misconception: verdict.misconception ?? null,
    source: "api" as const,
    apiTokenId: token.id,
  };
}

async function record(
  item: AnswerToRecord,
  variantId: string,
  verdict: Verdict,
  token: ApiToken,
  field?: string,
): Promise<RecordedAttemptView> {
  const recorded = await recordAttempt(database(), {
    userId: item.learner,
    variantId,
    ...attemptFields(item, verdict, token),
  });
  if (!recorded.ok) throw notRecorded(field);
  return { id: recorded.attemptId, learner: item.learner };
}

/**
 * Records one graded answer for its learner and returns the verdict with the attempt; an
 * invalid answer is returned as it is (it uses no attempt). Throws learner-not-found (404) when
 * no learner has the id, not-recorded (503) when the database cannot take it.
 */
export async function recordVerdict(item: AnswerToRecord, verdict: Verdict, token: ApiToken): Promise<ApiVerdict> {
  const learnerExists = async () => {
    if (!(await existingLearners([item.learner], token, () => "learner")).has(item.learner)) {
      throw learnerNotFound(item.learner, "learner");
    }
  };
  if (verdict.status === "invalid") {
    await learnerExists();
    return verdict;
  }
  try {
    // Found and written at once when the learner has answered on this seed before (one round
    // trip to PostgreSQL); else the variant is made first, and the learner checked.
    const found = await recordAttemptForSeed(database(), {
      userId: item.learner,
      exerciseId: item.exercise.id,
      seed: item.seed,
      ...attemptFields(item, verdict, token),
    });
    if (found.ok) return { ...verdict, attempt: { id: found.attemptId, learner: item.learner } };
    await learnerExists();
    const variant = await learnerVariant(item);
    return { ...verdict, attempt: await record(item, variant.id, verdict, token) };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    console.error("grading API: recording an attempt failed:", error);
    throw notRecorded();
  }
}

/**
 * Records a batch's graded answers for their learners, in order, in place: each verdict gets
 * its attempt, or becomes a not-recorded error when the database could not take it. The
 * writes share their commits (the database's group commit), and all are committed on return.
 */
export async function recordBatch(
  items: ReadonlyArray<AnswerToRecord | undefined>,
  verdicts: Array<ApiVerdict | ApiError>,
  token: ApiToken,
  fieldOf: (index: number) => string,
): Promise<void> {
  // Variants first, one at a time (a learner's new variants are numbered in order), then every
  // attempt at once, queued in the batch's order.
  const ready: { index: number; item: AnswerToRecord; verdict: Verdict; variantId: string }[] = [];
  for (const [index, item] of items.entries()) {
    const verdict = verdicts[index];
    if (!item || !verdict || verdict instanceof ApiError || verdict.status === "invalid") continue;
    try {
      ready.push({ index, item, verdict, variantId: (await learnerVariant(item, fieldOf(index))).id });
    } catch (error) {
      if (!(error instanceof ApiError)) console.error("grading API: finding a learner's variant failed:", error);
      verdicts[index] = notRecorded(fieldOf(index));
    }
  }
  await Promise.all(
    ready.map(({ index, item, verdict, variantId }) =>
      record(item, variantId, verdict, token, fieldOf(index)).then(
        (attempt) => {
          verdicts[index] = { ...verdict, attempt };
        },
        (error: unknown) => {
          if (!(error instanceof ApiError)) console.error("grading API: recording an attempt failed:", error);
          verdicts[index] = notRecorded(fieldOf(index));
        },
      ),
    ),
  );
}
