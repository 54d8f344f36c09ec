"use server";

import { type SignedIn, type SignUpProblem, signIn, signOut, signUp } from "@llm-basics/db";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/env";
import { getSite } from "@/lib/course/site";
import { database } from "@/lib/db";
import { localeOf } from "@/lib/exercises/renderer";
import { clientKey } from "@/lib/http/client-address";
import { namedLimiter } from "@/lib/http/limits";
import { secureCookiesFor } from "@/lib/http/request-scheme";
import { clearSessionCookie, currentUser, sessionToken, setSessionCookie } from "@/lib/session/learner";
import { cookieOptions, LEARNER_COOKIE, newLearnerId } from "@/lib/session/learner-id";
import type { AccountFormState, FieldProblem, FormProblem } from "./form-state";
import { parseSignIn, parseSignUp } from "./input";
import { AccountAttemptLimits } from "./limits";

// The account forms' server actions. Each checks its input, asks the rate limits, then calls
// packages/db; on success it sets the new session cookie and redirects (a 303 without
// JavaScript), otherwise it returns what the form should say. A guest signing in or up brings
// their attempts and variants along; whatever session the browser had before ends.

// One set of limits per server process (Next may bundle this module once per route).
const LIMITS = Symbol.for("llm-basics.account-limits");

function limits(): AccountAttemptLimits {
  const holder = globalThis as { [LIMITS]?: AccountAttemptLimits };
  const { rateLimitPerEmail, rateLimitPerAddress, rateWindowSeconds } = env.accounts;
  holder[LIMITS] ??= new AccountAttemptLimits(
    { perEmail: rateLimitPerEmail, perAddress: rateLimitPerAddress, windowSeconds: rateWindowSeconds },
    Date.now,
    namedLimiter,
  );
  return holder[LIMITS];
}

/** Asked before any password is hashed: null when the attempt may go ahead. */
async function refusedAttempt(email: string, values: AccountFormState["values"]): Promise<AccountFormState | null> {
  const address = clientKey(await headers(), env.gradingApi.trustProxy);
  const admission = await limits().admit(address, email);
  if (admission.allowed) return null;
  return { fields: {}, form: "rate-limited", retryAfterSeconds: admission.retryAfterSeconds, values };
}

/** The browser's session before this action: its token (to end it) and its user, if any. */
async function sessionBefore(): Promise<{ token: string | undefined; guestUserId: string | null }> {
  const token = await sessionToken();
  const user = await currentUser();
  return { token, guestUserId: user?.isGuest ? user.id : null };
}

/** Ends the browser's previous session (if signUp or signIn has not already) and starts the new one. */
async function startSession(previousToken: string | undefined, signedIn: SignedIn): Promise<void> {
  if (previousToken) await signOut(database(), previousToken);
  await setSessionCookie(signedIn);
}

const failed = (values: AccountFormState["values"], form: FormProblem = "failed"): AccountFormState => ({
  fields: {},
  form,
  values,
});

const SIGN_UP_FIELD: Record<SignUpProblem, ["email" | "password" | "displayName", FieldProblem]> = {
  "email-invalid": ["email", "email-invalid"],
  "email-taken": ["email", "email-taken"],
  "display-name-invalid": ["displayName", "display-name-invalid"],
  "too-short": ["password", "too-short"],
  "too-long": ["password", "too-long"],
  blank: ["password", "blank"],
  repeated: ["password", "repeated"],
  sequence: ["password", "sequence"],
  personal: ["password", "personal"],
  common: ["password", "common"],
};

/**
 * Makes an account from the sign-up form. A guest becomes the account in place, keeping every
 * attempt and variant. Says which field is wrong and why; a taken email is said so (there is
 * no email verification to hide it behind; the rate limits bound how fast anyone can ask).
 */
export async function signUpAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const input = parseSignUp(form);
  if (!input.ok) return input.state;
  const { values } = input;
  const refused = await refusedAttempt(input.data.email, values);
  if (refused) return refused;
  const before = await sessionBefore();
  // The language of the page signed up on (the form says it), else the site's.
  const asked = form.get("locale");
  const locale = asked === "zh" || asked === "en" ? asked : localeOf((await getSite()).settings.language);
  let result: Awaited<ReturnType<typeof signUp>>;
  try {
    result = await signUp(database(), {
      email: input.data.email,
      password: input.data.password,
      ...(input.data.displayName === undefined ? {} : { displayName: input.data.displayName }),
      locale,
      guestUserId: before.guestUserId,
    });
  } catch (error) {
    console.error("sign-up failed:", error);
    return failed(values);
  }
  if (!result.ok) {
    const [field, problem] = SIGN_UP_FIELD[result.problem];
    return { fields: { [field]: problem }, values };
  }
  await startSession(before.token, result);
  redirect(input.data.next);
}

/**
 * Signs in from the sign-in form. A wrong password and an unknown email get the same answer
 * ("credentials"), after the same work. A guest's attempts and variants move into the account.
 */
export async function signInAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const input = parseSignIn(form);
  if (!input.ok) return input.state;
  const { values } = input;
  const refused = await refusedAttempt(input.data.email, values);
  if (refused) return refused;
  const before = await sessionBefore();
  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    result = await signIn(database(), {
      email: input.data.email,
      password: input.data.password,
      guestUserId: before.guestUserId,
    });
  } catch (error) {
    console.error("sign-in failed:", error);
    return failed(values);
  }
  if (!result.ok) return failed(values, "credentials");
  await startSession(before.token, result);
  redirect(input.data.next);
}

/** What the sign-out form learns: that it is done (the header then asks who is signed in). */
export type SignOutState = { signedOut: boolean };

/**
 * Ends the browser's session. The browser also gets a new visitor id: the old one seeded the
 * account's numbers, and whoever uses this browser next should not be tied to them.
 */
export async function signOutAction(): Promise<SignOutState> {
  const token = await sessionToken();
  if (token) await signOut(database(), token);
  await clearSessionCookie();
  (await cookies()).set(LEARNER_COOKIE, newLearnerId(), cookieOptions(secureCookiesFor(await headers())));
  return { signedOut: true };
}
