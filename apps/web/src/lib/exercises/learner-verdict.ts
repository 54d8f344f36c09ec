import type { PartVerdict, Verdict, VerdictStatus } from "@llm-basics/grading";

/**
 * What the learner's browser gets of a verdict: how the answer was judged and why, never the
 * tolerance it was judged with (nor anything else that would hint at the expected values).
 */
export interface LearnerVerdict {
  status: VerdictStatus;
  score: number;
  message: string;
  cells?: boolean[] | boolean[][];
  misconception?: { id: string; message: string; topic: string };
  /** Where an unreadable answer went wrong; `message` says what, without the position. */
  problem?: { at: number; length: number; code: string; message?: string; hint?: string };
  carriedForward?: boolean;
  parts?: LearnerPartVerdict[];
}

export interface LearnerPartVerdict extends Omit<LearnerVerdict, "parts"> {
  id: string;
}

/** A verdict cut down to the fields the learner may see, copied one by one (never spread). */
export function learnerVerdict(verdict: Verdict): LearnerVerdict {
  const out: LearnerVerdict = own(verdict);
  if (verdict.parts) {
    // An unreadable answer uses no attempt, so it must not teach anything either: of a
    // multi-part answer with an unreadable part, only the unreadable parts come back.
    const shown = verdict.status === "invalid" ? verdict.parts.filter((p) => p.status === "invalid") : verdict.parts;
    out.parts = shown.map((part: PartVerdict) => ({ id: part.id, ...own(part) }));
  }
  return out;
}

function own(verdict: Verdict): Omit<LearnerVerdict, "parts"> {
  const out: Omit<LearnerVerdict, "parts"> = { status: verdict.status, score: verdict.score, message: verdict.message };
  if (verdict.cells) out.cells = verdict.cells;
  if (verdict.misconception) {
    const { id, message, topic } = verdict.misconception;
    out.misconception = { id, message, topic };
  }
  if (verdict.problem) {
    const { at, length, code, message, hint } = verdict.problem;
    out.problem = { at, length, code };
    if (message !== undefined) out.problem.message = message;
    if (hint !== undefined) out.problem.hint = hint;
  }
  if (verdict.carriedForward) out.carriedForward = true;
  return out;
}
