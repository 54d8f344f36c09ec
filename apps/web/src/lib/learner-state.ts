import { createHash } from "node:crypto";
import { EXERCISE_ID } from "@llm-basics/content";
import { z } from "zod";

// Where a learner is in each exercise: which variant, how many wrong attempts, solved or not.
// Pure functions of cookie values, so they are tested without a server; `learner.ts` reads and
// writes the cookies.

/** The cookie holding every exercise's state (until accounts store it in the database). */
export const EXERCISE_STATE_COOKIE = "lb_exercises";

/**
 * The seed of variant `v` of an exercise for one learner: the first 31 bits of
 * sha256(`${learnerId}:${exerciseId}:${v}`), so the same learner sees the same numbers on every
 * reload and another variant after "new variant". `variantSeed("a", "x", 0)` → an integer in [0, 2³¹).
 */
export function variantSeed(learnerId: string, exerciseId: string, variant: number): number {
  return createHash("sha256").update(`${learnerId}:${exerciseId}:${variant}`).digest().readUInt32BE(0) >>> 1;
}

/** Where a learner is in one exercise. */
export interface ExerciseState {
  /** The variant number (0 first; "new variant" adds one). */
  v: number;
  /** Wrong attempts on this variant. */
  a: number;
  /** Solved this variant. */
  s: boolean;
}

/** A learner's state in every exercise they have touched, by exercise id. */
export type ExerciseStates = Record<string, ExerciseState>;

/** Where a learner starts: variant 0, no attempts. */
export const FRESH_STATE: Readonly<ExerciseState> = Object.freeze({ v: 0, a: 0, s: false });

const exerciseStateSchema = z.strictObject({
  v: z.int().min(0).max(1_000_000),
  a: z.int().min(0).max(1_000).default(0),
  s: z.boolean().default(false),
});

/**
 * Reads the state cookie (base64url JSON). Anything unreadable counts as nothing: a garbled
 * cookie, or one entry of it, starts that exercise fresh instead of failing the page.
 */
export function parseExerciseStates(cookie: string | undefined): ExerciseStates {
  if (!cookie) return {};
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cookie, "base64url").toString("utf8"));
  } catch {
    return {};
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return {};
  const states: ExerciseStates = {};
  for (const [id, entry] of Object.entries(json)) {
    const parsed = exerciseStateSchema.safeParse(entry);
    if (EXERCISE_ID.test(id) && parsed.success) states[id] = parsed.data;
  }
  return states;
}

/**
 * Browsers keep cookies up to about 4 KB; the state stays well below, dropping the exercises
 * touched longest ago first.
 */
export const MAX_STATE_COOKIE_LENGTH = 3_000;

/**
 * The state cookie's value with one exercise's state changed: compact JSON (`{"x":{"v":1}}`,
 * zero attempts and unsolved left out), base64url. The changed exercise moves to the end, so
 * when the cookie would grow too long the oldest entries are the ones dropped.
 */
export function serializeExerciseStates(states: ExerciseStates, changedId?: string): string {
  const ordered: Record<string, { v: number; a?: number; s?: true }> = {};
  const ids = Object.keys(states).filter((id) => id !== changedId);
  if (changedId !== undefined && states[changedId]) ids.push(changedId);
  for (const id of ids) {
    const { v, a, s } = states[id] as ExerciseState;
    ordered[id] = { v, ...(a > 0 ? { a } : {}), ...(s ? { s: true as const } : {}) };
  }
  let encoded = Buffer.from(JSON.stringify(ordered)).toString("base64url");
  while (encoded.length > MAX_STATE_COOKIE_LENGTH) {
    const oldest = Object.keys(ordered)[0];
    if (oldest === undefined || oldest === changedId) break;
    delete ordered[oldest];
    encoded = Buffer.from(JSON.stringify(ordered)).toString("base64url");
  }
  return encoded;
}

/** Wrong attempts on a variant after which its worked solution is shown. */
export const SOLUTION_AFTER_WRONG_ATTEMPTS = 3;

/**
 * The state after a graded answer: correct solves the variant; partial or incorrect is one
 * more wrong attempt (until solved); invalid (unreadable) changes nothing, so it never uses an attempt.
 */
export function afterVerdict(
  state: ExerciseState,
  status: "correct" | "partial" | "incorrect" | "invalid",
): ExerciseState {
  if (status === "invalid" || state.s) return state;
  if (status === "correct") return { ...state, s: true };
  return { ...state, a: state.a + 1 };
}

/** "New variant": the next variant, with no attempts. */
export function nextVariant(state: ExerciseState): ExerciseState {
  return { v: state.v + 1, a: 0, s: false };
}

/** How many hints are due: hint k after k wrong attempts. */
export function hintsDue(state: ExerciseState, hintCount: number): number {
  return Math.min(state.a, hintCount);
}

/** Whether the worked solution is due: after success, or after enough wrong attempts. */
export function solutionDue(state: ExerciseState): boolean {
  return state.s || state.a >= SOLUTION_AFTER_WRONG_ATTEMPTS;
}
