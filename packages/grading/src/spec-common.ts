import { z } from "zod";

// The pieces of the exercise spec that parameters and every kind of answer share. zod gives
// authors precise errors: the path of the field and what was expected.

export const whole = z.int();

/** `[lo, hi]` with lo ≤ hi. */
export const range = z
  .tuple([z.number(), z.number()])
  .refine(([lo, hi]) => lo <= hi, "the first number must not exceed the second");

/** `[lo, hi]` of whole numbers with lo ≤ hi. */
export const wholeRange = z
  .tuple([whole, whole])
  .refine(([lo, hi]) => lo <= hi, "the first number must not exceed the second");

/** A vector's length or a matrix's side. */
export const side = z.int().min(1).max(16);

/** An author expression. */
export const expressionText = z.string().min(1);

/** Text in one language, or in Chinese and English. */
export const localizedText = z.union([z.string(), z.object({ zh: z.string(), en: z.string() }).strict()]);

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

/** The fields every kind of answer takes besides its own. */
export const commonAnswerFields = {
  tolerance: toleranceSpec.optional(),
  mistakes: z.array(mistakeSpec).optional(),
  /** Names of built-in detectors to leave out for this answer. */
  ignoreDetectors: z.array(z.string()).optional(),
  /** What the answer is, for messages: "attention weights" → "expected 3×3 attention weights". */
  noun: localizedText.optional(),
};

/** One kind of answer's spec: its `type`, its own fields and the common ones, nothing else. */
export function answerSchema<T extends string, F extends z.ZodRawShape>(type: T, fields: F) {
  return z.object({ type: z.literal(type), ...fields, ...commonAnswerFields }).strict();
}

export type ToleranceSpec = z.infer<typeof toleranceSpec>;
export type MistakeSpec = z.infer<typeof mistakeSpec>;
