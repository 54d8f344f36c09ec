import type { AttemptInput, RecordedAttempt, VariantPick } from "./attempt-outcome.ts";
import { writeTogether } from "./attempts-postgres.ts";
import { pickedVariant, writeAttempt } from "./attempts-sqlite.ts";
import type { Database } from "./client.ts";

/**
 * Records a graded attempt and the progress it changes (variant, exercise, lesson) in one
 * transaction, shared with other learners' attempts arriving at the same moment (group commit).
 * Resolves only after the commit. A variant of another user is "no-such-variant".
 */
export function recordAttempt(db: Database, input: AttemptInput): Promise<RecordedAttempt> {
  return write(db, input, { variantId: input.variantId });
}

/**
 * Records a graded attempt on the learner's variant with `seed` (their page variant if it has
 * that seed, else the grader variant with it: variantForSeed), finding the variant and writing
 * in one go: an API grader's answer costs PostgreSQL one round trip. "no-such-variant" when the
 * learner has no variant with that seed yet, or there is no such learner (an instructor is not
 * one): make the variant with variantForSeed and record with recordAttempt.
 */
export function recordAttemptForSeed(
  db: Database,
  input: Omit<AttemptInput, "variantId" | "requireCurrent"> & { exerciseId: string; seed: number },
): Promise<RecordedAttempt> {
  return write(db, { ...input, variantId: "" }, { exerciseId: input.exerciseId, seed: input.seed, learnerOnly: true });
}

/**
 * Records a graded attempt from the lesson page on the learner's current variant, if its seed is
 * `seed` (the numbers the page showed), finding it in the same write: "stale-variant" when a
 * newer variant has replaced it, "no-such-variant" when the learner has no page variant with
 * that seed (none yet: currentVariants then drawVariant, and recordAttempt).
 */
export function recordAttemptOnCurrent(
  db: Database,
  input: Omit<AttemptInput, "variantId" | "requireCurrent"> & { exerciseId: string; seed: number },
): Promise<RecordedAttempt> {
  return write(
    db,
    { ...input, variantId: "", requireCurrent: true },
    { exerciseId: input.exerciseId, seed: input.seed, pageOnly: true },
  );
}

/** Records an attempt on the variant `pick` names. */
function write(db: Database, input: AttemptInput, pick: VariantPick): Promise<RecordedAttempt> {
  if (db.provider === "postgres") return writeTogether(db, input, pick);
  return db.direct.transact(() => writeAttempt(input, pickedVariant(input.userId, pick)));
}
