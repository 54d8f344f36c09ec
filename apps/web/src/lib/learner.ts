import "server-only";
import {
  createGuest,
  currentVariants,
  DEFAULT_SESSION_POLICY,
  drawVariant,
  type SignedIn,
  sessionUser,
  type UserView,
  type VariantView,
} from "@llm-basics/db";
import { cookies } from "next/headers";
import { cache } from "react";
import { env } from "@/env";
import { database } from "./db";
import { cookieOptions, isLearnerId, LEARNER_COOKIE } from "./learner-id";
import { type ExerciseState, freshState, variantSeed } from "./learner-state";

// Who is asking, and where they are in each exercise. A visitor has only the random id the
// proxy gave them (it seeds the numbers they see); the first answer makes them a guest user
// with a session cookie; signing up turns that guest into an account (packages/db).

/** The session cookie: a random token whose SHA-256 is the session's id in the database. */
export const SESSION_COOKIE = "lb_session";

/** The visitor id from the proxy's cookie, if any. */
export async function currentVisitorId(): Promise<string | undefined> {
  const value = (await cookies()).get(LEARNER_COOKIE)?.value;
  return isLearnerId(value) ? value : undefined;
}

/** The session cookie's token, if the browser sent one. */
export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

/** The signed-in user (or guest) of this request, once per request. */
export const currentUser = cache(async (): Promise<UserView | null> => {
  const token = await sessionToken();
  return token ? sessionUser(database(), token) : null;
});

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure in production, living as long as the session may. */
export async function setSessionCookie({ user, token }: SignedIn): Promise<void> {
  const policy = DEFAULT_SESSION_POLICY;
  const maxAgeMs = user.isGuest ? policy.guestAbsoluteMs : policy.absoluteMs;
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.secureCookies,
    path: "/",
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

/** Removes the session cookie (sign-out). */
export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/** Who an answer is recorded for, and the key that seeded the numbers their page showed. */
export interface AnsweringLearner {
  user: UserView;
  /** Seeds variant 0 of an exercise the learner has not begun: what the page they answered showed. */
  pageSeedKey: string;
}

/**
 * The user to record an answer for: the session's, or a new guest seeded by the visitor id
 * (so they answer the numbers they saw). Only server actions may call it (it can set cookies).
 * undefined without either cookie: the page they answered cannot be known.
 */
export async function ensureLearner(): Promise<AnsweringLearner | undefined> {
  const user = await currentUser();
  if (user) return { user, pageSeedKey: user.seedKey };
  const visitorId = await currentVisitorId();
  if (!visitorId) return undefined;
  const guest = await createGuest(database(), { seedKey: visitorId });
  await setSessionCookie(guest);
  if (guest.user.seedKey !== visitorId) {
    // An account holds this visitor id (its session ran out without a sign-out): the guest got
    // a key of its own, and the browser's visitor id follows it so later pages agree with it.
    (await cookies()).set(LEARNER_COOKIE, guest.user.seedKey, cookieOptions(env.secureCookies));
  }
  // This answer was to the numbers the visitor id seeded, whichever key the guest has.
  return { user: guest.user, pageSeedKey: visitorId };
}

// Every exercise's current variant of a user, read once per request for the whole page.
const variantsOf = cache((userId: string): Promise<Map<string, VariantView>> => currentVariants(database(), userId));

/** A stored variant as the exercise state the page and its actions use. */
export const exerciseStateOf = (v: VariantView): ExerciseState => ({
  v: v.number,
  seed: v.seed,
  a: v.wrongAttempts,
  s: v.solved,
});

/**
 * Where the learner is in an exercise: their current variant, or variant 0 (seeded by their
 * seed key or visitor id) when they have not begun. undefined for a request without any cookie.
 */
export async function readExerciseState(exerciseId: string): Promise<ExerciseState | undefined> {
  const user = await currentUser();
  if (user) {
    const current = (await variantsOf(user.id)).get(exerciseId);
    return current ? exerciseStateOf(current) : freshState(user.seedKey, exerciseId);
  }
  const visitorId = await currentVisitorId();
  return visitorId === undefined ? undefined : freshState(visitorId, exerciseId);
}

/**
 * The user's current variant of an exercise, made (variant 0, seeded by `seedKey`, by default
 * the user's own) if they have none.
 */
export async function currentVariant(
  user: UserView,
  exerciseId: string,
  contentVersion: string,
  seedKey = user.seedKey,
): Promise<VariantView> {
  const current = (await currentVariants(database(), user.id, [exerciseId])).get(exerciseId);
  if (current) return current;
  const seed = variantSeed(seedKey, exerciseId, 0);
  return (await drawVariant(database(), { userId: user.id, exerciseId, after: -1, seed, contentVersion })).variant;
}

/** Moves the user to the variant after `after` (unless another tab already did). */
export async function nextVariant(
  user: UserView,
  exerciseId: string,
  after: number,
  contentVersion: string,
): Promise<VariantView> {
  const seed = variantSeed(user.seedKey, exerciseId, after + 1);
  return (await drawVariant(database(), { userId: user.id, exerciseId, after, seed, contentVersion })).variant;
}
