import type { AnswerProblem } from "./learner-answer.ts";
import { both, type Locale, type Localized } from "./messages.ts";
import type { Tolerance } from "./tolerance.ts";

/** How an answer was judged. "invalid" (it could not be read) never costs an attempt. */
export type VerdictStatus = "correct" | "partial" | "incorrect" | "invalid";

/** Per entry of a vector (or per row and column of a matrix, or per axis of a shape): right or not. */
export type CellMarks = boolean[] | boolean[][];

/** A common mistake an answer matches: which, what it is about, and what to tell the learner. */
export interface VerdictMisconception {
  id: string;
  message: string;
  topic: string;
}

/** Where an unreadable answer went wrong, as an index into what the learner typed. */
export interface VerdictProblem {
  at: number;
  length: number;
  code: string;
  /** What is wrong there, without the position (the message adds "at character n"). */
  message?: string;
  hint?: string;
}

interface VerdictBase {
  /** For the learner, in the requested language. */
  message: string;
  /** The tolerance the answer was judged with. */
  tolerance: Tolerance;
  /** Multi-part exercises: one verdict per part, in order. */
  parts?: PartVerdict[];
}

/** The answer is right (perhaps right for the learner's own earlier answers). */
export interface CorrectVerdict extends VerdictBase {
  status: "correct";
  score: 1;
  cells?: CellMarks;
  /** Right when computed from the learner's own earlier (wrong) answers. */
  carriedForward?: boolean;
  misconception?: never;
  problem?: never;
}

/** Part of the answer is right: `score` says how much (0 < score < 1). */
export interface PartialVerdict extends VerdictBase {
  status: "partial";
  score: number;
  cells?: CellMarks;
  carriedForward?: never;
  misconception?: never;
  problem?: never;
}

/** The answer is wrong; `misconception` names the common mistake it matches, when one does. */
export interface IncorrectVerdict extends VerdictBase {
  status: "incorrect";
  score: 0;
  cells?: CellMarks;
  misconception?: VerdictMisconception;
  carriedForward?: never;
  problem?: never;
}

/**
 * The answer could not be read (or was not given): `problem` says where. It costs no attempt,
 * so it scores nothing and says nothing of a multi-part answer's other parts (`parts` holds them
 * for the caller, who shows the learner only the unreadable ones).
 */
export interface InvalidVerdict extends VerdictBase {
  status: "invalid";
  score: 0;
  problem?: VerdictProblem;
  cells?: never;
  carriedForward?: never;
  misconception?: never;
}

/**
 * A graded answer, JSON-serializable as it is: what it holds depends on its `status` (a field
 * another status has is typed `never` here, so it reads as undefined without narrowing first).
 */
export type Verdict = CorrectVerdict | PartialVerdict | IncorrectVerdict | InvalidVerdict;

/** One part's verdict in a multi-part exercise. */
export type PartVerdict = Verdict & { id: string };

/** What every verdict of one answer shares: the language of its messages and its tolerance. */
export interface VerdictContext {
  locale: Locale;
  tolerance: Tolerance;
}

const RIGHT = both("正确！", "Correct!");
const WRONG = both("不正确。", "Not correct.");

/** Right: "正确！" unless another message says more. */
export function correct(ctx: VerdictContext, message = RIGHT, fields?: Partial<CorrectVerdict>): Verdict {
  const verdict: Verdict = { status: "correct", score: 1, message: message[ctx.locale], tolerance: ctx.tolerance };
  return fields ? Object.assign(verdict, fields) : verdict;
}

/** Wrong: "不正确。" unless another message says more. */
export function incorrect(ctx: VerdictContext, message = WRONG, fields?: Partial<IncorrectVerdict>): Verdict {
  const verdict: Verdict = { status: "incorrect", score: 0, message: message[ctx.locale], tolerance: ctx.tolerance };
  return fields ? Object.assign(verdict, fields) : verdict;
}

/** Partly right with `score` > 0, otherwise wrong: answers scored by a share of what is right. */
export function scored(
  ctx: VerdictContext,
  score: number,
  message: Localized,
  fields?: { cells?: CellMarks },
): Verdict {
  if (score <= 0) return incorrect(ctx, message, fields);
  const verdict: Verdict = { status: "partial", score, message: message[ctx.locale], tolerance: ctx.tolerance };
  return fields ? Object.assign(verdict, fields) : verdict;
}

/** Unreadable, for a reason that has no place in the text (`code` says which, when not "invalid"). */
export function invalid(ctx: VerdictContext, message: Localized, code = "invalid"): Verdict {
  const verdict: InvalidVerdict = {
    status: "invalid",
    score: 0,
    message: message[ctx.locale],
    tolerance: ctx.tolerance,
  };
  if (code !== "invalid") verdict.problem = { at: 0, length: 0, code };
  return verdict;
}

/** Unreadable at a place in what the learner typed: the message says where, `problem` holds it. */
export function invalidAt(ctx: VerdictContext, problem: AnswerProblem): Verdict {
  const { locale } = ctx;
  const hint = problem.hint ? ` ${problem.hint[locale]}` : "";
  const where = both(`（第 ${problem.at + 1} 个字符）`, ` (at character ${problem.at + 1})`)[locale];
  const said: VerdictProblem = {
    at: problem.at,
    length: problem.length,
    code: problem.code,
    message: `${problem.message[locale]}${hint}`,
  };
  if (problem.hint) said.hint = problem.hint[locale];
  return {
    status: "invalid",
    score: 0,
    message: `${problem.message[locale]}${where}${hint}`,
    tolerance: ctx.tolerance,
    problem: said,
  };
}
