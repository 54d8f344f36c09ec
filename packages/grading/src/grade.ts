import type { Matrix } from "@llm-basics/math-core";
import * as core from "@llm-basics/math-core";
import { type CompiledAnswer, drawParams, type Exercise } from "./exercise.ts";
import {
  defaultEvaluationLimits,
  EvaluationError,
  type EvaluationLimits,
  evaluate,
  type FunctionDefinition,
  type Scope,
  type Value,
} from "./expression/evaluate.ts";
import { authorFunctions, constants, learnerFunctions } from "./expression/functions.ts";
import { type AnswerProblem, readAnswer } from "./learner-answer.ts";
import { both, type Locale, type Localized } from "./messages.ts";
import { type Detector, detectorsFor } from "./misconceptions.ts";
import { resolveTolerance, type Tolerance, within } from "./tolerance.ts";

/** How an answer was judged. "invalid" (it could not be read) never costs an attempt. */
export type VerdictStatus = "correct" | "partial" | "incorrect" | "invalid";

/** A graded answer, JSON-serializable as it is. */
export interface Verdict {
  status: VerdictStatus;
  /** 0 … 1. */
  score: number;
  /** For the learner, in the requested language. */
  message: string;
  /** Per entry of a vector (or per row and column of a matrix): within tolerance or not. */
  cells?: boolean[] | boolean[][];
  /** The common mistake the answer matches. */
  misconception?: { id: string; message: string; topic: string };
  /** The tolerance the answer was judged with. */
  tolerance: Tolerance;
  /** Where an invalid answer went wrong, as an index into what the learner typed. */
  problem?: { at: number; length: number; code: string; hint?: string };
  /** Right when computed from the learner's own earlier (wrong) answers. */
  carriedForward?: boolean;
  /** Multi-part exercises: one verdict per part, in order. */
  parts?: PartVerdict[];
}

export interface PartVerdict extends Verdict {
  id: string;
}

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

// The limits of the learner's evaluations in the grading in progress: grade() is synchronous,
// so one shared deadline is safe. The author's expressions are bounded by the spec and get none.
let budget: EvaluationLimits = defaultEvaluationLimits;
const authorLimits: EvaluationLimits = { ...defaultEvaluationLimits, maxMilliseconds: Number.POSITIVE_INFINITY };

/** Answers longer than this are refused before any parsing. */
export const maxAnswerLength = 10_000;

/**
 * Grades a learner's answer to one variant (seed) of an exercise: a string, or an object of
 * strings by part id for a multi-part exercise. Never throws; anything unreadable is "invalid".
 */
export function grade(exercise: Exercise, seed: number, answer: unknown, options: GradeOptions = {}): Verdict {
  const locale: Locale = options.locale === "en" ? "en" : "zh";
  budget = {
    ...defaultEvaluationLimits,
    deadline: performance.now() + (options.maxMilliseconds ?? GRADING_MILLISECONDS),
  };
  const tolerance = resolveTolerance(exercise.answers[0]?.spec.tolerance, exercise.spec.tolerance);
  try {
    const params = variantParams(exercise, seed);
    if (!exercise.multiPart) {
      if (typeof answer !== "string") return invalid(notText, tolerance, locale);
      return gradeOne(exercise.answers[0] as CompiledAnswer, answer, params, undefined, seed, exercise, locale);
    }
    if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
      return invalid(
        both("多部分的题目需要按部分给出答案。", "A multi-part exercise needs an answer for each part."),
        tolerance,
        locale,
      );
    }
    const given = answer as Record<string, unknown>;
    const trueValues = new Map(params);
    const ownValues = new Map(params);
    const parts: PartVerdict[] = [];
    for (const part of exercise.answers) {
      const id = part.id as string;
      const text = given[id];
      const expected = part.expr ? safeEvaluate(part.expr, trueValues) : undefined;
      const verdict: Verdict =
        typeof text === "string"
          ? gradeOne(part, text, trueValues, ownValues, seed, exercise, locale)
          : invalid(
              both("这一部分还没有作答。", "This part has not been answered."),
              resolveTolerance(part.spec.tolerance, exercise.spec.tolerance),
              locale,
            );
      parts.push({ id, ...verdict });
      if (expected !== undefined) trueValues.set(id, expected);
      // Later parts are also judged against the learner's own answer to this one (error carried
      // forward), but only an answer of the right shape: copying a given matrix earns nothing.
      const own = typeof text === "string" ? ownValue(text, part) : undefined;
      const fits = own !== undefined && expected !== undefined && sameShape(own, expected);
      ownValues.set(id, fits ? own : (expected ?? 0));
    }
    const score = parts.reduce((s, p) => s + p.score, 0) / parts.length;
    // One unreadable or missing part makes the whole answer invalid: it costs no attempt.
    const status: VerdictStatus = parts.some((p) => p.status === "invalid")
      ? "invalid"
      : parts.every((p) => p.status === "correct")
        ? "correct"
        : score > 0
          ? "partial"
          : "incorrect";
    const right = parts.filter((p) => p.status === "correct").length;
    return {
      status,
      score,
      message: both(`${parts.length} 个部分中答对了 ${right} 个。`, `${right} of ${parts.length} parts are right.`)[
        locale
      ],
      tolerance,
      parts,
    };
  } catch (error) {
    // A defect in the exercise or the grader, not the learner's fault: say so, never throw.
    return invalid(
      both(
        `这道题暂时无法评分（${String(error).slice(0, 200)}）。`,
        `This exercise cannot be graded right now (${String(error).slice(0, 200)}).`,
      ),
      tolerance,
      locale,
      "grader-error",
    );
  }
}

const notText = both("答案必须是文字。", "The answer must be text.");

function correctVerdict(tolerance: Tolerance, locale: Locale): Verdict {
  return { status: "correct", score: 1, message: both("正确！", "Correct!")[locale], tolerance };
}

function incorrectVerdict(tolerance: Tolerance, locale: Locale): Verdict {
  return { status: "incorrect", score: 0, message: both("不正确。", "Not correct.")[locale], tolerance };
}

// A variant's parameters, expected values and mistaken values do not depend on the answer:
// computed once per (exercise, seed) and reused, so grading many answers costs little more
// than reading them. Bounded, oldest first out.
const VARIANTS_PER_EXERCISE = 512;
const variantCache = new WeakMap<Exercise, Map<number, ReadonlyMap<string, Value>>>();
const seenOnce = new WeakMap<Exercise, Set<number>>();
/** The parameter maps kept in the cache: only their computed values are worth keeping too. */
const cachedVariants = new WeakSet<ReadonlyMap<string, Value>>();
const valueCache = new WeakMap<ReadonlyMap<string, Value>, Map<CompiledAnswer, CachedValues>>();

/** The values of the variant being graded right now, for answers that are not cached. */
const oneOff = new WeakMap<CompiledAnswer, { values: ReadonlyMap<string, Value>; entry: CachedValues }>();

interface CachedValues {
  expected: Value;
  /** Mistaken values by detector or mistake id (null: it could not be computed). */
  mistakes: Map<string, Value | null>;
}

function variantParams(exercise: Exercise, seed: number): Map<string, Value> {
  let bySeed = variantCache.get(exercise);
  let seen = seenOnce.get(exercise);
  if (!bySeed || !seen) {
    bySeed = new Map();
    seen = new Set();
    variantCache.set(exercise, bySeed);
    seenOnce.set(exercise, seen);
  }
  const cached = bySeed.get(seed);
  // Callers never change it; the type says Map only so it can be passed where a scope is built.
  if (cached) return cached as Map<string, Value>;
  const params = drawParams(exercise, seed);
  // Keep a variant from its second answer on: a stream of first answers (a batch of many
  // learners) then leaves nothing behind for the garbage collector to copy.
  if (seen.has(seed)) {
    if (bySeed.size >= VARIANTS_PER_EXERCISE) bySeed.delete(bySeed.keys().next().value as number);
    bySeed.set(seed, params);
    cachedVariants.add(params);
  } else {
    if (seen.size >= 16 * VARIANTS_PER_EXERCISE) seen.clear();
    seen.add(seed);
  }
  return params;
}

function cachedEntry(answer: CompiledAnswer, values: Map<string, Value>): CachedValues {
  const fresh = (): CachedValues => ({
    expected: evaluate(
      answer.expr as NonNullable<CompiledAnswer["expr"]>,
      { values, functions: authorFunctions },
      authorLimits,
    ),
    mistakes: new Map(),
  });
  if (!cachedVariants.has(values)) {
    // A first answer: remember nothing (a weak-map entry per throwaway variant slows the collector).
    let once = oneOff.get(answer);
    if (once?.values !== values) {
      once = { values, entry: fresh() };
      oneOff.set(answer, once);
    }
    return once.entry;
  }
  let byAnswer = valueCache.get(values);
  if (!byAnswer) {
    byAnswer = new Map();
    valueCache.set(values, byAnswer);
  }
  let entry = byAnswer.get(answer);
  if (!entry) {
    entry = {
      expected: evaluate(
        answer.expr as NonNullable<CompiledAnswer["expr"]>,
        { values, functions: authorFunctions },
        authorLimits,
      ),
      mistakes: new Map(),
    };
    byAnswer.set(answer, entry);
  }
  return entry;
}

interface MistakenValue {
  id: string;
  topic: string;
  message: Localized;
  value: Value;
}

function ownValue(text: string, part: CompiledAnswer): Value | undefined {
  const read = readAnswer(text, {
    asList: part.spec.type === "vector" || part.spec.type === "matrix" || part.spec.type === "set",
    limits: budget,
  });
  return read.ok && read.statements.length === 1 ? read.statements[0]?.value : undefined;
}

function sameShape(a: Value, b: Value): boolean {
  const x = shapeOfValue(a);
  const y = shapeOfValue(b);
  return x !== undefined && y !== undefined && x.length === y.length && x.every((d, i) => d === y[i]);
}

function safeEvaluate(
  expr: NonNullable<CompiledAnswer["expr"]>,
  values: Map<string, Value>,
  extra?: Partial<Scope>,
): Value | undefined {
  try {
    return evaluate(expr, { values, functions: authorFunctions, ...extra }, authorLimits);
  } catch {
    return undefined;
  }
}

function invalid(
  message: Localized,
  tolerance: Tolerance,
  locale: Locale,
  code = "invalid",
  problem?: AnswerProblem,
): Verdict {
  const verdict: Verdict = { status: "invalid", score: 0, message: message[locale], tolerance };
  if (problem) {
    verdict.problem = { at: problem.at, length: problem.length, code: problem.code };
    if (problem.hint) verdict.problem.hint = problem.hint[locale];
  } else if (code !== "invalid") verdict.problem = { at: 0, length: 0, code };
  return verdict;
}

function invalidAnswer(problem: AnswerProblem, tolerance: Tolerance, locale: Locale): Verdict {
  const hint = problem.hint ? ` ${problem.hint[locale]}` : "";
  const where = both(`（第 ${problem.at + 1} 个字符）`, ` (at character ${problem.at + 1})`)[locale];
  return invalid(
    { zh: `${problem.message.zh}${where}${hint}`, en: `${problem.message.en}${where}${hint}` },
    tolerance,
    locale,
    problem.code,
    problem,
  );
}

function gradeOne(
  answer: CompiledAnswer,
  text: string,
  values: Map<string, Value>,
  ownValues: Map<string, Value> | undefined,
  seed: number,
  exercise: Exercise,
  locale: Locale,
): Verdict {
  const tolerance = resolveTolerance(answer.spec.tolerance, exercise.spec.tolerance);
  if (text.length > maxAnswerLength) {
    return invalid(
      both(
        `答案太长：最多 ${maxAnswerLength} 个字符。`,
        `The answer is too long: at most ${maxAnswerLength} characters.`,
      ),
      tolerance,
      locale,
      "too-long",
    );
  }
  const spec = answer.spec;
  switch (spec.type) {
    case "scalar":
    case "vector":
    case "matrix":
      return gradeTensor(answer, text, values, ownValues, tolerance, locale);
    case "boolean":
      return gradeBoolean(answer, text, values, tolerance, locale);
    case "choice":
      return gradeChoice(spec, text, tolerance, locale);
    case "set":
      return gradeSet(answer, text, values, tolerance, locale);
    case "expression": {
      // Equivalent expressions agree to rounding, so the default is tight: 2.001x is not 2x.
      const strict = resolveTolerance(answer.spec.tolerance, exercise.spec.tolerance, { atol: 1e-9, rtol: 1e-9 });
      const own = (answer.spec.tolerance ?? exercise.spec.tolerance) ? tolerance : strict;
      return gradeExpression(answer, spec.variables, spec.domain ?? [-2, 2], text, values, seed, own, locale);
    }
    case "eigenpairs":
      return gradeEigenpairs(answer, text, values, tolerance, locale);
    case "svd":
      return gradeSvd(answer, text, values, tolerance, locale);
    case "property":
      return gradeProperty(answer, text, values, tolerance, locale);
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers, vectors and matrices

interface Comparison {
  sameShape: boolean;
  allClose: boolean;
  cells?: boolean[] | boolean[][];
  fraction: number;
}

function shapeOfValue(v: Value): number[] | undefined {
  try {
    return [...core.shapeOf(v)];
  } catch {
    return undefined;
  }
}

/** Entry-by-entry comparison of two tensors of the same kind. */
export function compare(actual: Value, expected: Value, tolerance: Tolerance): Comparison {
  const a = shapeOfValue(actual);
  const e = shapeOfValue(expected);
  if (a === undefined || e === undefined || a.length !== e.length || a.some((d, i) => d !== e[i])) {
    return { sameShape: false, allClose: false, fraction: 0 };
  }
  if (typeof actual === "number") {
    const ok = within(actual, expected as number, tolerance);
    return { sameShape: true, allClose: ok, fraction: ok ? 1 : 0 };
  }
  if (e.length === 1) {
    const cells = (actual as number[]).map((x, i) => within(x, (expected as number[])[i] as number, tolerance));
    const right = cells.filter(Boolean).length;
    return { sameShape: true, allClose: right === cells.length, cells, fraction: right / cells.length };
  }
  const cells = (actual as number[][]).map((row, i) =>
    row.map((x, j) => within(x, (expected as number[][])[i]?.[j] as number, tolerance)),
  );
  const flat = cells.flat();
  const right = flat.filter(Boolean).length;
  return { sameShape: true, allClose: right === flat.length, cells, fraction: right / flat.length };
}

/** Whether two values match entry by entry (same shape), without building per-cell marks. */
function allClose(actual: Value, expected: Value, tolerance: Tolerance): boolean {
  if (typeof actual === "number" || typeof expected === "number") {
    return typeof actual === "number" && typeof expected === "number" && within(actual, expected, tolerance);
  }
  if (!Array.isArray(actual) || !Array.isArray(expected) || actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) {
    if (!allClose(actual[i] as Value, expected[i] as Value, tolerance)) return false;
  }
  return true;
}

/** A learner's 1×n or n×1 matrix counts as a vector when a vector is expected, and vice versa. */
function coerce(value: Value, expected: Value): Value {
  const a = shapeOfValue(value);
  const e = shapeOfValue(expected);
  if (!a || !e) return value;
  if (e.length === 1 && a.length === 2 && (a[0] === 1 || a[1] === 1)) return (value as number[][]).flat();
  if (e.length === 2 && a.length === 1 && e[0] === 1) return [value as number[]];
  if (e.length === 2 && a.length === 1 && e[1] === 1) return (value as number[]).map((x) => [x]);
  return value;
}

function describeShape(shape: number[] | undefined): Localized {
  if (shape === undefined) return both("一个列表", "a list");
  if (shape.length === 0) return both("一个数", "a single number");
  if (shape.length === 1) return both(`长度为 ${shape[0]} 的向量`, `a vector of length ${shape[0]}`);
  return both(`${shape[0]}×${shape[1]} 的矩阵`, `a ${shape[0]}×${shape[1]} matrix`);
}

function expectedShapeMessage(answer: CompiledAnswer, expected: Value, actual: Value): Localized {
  const e = shapeOfValue(expected);
  const a = describeShape(shapeOfValue(actual));
  const noun = answer.spec.noun;
  const nounText = noun === undefined ? undefined : typeof noun === "string" ? both(noun, noun) : noun;
  const what = nounText
    ? both(
        `${e && e.length === 2 ? `${e[0]}×${e[1]} 的` : ""}${nounText.zh}`,
        `${e && e.length === 2 ? `${e[0]}×${e[1]} ` : ""}${nounText.en}`,
      )
    : describeShape(e);
  // A space between Chinese and a number, as in 长度为 3 的向量.
  const spaced = (text: string) => (/^[0-9A-Za-z]/.test(text) ? ` ${text}` : text);
  return both(
    `答案的形状不对：应该是${spaced(what.zh)}，你给的是${spaced(a.zh)}。`,
    `Wrong shape: expected ${what.en}; got ${a.en}.`,
  );
}

/** The buggy values this answer can be compared with: detectors first, then the author's mistakes. */
/**
 * The buggy values this answer can be compared with, detectors first, then the author's
 * mistakes: computed one at a time, so grading stops at the first match. When the learner's
 * shape differs from the expected one, detectors that keep the shape cannot match and are skipped.
 */
function* mistakenValues(
  answer: CompiledAnswer,
  values: Map<string, Value>,
  expected: Value,
  learnerHasExpectedShape: boolean,
): Generator<MistakenValue> {
  const cache = cachedEntry(answer, values).mistakes;
  const remembered = (id: string, compute: () => Value | undefined): Value | undefined => {
    if (!cache.has(id)) cache.set(id, compute() ?? null);
    return cache.get(id) ?? undefined;
  };
  if (answer.expr) {
    for (const detector of detectorsFor(answer.expr, answer.spec.ignoreDetectors)) {
      if (detector.keepsShape && !learnerHasExpectedShape) continue;
      const value = remembered(detector.id, () => buggyValue(detector, answer, values, expected));
      if (value !== undefined) yield { id: detector.id, topic: detector.topic, message: detector.message, value };
    }
  }
  for (const mistake of answer.mistakes) {
    const value = remembered(`mistake#${answer.mistakes.indexOf(mistake)}`, () => safeEvaluate(mistake.expr, values));
    const message =
      typeof mistake.spec.message === "string"
        ? both(mistake.spec.message, mistake.spec.message)
        : mistake.spec.message;
    if (value !== undefined) yield { id: mistake.id, topic: mistake.spec.topic ?? "exercise", message, value };
  }
}

const functionsByDetector = new WeakMap<Detector, ReadonlyMap<string, FunctionDefinition>>();

/** The author functions with a detector's buggy versions in place (built once per detector). */
function detectorFunctions(detector: Detector): ReadonlyMap<string, FunctionDefinition> {
  let functions = functionsByDetector.get(detector);
  if (!functions) {
    const map = new Map<string, FunctionDefinition>(authorFunctions);
    for (const [name, fn] of Object.entries(detector.functions ?? {})) map.set(name, fn);
    functions = map;
    functionsByDetector.set(detector, functions);
  }
  return functions;
}

function buggyValue(
  detector: Detector,
  answer: CompiledAnswer,
  values: Map<string, Value>,
  expected: Value,
): Value | undefined {
  if (detector.transform) return detector.transform(expected);
  if (!answer.expr) return undefined;
  const scope: Scope = { values, functions: detectorFunctions(detector) };
  if (detector.matrixProduct) scope.matrixProduct = detector.matrixProduct;
  try {
    return evaluate(answer.expr, scope, authorLimits);
  } catch {
    return undefined;
  }
}

function gradeTensor(
  answer: CompiledAnswer,
  text: string,
  values: Map<string, Value>,
  ownValues: Map<string, Value> | undefined,
  tolerance: Tolerance,
  locale: Locale,
): Verdict {
  const read = readAnswer(text, { asList: answer.spec.type !== "scalar", limits: budget });
  if (!read.ok) return invalidAnswer(read.problem, tolerance, locale);
  const [statement, extra] = read.statements;
  if (extra !== undefined || statement?.name !== undefined || statement?.value === undefined) {
    return invalid(
      both("请只写一个答案（一个数、向量或矩阵）。", "Give one answer: a number, a vector or a matrix."),
      tolerance,
      locale,
      "one-answer",
    );
  }
  const expected = cachedEntry(answer, values).expected;
  const learner = coerce(statement.value, expected);
  const result = compare(learner, expected, tolerance);
  const verdict = (
    status: VerdictStatus,
    score: number,
    message: Localized,
    extraFields: Partial<Verdict> = {},
  ): Verdict => {
    const v: Verdict = { status, score, message: message[locale], tolerance, ...extraFields };
    if (result.cells && result.sameShape && !("cells" in extraFields)) v.cells = result.cells;
    return v;
  };
  if (result.allClose) return verdict("correct", 1, both("正确！", "Correct!"));
  // Judged against the learner's own earlier answers (multi-part): right method, earlier slip.
  if (ownValues && answer.expr) {
    const carried = safeEvaluate(answer.expr, ownValues);
    if (carried !== undefined && allClose(learner, carried, tolerance)) {
      return verdict(
        "correct",
        1,
        both(
          "这一步做对了：按你前面的答案计算，结果是正确的（不过前面的答案有误）。",
          "This step is right: it is correct for your earlier answers (though those had an error).",
        ),
        { carriedForward: true, cells: compare(learner, carried, tolerance).cells ?? [] },
      );
    }
  }
  for (const mistake of mistakenValues(answer, values, expected, result.sameShape)) {
    // A tie (the mistake gives the right value too) was already resolved to correct above.
    if (allClose(learner, mistake.value, tolerance)) {
      return verdict("incorrect", 0, mistake.message, {
        misconception: { id: mistake.id, message: mistake.message[locale], topic: mistake.topic },
      });
    }
  }
  if (!result.sameShape) return verdict("incorrect", 0, expectedShapeMessage(answer, expected, learner));
  if (result.fraction > 0 && result.cells) {
    const total = Array.isArray(result.cells[0]) ? (result.cells as boolean[][]).flat().length : result.cells.length;
    const right = Math.round(result.fraction * total);
    return verdict(
      "partial",
      result.fraction,
      both(
        `部分正确：${total} 个元素中有 ${right} 个对了。`,
        `Partly right: ${right} of ${total} entries are correct.`,
      ),
    );
  }
  return verdict("incorrect", 0, both("不正确。", "Not correct."));
}

// ---------------------------------------------------------------------------------------------
// Booleans, choices, sets, expressions

const TRUE_WORDS = new Set([
  "true",
  "t",
  "yes",
  "y",
  "1",
  "是",
  "是的",
  "对",
  "对的",
  "正确",
  "真",
  "成立",
  "√",
  "✓",
  "✔",
]);
const FALSE_WORDS = new Set([
  "false",
  "f",
  "no",
  "n",
  "0",
  "否",
  "不",
  "不对",
  "错",
  "错的",
  "错误",
  "不正确",
  "假",
  "不成立",
  "不是",
  "×",
  "✗",
  "✘",
]);

function gradeBoolean(
  answer: CompiledAnswer,
  text: string,
  values: Map<string, Value>,
  tolerance: Tolerance,
  locale: Locale,
): Verdict {
  const word = text
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[。.!！]$/u, "");
  const given = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
  if (given === undefined) {
    return invalid(
      both("请回答“是”或“否”（true / false）。", "Answer yes or no (true / false)."),
      tolerance,
      locale,
      "not-boolean",
    );
  }
  const value = evaluate(
    answer.expr as NonNullable<CompiledAnswer["expr"]>,
    { values, functions: authorFunctions },
    authorLimits,
  );
  const expected = value === true || (typeof value === "number" && value !== 0);
  return given === expected ? correctVerdict(tolerance, locale) : incorrectVerdict(tolerance, locale);
}

function gradeChoice(
  spec: Extract<CompiledAnswer["spec"], { type: "choice" }>,
  text: string,
  tolerance: Tolerance,
  locale: Locale,
): Verdict {
  // "A, C", "A C", "AC", "(B)", "ｂ。": letters, with separators, brackets and full stops ignored.
  const letters = text
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[()（）[\]【】。.!！]/gu, "")
    .replace(/[，、；;,\s]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .flatMap((word) => (/^[A-Z]+$/.test(word) ? [...word] : [word]));
  const chosen = new Set<number>();
  for (const l of letters) {
    const index = l.length === 1 ? l.charCodeAt(0) - 65 : -1;
    if (index < 0 || index >= spec.options.length) {
      const last = String.fromCharCode(64 + spec.options.length);
      return invalid(
        both(`请用选项字母 A–${last} 作答。`, `Answer with the option letters A–${last}.`),
        tolerance,
        locale,
        "not-a-choice",
      );
    }
    chosen.add(index);
  }
  if (chosen.size === 0) return invalid(both("请选择一个选项。", "Choose an option."), tolerance, locale, "empty");
  const correct = new Set(Array.isArray(spec.correct) ? spec.correct : [spec.correct]);
  if (!spec.multiple && chosen.size > 1)
    return invalid(both("这道题只能选一个。", "Choose only one option."), tolerance, locale, "one-choice");
  const hits = [...chosen].filter((c) => correct.has(c)).length;
  const wrong = chosen.size - hits;
  if (hits === correct.size && wrong === 0) return correctVerdict(tolerance, locale);
  const score = spec.multiple ? Math.max(0, (hits - wrong) / correct.size) : 0;
  return score > 0
    ? { status: "partial", score, message: both("部分正确。", "Partly right.")[locale], tolerance }
    : incorrectVerdict(tolerance, locale);
}

function gradeSet(
  answer: CompiledAnswer,
  text: string,
  values: Map<string, Value>,
  tolerance: Tolerance,
  locale: Locale,
): Verdict {
  const read = readAnswer(text, { asList: true, limits: budget });
  if (!read.ok) return invalidAnswer(read.problem, tolerance, locale);
  const given = read.statements.length === 1 ? read.statements[0]?.value : read.statements.map((s) => s.value as Value);
  const expected = evaluate(
    answer.expr as NonNullable<CompiledAnswer["expr"]>,
    { values, functions: authorFunctions },
    authorLimits,
  );
  const items = Array.isArray(given) ? given : [given as Value];
  const wanted = Array.isArray(expected) ? [...(expected as Value[])] : [expected];
  if (!items.every((x) => typeof x === "number")) {
    return invalid(
      both("请列出数，用逗号分开，例如 1, 3。", "List numbers separated by commas, as in 1, 3."),
      tolerance,
      locale,
      "not-a-set",
    );
  }
  let matched = 0;
  const unused = [...wanted];
  for (const x of items as number[]) {
    const at = unused.findIndex((y) => typeof y === "number" && within(x, y, tolerance));
    if (at >= 0) {
      unused.splice(at, 1);
      matched++;
    }
  }
  const extra = items.length - matched;
  if (matched === wanted.length && extra === 0) return correctVerdict(tolerance, locale);
  const score = Math.max(0, (matched - extra) / wanted.length);
  const message = both(
    `${wanted.length} 个值中找对了 ${matched} 个${extra > 0 ? `，另有 ${extra} 个多余` : ""}。`,
    `${matched} of ${wanted.length} values found${extra > 0 ? `, ${extra} extra` : ""}.`,
  );
  return { status: score > 0 ? "partial" : "incorrect", score, message: message[locale], tolerance };
}

function gradeExpression(
  answer: CompiledAnswer,
  variables: readonly string[],
  domain: readonly [number, number],
  text: string,
  values: Map<string, Value>,
  seed: number,
  tolerance: Tolerance,
  locale: Locale,
): Verdict {
  const read = readAnswer(text, { variables, limits: budget });
  if (!read.ok) return invalidAnswer(read.problem, tolerance, locale);
  const [statement, extra] = read.statements;
  if (!statement || extra || statement.name)
    return invalid(both("请只写一个表达式。", "Give one expression."), tolerance, locale, "one-answer");
  // Equivalent expressions agree at random points (as WeBWorK and Numbas check them).
  const rng = core.createRng(`points#${seed}`);
  let checked = 0;
  for (let attempt = 0; attempt < 40 && checked < 8; attempt++) {
    const point = new Map(values);
    for (const v of variables) point.set(v, domain[0] + rng.float() * (domain[1] - domain[0]));
    const expected = safeEvaluate(answer.expr as NonNullable<CompiledAnswer["expr"]>, point);
    if (typeof expected !== "number") continue;
    checked++;
    let given: Value | undefined;
    try {
      const learnerValues = new Map<string, Value>(constants);
      for (const v of variables) learnerValues.set(v, point.get(v) as Value);
      given = evaluate(statement.expr, { values: learnerValues, functions: learnerFunctions }, budget);
    } catch (error) {
      // Too slow to compute is unreadable, not wrong; undefined at a point (1/x at 0) is wrong.
      if (error instanceof EvaluationError && error.code === "too-slow") {
        return invalid(error.localized, tolerance, locale, "too-slow");
      }
      given = undefined;
    }
    if (typeof given !== "number" || !within(given, expected, tolerance)) {
      return {
        status: "incorrect",
        score: 0,
        message: both("这个表达式与正确答案不相等。", "This expression is not equal to the right one.")[locale],
        tolerance,
      };
    }
  }
  if (checked === 0) throw new Error("the expected expression could not be evaluated at any sample point");
  return correctVerdict(tolerance, locale);
}

// ---------------------------------------------------------------------------------------------
// Answers unique only up to order, sign and scale

function gradeEigenpairs(
  answer: CompiledAnswer,
  text: string,
  values: Map<string, Value>,
  tolerance: Tolerance,
  locale: Locale,
): Verdict {
  const read = readAnswer(text, { limits: budget });
  if (!read.ok) return invalidAnswer(read.problem, tolerance, locale);
  const only = read.statements.length === 1 ? read.statements[0]?.value : undefined;
  const pairs: Value[] =
    Array.isArray(only) && only.every((p) => Array.isArray(p) && p.length === 2 && Array.isArray(p[1]))
      ? only
      : read.statements.map((s) => s.value as Value);
  const format = both(
    "请按“特征值, [特征向量]”的格式逐行作答，例如 [1, [1, -1]]; [3, [1, 1]]。",
    "Give one pair per line as [eigenvalue, [eigenvector]], as in [1, [1, -1]]; [3, [1, 1]].",
  );
  const A = evaluate(
    answer.expr as NonNullable<CompiledAnswer["expr"]>,
    { values, functions: authorFunctions },
    authorLimits,
  ) as unknown as Matrix;
  const n = A.length;
  const parsed: { lambda: number; v: number[] }[] = [];
  for (const p of pairs) {
    if (
      !Array.isArray(p) ||
      p.length !== 2 ||
      typeof p[0] !== "number" ||
      !Array.isArray(p[1]) ||
      !p[1].every((x) => typeof x === "number")
    ) {
      return invalid(format, tolerance, locale, "not-eigenpairs");
    }
    if (p[1].length !== n) {
      return invalid(
        both(`每个特征向量应该有 ${n} 个分量。`, `Each eigenvector needs ${n} entries.`),
        tolerance,
        locale,
        "eigenvector-length",
      );
    }
    parsed.push({ lambda: p[0], v: p[1] as number[] });
  }
  const expected = core.isSymmetric(A)
    ? core.eigSymmetric(A).values
    : core
        .eig(A)
        .values.filter((c) => c.im === 0)
        .map((c) => c.re);
  const unused = [...expected];
  let right = 0;
  const byValue = new Map<number, number[][]>();
  for (const { lambda, v } of parsed) {
    const at = unused.findIndex((x) => within(lambda, x, tolerance));
    const length = Math.hypot(...v);
    if (at < 0 || length === 0) continue;
    const trueLambda = unused[at] as number;
    const unit = v.map((x) => x / length);
    const Av = core.matmul(A, unit);
    // Any nonzero multiple of an eigenvector is one: check A·v = λ·v for the normalized vector.
    // The residual of a rounded vector grows with A, so allow the tolerance times ‖A‖.
    const size = Math.max(1, ...A.flat().map(Math.abs)) * n;
    const slack =
      ("sigfigs" in tolerance ? 10 ** -tolerance.sigfigs : tolerance.atol + tolerance.rtol * Math.abs(trueLambda)) *
      size;
    if (!Av.every((x, i) => Math.abs(x - trueLambda * (unit[i] as number)) <= slack)) continue;
    const same = byValue.get(trueLambda) ?? [];
    // Vectors for a repeated eigenvalue must be independent.
    if (
      same.length > 0 &&
      core.rank([...same, unit].map((r) => r.map((x) => Math.round(x * 1e6) / 1e6))) <= same.length
    )
      continue;
    same.push(unit);
    byValue.set(trueLambda, same);
    unused.splice(at, 1);
    right++;
  }
  const total = expected.length;
  if (right === total && parsed.length === total) return correctVerdict(tolerance, locale);
  const score = Math.max(0, (right - Math.max(0, parsed.length - total)) / total);
  const message = both(`${total} 个特征对中有 ${right} 个正确。`, `${right} of ${total} eigenpairs are right.`);
  return { status: score > 0 ? "partial" : "incorrect", score, message: message[locale], tolerance };
}

function gradeSvd(
  answer: CompiledAnswer,
  text: string,
  values: Map<string, Value>,
  tolerance: Tolerance,
  locale: Locale,
): Verdict {
  const read = readAnswer(text, { limits: budget });
  if (!read.ok) return invalidAnswer(read.problem, tolerance, locale);
  const named = new Map<string, Value>();
  for (const s of read.statements)
    if (s.name && s.value !== undefined)
      named.set(s.name.toUpperCase() === "SIGMA" ? "S" : s.name.toUpperCase(), s.value);
  const U = named.get("U");
  const S = named.get("S");
  const V = named.get("V");
  if (U === undefined || S === undefined || V === undefined) {
    return invalid(
      both("请分别写出 U = …、S = …、V = …（每行一个）。", "Give U = …, S = … and V = … (one per line)."),
      tolerance,
      locale,
      "not-svd",
    );
  }
  const A = evaluate(
    answer.expr as NonNullable<CompiledAnswer["expr"]>,
    { values, functions: authorFunctions },
    authorLimits,
  ) as unknown as Matrix;
  const fail = (zh: string, en: string): Verdict => ({
    status: "incorrect",
    score: 0,
    message: both(zh, en)[locale],
    tolerance,
  });
  // Σ may be given as its diagonal or as the diagonal matrix itself (whose other entries must be 0).
  const sMatrix = Array.isArray(S) && Array.isArray(S[0]) ? (S as number[][]) : undefined;
  if (sMatrix?.some((row, i) => row.some((x, j) => i !== j && !within(x, 0, tolerance)))) {
    return fail("Σ 是对角矩阵：对角线以外的元素都应为 0。", "Σ is diagonal: its entries off the diagonal must be 0.");
  }
  const sValues = (sMatrix ? sMatrix.map((row, i) => row[i] ?? 0) : S) as number[];
  const truth = core.svd(A);
  const k = truth.S.length;
  const shape = (v: Value) => shapeOfValue(v) ?? [];
  if (
    !Array.isArray(sValues) ||
    sValues.length !== k ||
    shape(U).join() !== `${A.length},${k}` ||
    shape(V).join() !== `${(A[0] as number[]).length},${k}`
  ) {
    return fail(
      `形状不对：U 应为 ${A.length}×${k}，S 应有 ${k} 个值，V 应为 ${(A[0] as number[]).length}×${k}。`,
      `Wrong shapes: U should be ${A.length}×${k}, S should have ${k} values, V should be ${(A[0] as number[]).length}×${k}.`,
    );
  }
  if (!sValues.every((s, i) => within(s, truth.S[i] as number, tolerance)))
    return fail(
      "奇异值不对（应按从大到小排列）。",
      "The singular values are wrong (they go from largest to smallest).",
    );
  const orthonormal = (M: Matrix) => compare(core.matmul(core.transpose(M), M), core.identity(k), tolerance).allClose;
  if (!orthonormal(U as unknown as Matrix))
    return fail("U 的列不是单位正交的。", "The columns of U are not orthonormal.");
  if (!orthonormal(V as unknown as Matrix))
    return fail("V 的列不是单位正交的。", "The columns of V are not orthonormal.");
  const product = core.matmul(
    core.matmul(
      U as unknown as Matrix,
      sValues.map((s, i) => sValues.map((_, j) => (i === j ? s : 0))),
    ),
    core.transpose(V as unknown as Matrix),
  );
  if (!compare(product, A as unknown as Value, tolerance).allClose)
    return fail(
      "U·diag(S)·Vᵀ 不等于 A：检查奇异向量的符号是否配对。",
      "U·diag(S)·Vᵀ is not A: check that the signs of matching singular vectors agree.",
    );
  return correctVerdict(tolerance, locale);
}

function gradeProperty(
  answer: CompiledAnswer,
  text: string,
  values: Map<string, Value>,
  tolerance: Tolerance,
  locale: Locale,
): Verdict {
  const read = readAnswer(text, { limits: budget });
  if (!read.ok) return invalidAnswer(read.problem, tolerance, locale);
  const value = read.statements.length === 1 ? read.statements[0]?.value : undefined;
  const shape = value === undefined ? undefined : shapeOfValue(value);
  if (shape?.length !== 2)
    return invalid(
      both("请给出一个矩阵，例如 [[1, 0], [0, 1]]。", "Give a matrix, as in [[1, 0], [0, 1]]."),
      tolerance,
      locale,
      "not-a-matrix",
    );
  const M = value as unknown as Matrix;
  const spec = answer.spec as Extract<CompiledAnswer["spec"], { type: "property" }>;
  const tol = "sigfigs" in tolerance ? 10 ** -tolerance.sigfigs : tolerance.atol + tolerance.rtol;
  const failures: Localized[] = [];
  spec.checks.forEach((c, i) => {
    const expr = answer.checkExprs.get(i);
    const square = shape[0] === shape[1];
    let ok: boolean;
    let says: Localized;
    if ("symmetric" in c) [ok, says] = [core.isSymmetric(M, tol), both("不是对称矩阵", "it is not symmetric")];
    else if ("orthogonal" in c)
      [ok, says] = [core.isOrthogonal(M, tol), both("不是正交矩阵（AᵀA ≠ I）", "it is not orthogonal (AᵀA ≠ I)")];
    else if ("diagonal" in c) [ok, says] = [core.isDiagonal(M, tol), both("不是对角矩阵", "it is not diagonal")];
    else if ("rowStochastic" in c)
      [ok, says] = [
        M.every(
          (row) =>
            row.every((x) => x >= -tol) &&
            within(
              row.reduce((a, b) => a + b, 0),
              1,
              tolerance,
            ),
        ),
        both("不是每行非负且和为 1", "its rows are not all non-negative with sum 1"),
      ];
    else if ("invertible" in c)
      [ok, says] = [square && core.rank(M) === shape[0], both("不可逆", "it is not invertible")];
    else if ("rank" in c) [ok, says] = [core.rank(M) === c.rank, both(`秩不是 ${c.rank}`, `its rank is not ${c.rank}`)];
    else if ("shape" in c)
      [ok, says] = [
        shape[0] === c.shape[0] && shape[1] === c.shape[1],
        both(`形状不是 ${c.shape[0]}×${c.shape[1]}`, `it is not ${c.shape[0]}×${c.shape[1]}`),
      ];
    else if ("equals" in c) {
      const target = expr ? safeEvaluate(expr, values) : undefined;
      [ok, says] = [
        target !== undefined && compare(M, target, tolerance).allClose,
        both("不等于题目要求的矩阵", "it is not the matrix asked for"),
      ];
    } else {
      const target = expr ? safeEvaluate(expr, values) : undefined;
      [ok, says] = [
        square && typeof target === "number" && within(core.det(M), target, tolerance),
        both(`行列式不等于 ${c.det}`, `its determinant is not ${c.det}`),
      ];
    }
    if (!ok) failures.push(says);
  });
  const score = (spec.checks.length - failures.length) / spec.checks.length;
  if (failures.length === 0) return correctVerdict(tolerance, locale);
  const list = both(failures.map((f) => f.zh).join("；"), failures.map((f) => f.en).join("; "));
  return {
    status: score > 0 ? "partial" : "incorrect",
    score,
    message: both(`还不对：${list.zh}。`, `Not yet: ${list.en}.`)[locale],
    tolerance,
  };
}
