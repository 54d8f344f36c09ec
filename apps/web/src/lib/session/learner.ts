import "server-only";
import { type NewGuest, type SignedIn, sessionUser, type UserView } from "@llm-basics/db";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { Answerer } from "@/lib/attempts/page";
import { database } from "@/lib/db";
import { secureCookiesFor } from "@/lib/http/request-scheme";
import { cookieOptions, isLearnerId, LEARNER_COOKIE } from "./learner-id";
import { SESSION_COOKIE, sessionCookieOptions } from "./session-cookie";

// Who is asking. A visitor has only the random id their first exercise gave them (GET
// /api/my-exercises; its one-way seed key seeds the numbers they see); the first answer makes
// them a guest user with a session cookie; signing up turns that guest into an account
// (packages/db).

export { SESSION_COOKIE } from "./session-cookie";

/**
 * The visitor id the browser sent in its cookie, if any (only GET /api/my-exercises makes one up).
 */
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

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure over https, living as long as the session may. */
export async function setSessionCookie({ user, token }: SignedIn): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(user.isGuest, secureCookiesFor(await headers())));
}

/** Removes the session cookie (sign-out). */
export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/**
 * Who this request answers as, for lib/attempts: the session's user, or the visitor id the
 * browser sent; a new guest's session cookie (and visitor id, when it changed) is set here.
 * Only server actions may call it (it can set cookies).
 */
export async function requestAnswerer(): Promise<Answerer> {
  return {
    user: currentUser,
    visitorId: await currentVisitorId(),
    keep: async (guest: NewGuest) => {
      await setSessionCookie(guest);
      if (guest.visitorId !== (await currentVisitorId())) {
        // The visitor id is another user's (an account signed out since, or a guest older than
        // a minute whose session this browser lacks): the guest got an id of its own, and the
        // browser's visitor id follows it so later pages agree with it.
        (await cookies()).set(LEARNER_COOKIE, guest.visitorId, cookieOptions(secureCookiesFor(await headers())));
      }
    },
  };
}
