import type { PageAnswerResult } from "./page";

// The exercise form's side of POST /api/answer (lib/attempts/http.ts): the learner's answer as
// JSON, the result as lib/attempts/page.ts gives it.

/** The header the server sets when the answer changed who the browser is (a new guest's session). */
export const SESSION_CHANGED_HEADER = "x-llm-basics-session-changed";

export interface PostedAnswer {
  result: PageAnswerResult;
  /** The answer made this browser a guest (or another one): the page's other parts may read it. */
  sessionChanged: boolean;
}

/** Sends an answer to the learner's own variant; throws when the server cannot be reached or fails. */
export async function postAnswer(input: {
  exerciseId: string;
  answer: unknown;
  seed: number;
  locale: string;
}): Promise<PostedAnswer> {
  const response = await fetch("/api/answer", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`POST /api/answer: HTTP ${response.status}`);
  return {
    result: (await response.json()) as PageAnswerResult,
    sessionChanged: response.headers.get(SESSION_CHANGED_HEADER) === "1",
  };
}
