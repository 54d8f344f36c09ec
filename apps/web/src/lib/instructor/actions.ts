"use server";

import { createApiToken, findUserByEmail, normalizeEmail, revokeApiToken } from "@llm-basics/db";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "@/lib/db";
import { INSTRUCTOR_ROUTE, instructorForAction } from "./access";
import { TOKEN_NAME_MAX } from "./text";

// The instructor view's actions. Each checks the caller's role first (401 / 403 otherwise):
// an action can be called from anywhere, not only from the page that shows its form.

/** What the token form shows after an attempt to make a token. */
export type CreateApiTokenState =
  | { status: "idle" }
  /** The token itself: shown this once, never stored. */
  | { status: "created"; token: string; name: string; prefix: string }
  | { status: "invalid"; name: string };

/** The most characters a token's name may have (the database keeps 80). */

const tokenName = z
  .string()
  .transform((s) => s.normalize("NFKC").trim().replace(/\s+/g, " "))
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .refine((s) => s.length > 0 && [...s].length <= TOKEN_NAME_MAX && !/[\u0000-\u001f\u007f]/.test(s));

const tokenId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Makes an API token named by the form's `name`; the state carries the token, to show once. */
export async function createApiTokenAction(
  _previous: CreateApiTokenState,
  form: FormData,
): Promise<CreateApiTokenState> {
  const instructor = await instructorForAction();
  const typed = form.get("name");
  const name = tokenName.safeParse(typed);
  if (!name.success) {
    return {
      status: "invalid",
      name: typeof typed === "string" ? typed.slice(0, 200) : "",
    };
  }
  const { token, view } = await createApiToken(database(), { createdById: instructor.id, name: name.data });
  revalidatePath(INSTRUCTOR_ROUTE, "page");
  return { status: "created", token, name: view.name, prefix: view.prefix };
}

/** Revokes the token the form's `tokenId` names (nothing happens for an unknown or revoked one). */
export async function revokeApiTokenAction(form: FormData): Promise<void> {
  await instructorForAction();
  const id = tokenId.safeParse(form.get("tokenId"));
  if (!id.success) return;
  await revokeApiToken(database(), id.data);
  revalidatePath(INSTRUCTOR_ROUTE, "page");
}

/** What the learner lookup shows: a user's id, for the grading API's `learner` field. */
export type FindLearnerState =
  | { status: "idle" }
  | { status: "found"; id: string; email: string; displayName: string; role: "learner" | "instructor" }
  | { status: "not-found"; email: string }
  | { status: "invalid"; email: string };

/** Finds the account with the form's `email`, to name it as `learner` in grading API requests. */
export async function findLearnerAction(_previous: FindLearnerState, form: FormData): Promise<FindLearnerState> {
  await instructorForAction();
  const typed = form.get("email");
  const text = typeof typed === "string" ? typed.slice(0, 300) : "";
  const email = normalizeEmail(text);
  if (!email) return { status: "invalid", email: text };
  const user = await findUserByEmail(database(), email);
  if (!user?.email) return { status: "not-found", email };
  return { status: "found", id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}
