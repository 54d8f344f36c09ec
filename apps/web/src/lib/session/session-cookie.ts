import { DEFAULT_SESSION_POLICY } from "@llm-basics/db";

/** The session cookie: a random token whose SHA-256 is the session's id in the database. */
export const SESSION_COOKIE = "lb_session";

/** The session cookie's options: httpOnly, SameSite=Lax, as long as the session may live, Secure over HTTPS. */
export function sessionCookieOptions(isGuest: boolean, secure: boolean) {
  const maxAgeMs = isGuest ? DEFAULT_SESSION_POLICY.guestAbsoluteMs : DEFAULT_SESSION_POLICY.absoluteMs;
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: Math.floor(maxAgeMs / 1000) } as const;
}
