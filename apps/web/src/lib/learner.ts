import "server-only";
import { cookies } from "next/headers";
import { env } from "@/env";
import { cookieOptions, isLearnerId, LEARNER_COOKIE } from "./learner-id";
import {
  EXERCISE_STATE_COOKIE,
  type ExerciseState,
  FRESH_STATE,
  parseExerciseStates,
  serializeExerciseStates,
} from "./learner-state";

/**
 * The learner's id from their cookie. `src/proxy.ts` sets one on every page request that has
 * none (and passes it on to the render), so only a request that bypassed the proxy has none.
 */
export async function currentLearnerId(): Promise<string | undefined> {
  const value = (await cookies()).get(LEARNER_COOKIE)?.value;
  return isLearnerId(value) ? value : undefined;
}

// Exercise state lives in a cookie for now; accounts will keep it in the database behind these
// two functions (hence the learner id they take and the cookie store ignores).

/** Where a learner is in an exercise (variant 0 and no attempts when they have not begun). */
export async function readExerciseState(_learnerId: string, exerciseId: string): Promise<ExerciseState> {
  const states = parseExerciseStates((await cookies()).get(EXERCISE_STATE_COOKIE)?.value);
  return (Object.hasOwn(states, exerciseId) ? states[exerciseId] : undefined) ?? { ...FRESH_STATE };
}

/** Saves where a learner is in an exercise. Only server actions may call it (it sets a cookie). */
export async function writeExerciseState(_learnerId: string, exerciseId: string, state: ExerciseState): Promise<void> {
  const store = await cookies();
  const states = parseExerciseStates(store.get(EXERCISE_STATE_COOKIE)?.value);
  states[exerciseId] = state;
  store.set(EXERCISE_STATE_COOKIE, serializeExerciseStates(states, exerciseId), cookieOptions(env.secureCookies));
}
