import { z } from "zod";

// The exercise spec authors write (as YAML inside the lesson's exercise shortcode). zod gives
// them precise errors: the path of the field and what was expected.

const whole = z.int();
const range = z
  .tuple([z.number(), z.number()])
  .refine(([lo, hi]) => lo <= hi, "the first number must not exceed the second");
const wholeRange = z
  .tuple([whole, whole])
  .refine(([lo, hi]) => lo <= hi, "the first number must not exceed the second");
const side = z.int().min(1).max(16);

/** Text in one language, or in Chinese and English. */
export const localizedText = z.union([z.string(), z.object({ zh: z.string(), en: z.string() }).strict()]);

const decimals = z.int().min(0).max(6);

/** How the entries of a vector or matrix parameter are drawn: whole numbers, or short decimals in a range. */
const entries = {
  integers: wholeRange.optional(),
  decimals: decimals.optional(),
  range: range.optional(),
  nonZero: z.boolean().optional(),
};

const jsonValue: z.ZodType<unknown> = z.lazy(() => z.union([z.number(), z.boolean(), z.array(jsonValue)]));

/** How one parameter is drawn (each from the exercise's seeded generator, in order). */
export const paramSpec = z.union([
  z.object({ integer: wholeRange }).strict(),
  z.object({ decimal: range, decimals: decimals.optional() }).strict(),
  z.object({ vector: side, ...entries }).strict(),
  z.object({ matrix: z.tuple([side, side]), ...entries }).strict(),
  z
    .object({
      invertible: side,
      integers: wholeRange.optional(),
      maxCondition: z.number().min(1).optional(),
      integerInverse: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      symmetric: side,
      integers: wholeRange.optional(),
      minEigenvalueGap: z.number().min(0).optional(),
      integerEigenvalues: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      logits: side,
      range: range.optional(),
      decimals: decimals.optional(),
      minGap: z.number().positive().optional(),
    })
    .strict(),
  z.object({ choose: z.array(jsonValue).min(1) }).strict(),
  z.object({ value: jsonValue }).strict(),
  z.object({ expr: z.string().min(1) }).strict(),
]);

/** |learner − expected| ≤ atol + rtol·|expected|, or agreement to `sigfigs` significant figures. */
export const toleranceSpec = z
  .object({
    atol: z.number().min(0).optional(),
    rtol: z.number().min(0).optional(),
    sigfigs: z.int().min(1).max(15).optional(),
  })
  .strict();

/** An author's own misconception: an expression for what the mistake computes, and what to tell the learner. */
export const mistakeSpec = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/, "use lowercase letters, digits and hyphens")
      .optional(),
    expr: z.string().min(1),
    message: localizedText,
    topic: z.string().optional(),
  })
  .strict();

const check = z.union([
  z.object({ symmetric: z.literal(true) }).strict(),
  z.object({ orthogonal: z.literal(true) }).strict(),
  z.object({ diagonal: z.literal(true) }).strict(),
  z.object({ rowStochastic: z.literal(true) }).strict(),
  z.object({ invertible: z.literal(true) }).strict(),
  z.object({ rank: z.int().min(0) }).strict(),
  z.object({ shape: z.tuple([side, side]) }).strict(),
  z.object({ equals: z.string().min(1) }).strict(),
  z.object({ det: z.string().min(1) }).strict(),
]);

const common = {
  tolerance: toleranceSpec.optional(),
  mistakes: z.array(mistakeSpec).optional(),
  /** Names of built-in detectors to leave out for this answer. */
  ignoreDetectors: z.array(z.string()).optional(),
  /** What the answer is, for messages: "attention weights" → "expected 3×3 attention weights". */
  noun: localizedText.optional(),
};

/** What the learner must give, and how it is judged. */
export const answerSpec = z.discriminatedUnion("type", [
  z.object({ type: z.literal("scalar"), expr: z.string().min(1), ...common }).strict(),
  z.object({ type: z.literal("vector"), expr: z.string().min(1), ...common }).strict(),
  z.object({ type: z.literal("matrix"), expr: z.string().min(1), ...common }).strict(),
  z.object({ type: z.literal("boolean"), expr: z.string().min(1), ...common }).strict(),
  z
    .object({
      type: z.literal("choice"),
      options: z.array(localizedText).min(2),
      /** Index (from 0) of the right option, or indices when several are right. */
      correct: z.union([z.int().min(0), z.array(z.int().min(0)).min(1)]),
      multiple: z.boolean().optional(),
      ...common,
    })
    .strict()
    .refine((c) => c.multiple === true || !Array.isArray(c.correct) || c.correct.length === 1, {
      message: "several correct options need multiple: true",
      path: ["correct"],
    }),
  z
    .object({
      type: z.literal("expression"),
      expr: z.string().min(1),
      variables: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).min(1),
      /** Where the variables are sampled to compare expressions (default [-2, 2]). */
      domain: range.optional(),
      ...common,
    })
    .strict(),
  z.object({ type: z.literal("set"), expr: z.string().min(1), ...common }).strict(),
  z.object({ type: z.literal("eigenpairs"), matrix: z.string().min(1), ...common }).strict(),
  z.object({ type: z.literal("svd"), matrix: z.string().min(1), ...common }).strict(),
  z.object({ type: z.literal("property"), checks: z.array(check).min(1), ...common }).strict(),
]);

/** One part of a multi-part exercise; its id names the learner's answer for later parts. */
export const partSpec = z
  .object({
    id: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a part id is a name later parts can use, like scores"),
    prompt: localizedText.optional(),
    answer: answerSpec,
    hints: z.array(localizedText).optional(),
  })
  .strict();

/** An author test: an answer that must grade as stated. */
export const testSpec = z
  .object({
    seed: z.int().min(0).optional(),
    /** The answer as a learner types it (or per part). */
    answer: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
    /** Or an expression over the params whose value is typed as the answer. */
    answerExpr: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
    expect: z.union([
      z.enum(["correct", "incorrect", "invalid", "partial"]),
      z.object({ mistake: z.string() }).strict(),
    ]),
  })
  .strict()
  .refine(
    (t) => (t.answer === undefined) !== (t.answerExpr === undefined),
    "give exactly one of answer and answerExpr",
  );

/** A whole exercise. */
export const exerciseSpec = z
  .object({
    id: z.string().optional(),
    title: localizedText.optional(),
    prompt: localizedText.optional(),
    params: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a parameter name is letters, digits and _"), paramSpec)
      .optional(),
    answer: answerSpec.optional(),
    parts: z.array(partSpec).min(1).optional(),
    tolerance: toleranceSpec.optional(),
    hints: z.array(localizedText).optional(),
    solution: localizedText.optional(),
    mistakes: z.array(mistakeSpec).optional(),
    tests: z.array(testSpec).optional(),
  })
  .strict()
  .refine((e) => (e.answer === undefined) !== (e.parts === undefined), "give either answer or parts, not both")
  .refine((e) => e.parts === undefined || e.mistakes === undefined, {
    message: "a multi-part exercise lists its mistakes in the part they belong to",
    path: ["mistakes"],
  });

export type ExerciseSpec = z.infer<typeof exerciseSpec>;
export type AnswerSpec = z.infer<typeof answerSpec>;
export type ParamSpec = z.infer<typeof paramSpec>;
export type ToleranceSpec = z.infer<typeof toleranceSpec>;
export type MistakeSpec = z.infer<typeof mistakeSpec>;
export type TestSpec = z.infer<typeof testSpec>;
export type PartSpec = z.infer<typeof partSpec>;
