import { asDate } from "./direct.ts";
import { type VariantRow, type VariantView, variantView } from "./variants.ts";

/** A graded answer to record. */
export interface AttemptInput {
  userId: string;
  variantId: string;
  lessonPath: string;
  /** Every exercise of the lesson: it is complete when all are solved. */
  lessonExerciseIds: readonly string[];
  /** The answer as typed, or a multi-part answer's texts by part (stored as JSON). */
  answer: string | Readonly<Record<string, string>>;
  status: "correct" | "partial" | "incorrect";
  score: number;
  misconception?: { id: string; topic: string } | null;
  source?: "web" | "api";
  apiTokenId?: string | null;
  /** Refuse unless the variant is still the learner's current one (another tab may have moved on). */
  requireCurrent?: boolean;
  now?: Date;
}

/** What recording an attempt did: stored, or refused and why. */
export type RecordedAttempt =
  | { ok: true; attemptId: string; variant: VariantView; lessonCompleted: boolean }
  | { ok: false; problem: "no-such-variant" | "stale-variant" };

/**
 * Which of the learner's variants an attempt is on: one by its id, or the highest-numbered with
 * the exercise and seed (`learnerOnly`: only if the user is a learner; `pageOnly`: only a page
 * variant, number ≥ 0, not one a grader recorded through the API).
 */
export type VariantPick =
  | { variantId: string }
  | { exerciseId: string; seed: number; learnerOnly?: boolean; pageOnly?: boolean };

/** The variant an attempt is on, as the write found it, and what the write did. */
export type WrittenVariant = VariantRow & { userId: string; newer: boolean | number };

/** What an attempt did to its variant, once the write has told whether it was stored. */
export function recorded(
  input: AttemptInput,
  variant: WrittenVariant | undefined,
  attemptId: string,
  lessonCompleted: boolean,
): RecordedAttempt {
  if (!variant || variant.userId !== input.userId) return { ok: false, problem: "no-such-variant" };
  if (input.requireCurrent && Number(variant.newer) > 0) return { ok: false, problem: "stale-variant" };
  const correct = input.status === "correct";
  const solvedBefore = asDate(variant.solvedAt) !== null;
  const after: VariantView = {
    ...variantView(variant),
    wrongAttempts: variant.wrongAttempts + (solvedBefore || correct ? 0 : 1),
    solved: solvedBefore || correct,
  };
  return { ok: true, attemptId, variant: after, lessonCompleted };
}
