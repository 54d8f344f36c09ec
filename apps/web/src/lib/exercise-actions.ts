"use server";

import { headers } from "next/headers";
import { database } from "@/lib/db";
import { exerciseRenderer } from "@/lib/exercises";
import { chargeClient, chargeGradingTime, chargeNewGuest } from "@/lib/grading-api/handler";
import { requestAnswerer } from "@/lib/learner";
import { getSite } from "@/lib/site";
import {
  type AttemptContext,
  answerOnPage,
  newVariantOnPage,
  type PageAnswerFailure,
  type PageAnswerResult,
} from "./attempts/page";

// The lesson page's exercise form calls these: adapters of lib/attempts/page.ts, which checks,
// meters, grades and records an answer. Here only the request's cookies and headers are read.

export type SubmitAnswerResult = PageAnswerResult;
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

/**
 * Grades an answer to the learner's own variant of an exercise. `seed` is the variant the page
 * showed: when the learner has moved on to another (in another tab), nothing is graded.
 * An unreadable answer ("invalid") never uses an attempt.
 */
export async function submitAnswer(
  exerciseId: unknown,
  answer: unknown,
  seed?: unknown,
  pageLocale?: unknown,
): Promise<SubmitAnswerResult> {
  return answerOnPage(
    { exerciseId, answer, seed, locale: pageLocale },
    await requestAnswerer(),
    await attemptContext(),
  );
}

/** Moves the learner to the next variant of an exercise (new numbers, no attempts). */
export async function newVariant(exerciseId: unknown): Promise<NewVariantResult> {
  return newVariantOnPage(exerciseId, await requestAnswerer(), await attemptContext());
}

/** "New variant" as a plain form action: works without JavaScript (the page re-renders). */
export async function newVariantFromForm(exerciseId: string): Promise<void> {
  await newVariant(exerciseId);
}
