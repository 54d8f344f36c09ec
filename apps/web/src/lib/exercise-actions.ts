"use server";

import { headers } from "next/headers";
import { database } from "@/lib/db";
import { exerciseRenderer } from "@/lib/exercises";
import { chargeClient, chargeGradingTime, chargeNewGuest } from "@/lib/grading-api/handler";
import { requestAnswerer } from "@/lib/learner";
import { getSite } from "@/lib/site";
import { type AttemptContext, newVariantOnPage, type PageAnswerFailure } from "./attempts/page";

// The lesson page's "new variant" button calls these: adapters of lib/attempts/page.ts. (Answers
// go to POST /api/answer, lib/attempts/http.ts: an answer costs grading and recording, not a
// server action's pipeline.) Here only the request's cookies and headers are read.

export type NewVariantResult = { ok: true } | PageAnswerFailure;

async function attemptContext(): Promise<AttemptContext> {
  const requestHeaders = await headers();
  return {
    db: database(),
    site: await getSite(),
    renderer: exerciseRenderer(),
    // Grading from the page counts against the same per-client limit as the grading API.
    charge: (units) => chargeClient(requestHeaders, units),
    graded: (milliseconds) => chargeGradingTime(requestHeaders, 1, milliseconds),
    chargeGuest: () => chargeNewGuest(requestHeaders),
  };
}

/** Moves the learner to the next variant of an exercise (new numbers, no attempts). */
export async function newVariant(exerciseId: unknown): Promise<NewVariantResult> {
  return newVariantOnPage(exerciseId, await requestAnswerer(), await attemptContext());
}

/** "New variant" as a plain form action: works without JavaScript (the page re-renders). */
export async function newVariantFromForm(exerciseId: string): Promise<void> {
  await newVariant(exerciseId);
}
