import type { Exercise } from "./exercise.ts";
import { both, type Localized } from "./messages.ts";

/** An answer as an exercise takes it: one text, or a text per part of a multi-part exercise. */
export type FittedAnswer = string | Readonly<Record<string, string>>;

/** Why an answer cannot be to this exercise at all (before any reading or grading). */
export type AnswerMisfit = {
  code: "expected-text" | "expected-parts" | "unknown-part" | "part-not-text";
  message: Localized;
  /** The part the problem is about, when there is one. */
  part?: string;
};

/**
 * Whether `answer` has the shape `exercise` takes — one text for a single answer; for a
 * multi-part exercise an object whose keys are its parts' ids (a part left out is allowed, the
 * verdict says it was not answered) and whose values are texts — and the answer typed as such.
 *
 * This is the one check every way in makes before grading, storing or metering anything more:
 * a text longer than `maxAnswerLength` fits here and is graded "invalid" (never stored), so an
 * answer that fits holds at most one such text per part of the exercise.
 */
export function fitAnswer(
  exercise: Exercise,
  answer: unknown,
): { ok: true; answer: FittedAnswer } | ({ ok: false } & AnswerMisfit) {
  const parts = exercise.answers.map((a) => a.id ?? "");
  if (!exercise.multiPart) {
    return typeof answer === "string"
      ? { ok: true, answer }
      : misfit(
          "expected-text",
          "这道练习只收一个文本答案，不收按小问分开的对象。",
          "This exercise takes one answer as text, not an object of parts.",
        );
  }
  const [listZh, list] = [parts.join("、"), parts.join(", ")];
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
    return misfit(
      "expected-parts",
      `这道练习分小问：请发送“小问 id → 文本”的对象，小问为 ${listZh}。`,
      `This exercise has parts: send an object of part id → text with the parts ${list}.`,
    );
  }
  const fitted: Record<string, string> = {};
  for (const [part, text] of Object.entries(answer)) {
    if (!parts.includes(part)) {
      return misfit(
        "unknown-part",
        `这道练习没有小问“${part}”；它的小问是 ${listZh}。`,
        `This exercise has no part "${part}"; its parts are ${list}.`,
        part,
      );
    }
    if (typeof text !== "string") {
      return misfit("part-not-text", `小问“${part}”的答案应为文本。`, `Part "${part}": expected text.`, part);
    }
    fitted[part] = text;
  }
  return { ok: true, answer: fitted };
}

function misfit(code: AnswerMisfit["code"], zh: string, en: string, part?: string): { ok: false } & AnswerMisfit {
  return { ok: false, code, message: both(zh, en), ...(part === undefined ? {} : { part }) };
}
