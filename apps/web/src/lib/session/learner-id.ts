import { randomBytes } from "node:crypto";

// Who the learner is: a random id in a cookie, set when their first exercise asks for its
// numbers (GET /api/my-exercises). Kept apart from the exercise state so it stays small.

/** The cookie holding the learner's random id. */
export const LEARNER_COOKIE = "lb_learner";
/** Both cookies last a year. */
export const COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** 128 random bits, base64url: 22 characters. */
const LEARNER_ID = /^[A-Za-z0-9_-]{22}$/;

/** A fresh learner id: 128 random bits as base64url (`"q3J0…"`, 22 characters). */
export function newLearnerId(): string {
  return randomBytes(16).toString("base64url");
}

/** Whether a cookie value is a learner id this app could have made. */
export function isLearnerId(value: unknown): value is string {
  return typeof value === "string" && LEARNER_ID.test(value);
}

/** Options of both cookies: httpOnly, SameSite=Lax, a year, Secure when served over HTTPS. */
export function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: COOKIE_MAX_AGE_SECONDS } as const;
}
