import { z } from "zod";
import { answerSpec } from "./answer-types/registry.ts";
import { localizedText, mistakeSpec, range, side, toleranceSpec, wholeRange } from "./spec-common.ts";

// The exercise spec authors write (as YAML inside the lesson's exercise shortcode). zod gives
// them precise errors: the path of the field and what was expected. Each kind of answer's own
// spec is in its module (answer-types/); the shared pieces are in spec-common.ts.

export { type AnswerSpec, answerSpec } from "./answer-types/registry.ts";
export { localizedText, type MistakeSpec, mistakeSpec, type ToleranceSpec, toleranceSpec } from "./spec-common.ts";

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
    /**
     * A picture of the learner's own variant, drawn once the solution is due (solved, or shown
     * after enough wrong attempts) and never before: a widget's name and its parameters, the
     * numeric ones as expressions over the params (`{ name: softmax, logits: z, temperature: T }`).
     */
    widget: z
      .object({ name: z.string().regex(/^[a-z][a-z0-9-]*$/, "a widget's name, like softmax") })
      .catchall(z.union([z.string(), z.number(), z.boolean()]))
      .optional(),
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
export type ParamSpec = z.infer<typeof paramSpec>;
export type TestSpec = z.infer<typeof testSpec>;
export type PartSpec = z.infer<typeof partSpec>;
