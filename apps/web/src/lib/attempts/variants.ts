import { createHash } from "node:crypto";
import type { SiteExercise } from "@llm-basics/content";
import { currentVariants, type Database, drawVariant, type UserView, type VariantView } from "@llm-basics/db";
import { type ExerciseState, variantSeed } from "@llm-basics/progress/learner-state";

// A learner's variants of an exercise in the database: which one is current, and the next.

/** A stored variant as the exercise state the page and its actions use. */
export const stateOf = (v: VariantView): ExerciseState => ({
  v: v.number,
  seed: v.seed,
  a: v.wrongAttempts,
  s: v.solved,
});

const versions = new WeakMap<object, string>();

/**
 * A short hash of an exercise's spec, stored with each variant: attempts made on an older
 * wording of an exercise can be told apart. `contentVersion(ex)` → "3f9a0c1d2b4e".
 */
export function contentVersion(exercise: SiteExercise): string {
  let version = versions.get(exercise.exercise);
  if (version === undefined) {
    version = createHash("sha256").update(JSON.stringify(exercise.exercise.spec)).digest("hex").slice(0, 12);
    versions.set(exercise.exercise, version);
  }
  return version;
}

/**
 * The user's current variant of an exercise, made (variant 0, seeded by `seedKey`, by default
 * the user's own) if they have none.
 */
export async function currentVariant(
  db: Database,
  user: UserView,
  exercise: SiteExercise,
  seedKey = user.seedKey,
): Promise<VariantView> {
  const current = (await currentVariants(db, user.id, [exercise.id])).get(exercise.id);
  if (current) return current;
  const seed = variantSeed(seedKey, exercise.id, 0);
  const drawn = await drawVariant(db, {
    userId: user.id,
    exerciseId: exercise.id,
    after: -1,
    seed,
    contentVersion: contentVersion(exercise),
  });
  return drawn.variant;
}

/** Moves the user to the variant after `after` (unless another tab already did). */
export async function nextVariant(
  db: Database,
  user: UserView,
  exercise: SiteExercise,
  after: number,
): Promise<VariantView> {
  const seed = variantSeed(user.seedKey, exercise.id, after + 1);
  const drawn = await drawVariant(db, {
    userId: user.id,
    exerciseId: exercise.id,
    after,
    seed,
    contentVersion: contentVersion(exercise),
  });
  return drawn.variant;
}
