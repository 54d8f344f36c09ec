"use server";

import { headers } from "next/headers";
import { requestAnswerer } from "@/lib/session/learner";
import { attemptContext } from "./context";
import { newVariantOnPage, type PageAnswerFailure } from "./page";

// The lesson page's "new variant" button calls these: adapters of lib/attempts/page.ts. (Answers
// go to POST /api/answer, lib/attempts/http.ts: an answer costs grading and recording, not a
// server action's pipeline.) Here only the request's cookies and headers are read.

export type NewVariantResult = { ok: true } | PageAnswerFailure;

/** Moves the learner to the next variant of an exercise (new numbers, no attempts). */
export async function newVariant(exerciseId: unknown): Promise<NewVariantResult> {
  return newVariantOnPage(exerciseId, await requestAnswerer(), await attemptContext(await headers()));
}
