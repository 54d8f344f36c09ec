import type { z } from "zod";
import type { CompiledAnswer, Exercise } from "../exercise.ts";
import type { EvaluationLimits, Value } from "../expression/evaluate.ts";
import type { Expr } from "../expression/parser.ts";
import { type AnswerStatement, readAnswer } from "../learner-answer.ts";
import type { Localized } from "../messages.ts";
import type { ToleranceSpec } from "../spec-common.ts";
import { invalidAt, type Verdict, type VerdictContext } from "../verdict.ts";

// What every kind of answer is made of. Each kind lives in one module of this folder, which
// exports one `AnswerType`; registry.ts lists them. The grader reads an answer once with the
// module's `read` and hands what it read to the module's `grade`.

/** Everything a module needs to judge one answer: the variant, the answer's spec, the verdict's language. */
export interface AnswerContext<S = { type: string }> extends VerdictContext {
  answer: CompiledAnswer;
  /** The answer's spec, as this kind of answer declares it. */
  spec: S;
  exercise: Exercise;
  seed: number;
  /** The variant's parameters (and, in a multi-part exercise, earlier parts' right values by id). */
  values: Map<string, Value>;
  /** Multi-part: earlier parts' values as the learner gave them (for error carried forward). */
  ownValues?: Map<string, Value>;
  /** Bounds on evaluating what the learner typed (one deadline for the whole grading). */
  limits: EvaluationLimits;
}

/** What reading an answer gives: the module's own reading, or the verdict that it cannot be read. */
export type Reading<R> = { ok: true; read: R } | { ok: false; verdict: Verdict };

/** How an author's spec of this kind compiles: its expressions parsed, its own checks made. */
export interface CompileTools {
  /** Parses an author expression (`variables` are names the learner's formula may use); reports problems at `path`. */
  parse(text: string, path: (string | number)[], variables?: readonly string[]): Expr | undefined;
  /** Reports a problem with the spec at `path`. */
  problem(path: (string | number)[], message: string): void;
}

/** What compiling a spec adds to the answer: the expected value's expression and any others. */
export interface CompiledParts {
  expr?: Expr;
  /** Further expressions of the spec, by index (property checks). */
  checkExprs?: Map<number, Expr>;
}

/** A text in one language or two, as authors write it. */
export type AuthorText = string | Localized;

/** What a learner's page (or an API client) is told about the answer to give: never the answer. */
export interface AnswerTypeView {
  /** The shape the answer must have: `[n]` for a vector, `[rows, columns]` for a matrix. */
  shape?: [number] | [number, number];
  /** Choice answers: each option (rendered by the caller). */
  options?: AuthorText[];
  multiple?: boolean;
  /** Expression answers: the variables the learner may use. */
  variables?: string[];
}

/** A misconception a kind of answer recognises by itself (not by recomputing the expression). */
export interface AnswerMisconception {
  id: string;
  topic: string;
  message: Localized;
}

/** The zod schema of one kind of answer's spec. */
export type AnswerSchema = z.ZodType<{ type: string }>;

/** One kind of answer: its spec, how its text is read, how it is judged, what a page shows of it. */
export interface AnswerType<Schema extends AnswerSchema = AnswerSchema, R = unknown, S = z.infer<Schema>> {
  /** The `type:` an author writes. */
  type: string;
  /** The spec of this kind of answer (its `type` literal, its own fields, the common ones). */
  schema: Schema;
  /** Parses the spec's expressions and checks what zod cannot. */
  compile(spec: S, path: (string | number)[], tools: CompileTools): CompiledParts;
  /** Tolerance when neither the answer nor the exercise sets one (default: the package default). */
  defaultTolerance?: ToleranceSpec;
  /** Reads the learner's text (at most `maxAnswerLength` characters). */
  read(text: string, ctx: AnswerContext<S>): Reading<R>;
  /** Judges what was read. May throw only for a defect of the exercise, never for the learner's input. */
  grade(read: R, ctx: AnswerContext<S>): Verdict;
  /** The value of what was read, for later parts judged with the learner's own answer (error carried forward). */
  carriedValue?(read: R): Value | undefined;
  /**
   * For answers whose `expr` is a formula in the learner's variables, not a value of the variant:
   * evaluates it at one point of its domain (so `content:check` knows it computes).
   */
  formulaAtAPoint?(answer: CompiledAnswer, values: Map<string, Value>): Value;
  /** What is wrong with an expected value of this kind (an author's defect), if anything. */
  expectedProblem?(spec: S, value: Value): string | undefined;
  /** What the page needs to show the input, given the variant's expected value (never shown). */
  view?(spec: S, expected: Value | undefined): AnswerTypeView;
  /** Misconceptions this kind recognises by itself, named in verdicts and reports. */
  misconceptions?: readonly AnswerMisconception[];
  /** Those of `misconceptions` that can come up for this spec (default: all). */
  misconceptionsFor?(spec: S): readonly AnswerMisconception[];
}

/**
 * The compile step of an answer whose expected value is one author expression, in the spec's
 * `field` (`expr`, or `matrix` for eigenpairs and SVD).
 */
export function expectedExpression<K extends string>(field: K) {
  return (spec: { [F in K]: string }, path: (string | number)[], tools: CompileTools): CompiledParts => {
    const expr = tools.parse(spec[field], [...path, field]);
    return expr ? { expr } : {};
  };
}

/** The learner's text read as statements (one per line), or the verdict that says where it cannot be read. */
export function readStatements(
  text: string,
  ctx: AnswerContext<unknown>,
  options: { asList?: boolean; variables?: readonly string[] } = {},
): Reading<AnswerStatement[]> {
  // Plain properties, not a spread: this runs for every answer graded.
  const read = readAnswer(text, {
    asList: options.asList === true,
    variables: options.variables ?? [],
    limits: ctx.limits,
  });
  return read.ok ? { ok: true, read: read.statements } : { ok: false, verdict: invalidAt(ctx, read.problem) };
}

/** A `read` that starts from the learner's statements (unreadable text is already the verdict). */
export function fromStatements<S, R>(
  then: (statements: AnswerStatement[], ctx: AnswerContext<S>) => Reading<R>,
  options: { asList?: boolean } = {},
): (text: string, ctx: AnswerContext<S>) => Reading<R> {
  return (text, ctx) => {
    const read = readStatements(text, ctx, options);
    return read.ok ? then(read.read, ctx) : read;
  };
}

/** Declares an answer type with its spec's and its reading's types checked together. */
export function answerType<Schema extends AnswerSchema, R>(module: AnswerType<Schema, R>): AnswerType<Schema, R> {
  return module;
}
