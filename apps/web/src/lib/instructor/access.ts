import "server-only";
import type { UserView } from "@llm-basics/db";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { type Locale, localePath } from "@/lib/i18n";
import { currentUser } from "@/lib/session/learner";

// Who may see /instructor/ and call its actions: users whose role is instructor. Every page and
// every server action asks here itself; an action never trusts that its page was allowed.

/** The instructor view (in English under /en/). */
export const INSTRUCTOR_PATH = "/instructor/";
/** The instructor view's route, in every language, for revalidation. */
export const INSTRUCTOR_ROUTE = "/[lang]/instructor";
/** Where a visitor without an account is sent, to come back after signing in. */
export const INSTRUCTOR_SIGN_IN = `/signin/?next=${INSTRUCTOR_PATH}`;

/** The signed-in account, or null for a visitor (a guest has a session but no account). */
async function signedInAccount(): Promise<UserView | null> {
  const user = await currentUser();
  return user && !user.isGuest ? user : null;
}

/** For an instructor page: the instructor; a visitor is redirected to sign in, a learner gets 403. */
export async function instructorForPage(locale: Locale = "zh"): Promise<UserView> {
  const user = await signedInAccount();
  if (!user) redirect(`${localePath(locale, "/signin/")}?next=${localePath(locale, INSTRUCTOR_PATH)}`);
  if (user.role !== "instructor") forbidden();
  return user;
}

/** For an instructor's server action: the instructor; 401 without an account, 403 for a learner. */
export async function instructorForAction(): Promise<UserView> {
  const user = await signedInAccount();
  if (!user) unauthorized();
  if (user.role !== "instructor") forbidden();
  return user;
}
