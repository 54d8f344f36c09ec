import type { AnswerContext } from "./answer-types/answer-type.ts";
import { answerTypeOf } from "./answer-types/registry.ts";
import type { CompiledAnswer, Exercise } from "./exercise.ts";
import { defaultEvaluationLimits, type EvaluationLimits, type Value } from "./expression/evaluate.ts";
import { both, type Locale } from "./messages.ts";
import { sameShape } from "./tensor-compare.ts";
import { resolveTolerance, type Tolerance } from "./tolerance.ts";
import { authorValue, variantParams } from "./variant-values.ts";
import { invalid, type PartVerdict, type Verdict } from "./verdict.ts";

export { compare } from "./tensor-compare.ts";
export type { PartVerdict, Verdict, VerdictStatus } from "./verdict.ts";

export interface GradeOptions {
  /** The language of messages (default "zh"). */
  locale?: Locale;
  /** Wall-clock budget for evaluating the learner's answer (default 250 ms). */
  maxMilliseconds?: number;
}

/**
 * Wall-clock budget for evaluating one learner's answer, all evaluations together. Bounded
 * input keeps real answers far below a millisecond; this only stops pathological ones (which
 * would take seconds), with room for a busy machine.
 */
const GRADING_MILLISECONDS = 250;

/** Answers longer than this are refused before any parsing. */
export const maxAnswerLength = 10_000;

/** What grading one exercise's answer shares across its parts. */
interface Grading {
  exercise: Exercise;
  seed: number;
  locale: Locale;
  limits: EvaluationLimits;
}

/**
 * Grades a learner's answer to one variant (seed) of an exercise: a string, or an object of
 * strings by part id for a multi-part exercise. Never throws; anything unreadable is "invalid".
 */
export function grade(exercise: Exercise, seed: number, answer: unknown, options: GradeOptions = {}): Verdict {
  const locale: Locale = options.locale === "en" ? "en" : "zh";
  const limits: EvaluationLimits = {
    ...defaultEvaluationLimits,
    deadline: performance.now() + (options.maxMilliseconds ?? GRADING_MILLISECONDS),
  };
  const grading: Grading = { exercise, seed, locale, limits };
  const tolerance = resolveTolerance(exercise.answers[0]?.spec.tolerance, exercise.spec.tolerance);
  try {
    const params = variantParams(exercise, seed);
    if (!exercise.multiPart) {
      if (typeof answer !== "string")
        return invalid({ locale, tolerance }, both("答案必须是文字。", "The answer must be text."));
      return gradeAnswer(grading, exercise.answers[0] as CompiledAnswer, answer, params).verdict;
    }
    if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
      return invalid(
        { locale, tolerance },
        both("多部分的题目需要按部分给出答案。", "A multi-part exercise needs an answer for each part."),
      );
    }
    return gradeParts(grading, answer as Record<string, unknown>, params, tolerance);
  } catch (error) {
    // A defect in the exercise or the grader, not the learner's fault: say so, never throw.
    return invalid(
      { locale, tolerance },
      both(
        `这道题暂时无法评分（${String(error).slice(0, 200)}）。`,
        `This exercise cannot be graded right now (${String(error).slice(0, 200)}).`,
      ),
      "grader-error",
    );
  }
}

/** Each part in order, later parts judged also against the learner's own earlier answers. */
function gradeParts(
  grading: Grading,
  given: Record<string, unknown>,
  params: Map<string, Value>,
  tolerance: Tolerance,
): Verdict {
  const { exercise, locale } = grading;
  const trueValues = new Map(params);
  const ownValues = new Map(params);
  const parts: PartVerdict[] = [];
  for (const part of exercise.answers) {
    const id = part.id as string;
    const text = given[id];
    const expected = part.expr ? authorValue(part.expr, trueValues) : undefined;
    const graded =
      typeof text === "string"
        ? gradeAnswer(grading, part, text, trueValues, ownValues)
        : {
            verdict: invalid(
              { locale, tolerance: resolveTolerance(part.spec.tolerance, exercise.spec.tolerance) },
              both("这一部分还没有作答。", "This part has not been answered."),
            ),
          };
    parts.push({ id, ...graded.verdict });
    if (expected !== undefined) trueValues.set(id, expected);
    // Later parts are also judged against the learner's own answer to this one (error carried
    // forward), but only an answer of the right shape: copying a given matrix earns nothing.
    const own = graded.carried;
    const fits = own !== undefined && expected !== undefined && sameShape(own, expected);
    ownValues.set(id, fits ? own : (expected ?? 0));
  }
  // One unreadable or missing part makes the whole answer invalid: it costs no attempt, so it
  // says nothing of the other parts either (no score, no count of right parts).
  const unread = parts.flatMap((p, i) => (p.status === "invalid" ? [i + 1] : []));
  if (unread.length > 0) {
    const message = both(
      `第 ${unread.join("、")} 部分还不能评分。`,
      unread.length === 1
        ? `Part ${unread[0]} cannot be graded yet.`
        : `Parts ${unread.slice(0, -1).join(", ")} and ${unread.at(-1)} cannot be graded yet.`,
    );
    return { status: "invalid", score: 0, message: message[locale], tolerance, parts };
  }
  const score = parts.reduce((s, p) => s + p.score, 0) / parts.length;
  const right = parts.filter((p) => p.status === "correct").length;
  const message = both(`${parts.length} 个部分中答对了 ${right} 个。`, `${right} of ${parts.length} parts are right.`)[
    locale
  ];
  if (right === parts.length) return { status: "correct", score: 1, message, tolerance, parts };
  if (score > 0) return { status: "partial", score, message, tolerance, parts };
  return { status: "incorrect", score: 0, message, tolerance, parts };
}

/** One answer read once by its type's module, then judged; with its value for later parts. */
function gradeAnswer(
  grading: Grading,
  answer: CompiledAnswer,
  text: string,
  values: Map<string, Value>,
  ownValues?: Map<string, Value>,
): { verdict: Verdict; carried?: Value } {
  const { exercise, seed, locale, limits } = grading;
  const module = answerTypeOf(answer.spec.type);
  const tolerance = resolveTolerance(
    answer.spec.tolerance,
    exercise.spec.tolerance,
    ...(module.defaultTolerance ? [module.defaultTolerance] : []),
  );
  const ctx: AnswerContext<typeof answer.spec> = {
    answer,
    spec: answer.spec,
    exercise,
    seed,
    values,
    limits,
    locale,
    tolerance,
  };
  if (ownValues) ctx.ownValues = ownValues;
  if (text.length > maxAnswerLength) {
    const tooLong = both(
      `答案太长：最多 ${maxAnswerLength} 个字符。`,
      `The answer is too long: at most ${maxAnswerLength} characters.`,
    );
    return { verdict: invalid(ctx, tooLong, "too-long") };
  }
  const read = module.read(text, ctx);
  if (!read.ok) return { verdict: read.verdict };
  const carried = module.carriedValue?.(read.read);
  return { verdict: module.grade(read.read, ctx), ...(carried === undefined ? {} : { carried }) };
}
