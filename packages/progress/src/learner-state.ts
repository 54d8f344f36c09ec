import { createHash } from "node:crypto";

// Where a learner is in an exercise, and what that makes due. Pure functions, tested without a
// server; the app's `lib/session/learner.ts` reads the state from the database.

/**
 * The seed of variant `v` of an exercise for one learner: the first 31 bits of
 * sha256(`${seedKey}:${exerciseId}:${v}`), so a learner sees the same numbers on every reload
 * and another variant after "new variant". `variantSeed("a", "x", 0)` → an integer in [0, 2³¹).
 */
export function variantSeed(seedKey: string, exerciseId: string, variant: number): number {
  return createHash("sha256").update(`${seedKey}:${exerciseId}:${variant}`).digest().readUInt32BE(0) >>> 1;
}

/** Where a learner is in one exercise. */
export interface ExerciseState {
  /** The variant number (0 first; "new variant" adds one). */
  v: number;
  /** The variant's seed. */
  seed: number;
  /** Wrong attempts on this variant. */
  a: number;
  /** Solved this variant. */
  s: boolean;
}

/** Where a learner starts an exercise: variant 0, seeded by their seed key, no attempts. */
export function freshState(seedKey: string, exerciseId: string): ExerciseState {
  return { v: 0, seed: variantSeed(seedKey, exerciseId, 0), a: 0, s: false };
}

/** Wrong attempts on a variant after which its worked solution is shown. */
export const SOLUTION_AFTER_WRONG_ATTEMPTS = 3;

/** How many hints are due: hint k after k wrong attempts. */
export function hintsDue(state: Pick<ExerciseState, "a">, hintCount: number): number {
  return Math.min(state.a, hintCount);
}

/** Whether the worked solution is due: after success, or after enough wrong attempts. */
export function solutionDue(state: Pick<ExerciseState, "a" | "s">): boolean {
  return state.s || state.a >= SOLUTION_AFTER_WRONG_ATTEMPTS;
}
