import type { AnswerView, ExerciseView } from "@llm-basics/content";
import { type AnswerTypeName, answerTypeNames, type Verdict } from "@llm-basics/grading";
import { z } from "zod";
import { schemaMessage } from "@/lib/http/json";

// The grading API's requests and responses. The routes validate requests with these schemas,
// and the OpenAPI document (openapi.ts) is generated from them, so the two cannot drift apart.

/** Descriptions and examples for the OpenAPI document; schemas with an id become components. */
export const apiSchemas = z.registry<{ id?: string; description?: string; examples?: unknown[] }>();

/** The largest seed: variants are numbered 0 … 2³¹ − 1. */
export const MAX_SEED = 2 ** 31 - 1;
/** The most answers one batch may hold. */
export const MAX_BATCH = 1000;
/** Request bodies past these sizes get a 413: room for answers of 10,000 characters, escaped. */
export const MAX_GRADE_BODY_BYTES = 256 * 1024;
/** 1,000 answers of 10,000 ASCII characters fit; a batch of long non-ASCII answers may need splitting. */
export const MAX_BATCH_BODY_BYTES = 12 * 1024 * 1024;

const seedMessage = schemaMessage(`expected an integer 0 … ${MAX_SEED}`, `应为 0 … ${MAX_SEED} 之间的整数`);

export const seedSchema = z
  .int({ error: seedMessage })
  .min(0)
  .max(MAX_SEED)
  .register(apiSchemas, {
    id: "Seed",
    description:
      "Which variant of the exercise: its numbers are drawn from this seed, so the same seed always gives the same problem.",
    examples: [42],
  });

export const localeSchema = z
  .enum(["zh", "en"], { error: schemaMessage('expected "zh" or "en"', "应为“zh”或“en”") })
  .register(apiSchemas, {
    id: "Locale",
    description:
      "The language of prompts and feedback (default: zh) and of error messages (default: the Accept-Language header's choice of zh or en, else en).",
  });

export const exerciseIdSchema = z.string().register(apiSchemas, {
  description: "An exercise id, as listed by GET /api/v1/exercises.",
  examples: ["attention-weights"],
});

export const answerSchema = z
  .union([z.string(), z.record(z.string(), z.string())], {
    error: schemaMessage(
      "expected the answer as text, or for a multi-part exercise an object of part id → text",
      "答案应为文本；多问练习应为“小问 id → 文本”的对象",
    ),
  })
  .register(apiSchemas, {
    id: "Answer",
    description:
      "What the learner typed: text for a single-answer exercise, an object of part id → text for a multi-part one. Full-width punctuation, Unicode math and LaTeX are read; an answer longer than 10,000 characters is graded invalid.",
    examples: [
      "[[0.5, 0.5, 0], [0.2, 0.8, 0]]",
      { scale: "√2", scores: "[[1, 0], [0, 1]]", weights: "[[0.7, 0.3], [0.3, 0.7]]" },
    ],
  });

/** Query of GET /api/v1/exercises/{id}: the seed as decimal digits. */
export const viewQuerySchema = z.object({
  seed: z
    .string({
      error: schemaMessage(
        `required: the variant to show, an integer 0 … ${MAX_SEED} (?seed=42)`,
        `必填：要显示哪个变体，0 … ${MAX_SEED} 之间的整数（?seed=42）`,
      ),
    })
    .regex(/^\d{1,10}$/, { error: seedMessage })
    .transform(Number)
    .pipe(seedSchema),
  locale: localeSchema.optional(),
});

export const listQuerySchema = z.object({ locale: localeSchema.optional() });

export const learnerSchema = z
  .string({ error: schemaMessage("expected a learner's user id as text", "学习者的用户 id 应为文本") })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, {
    error: schemaMessage(
      "expected a learner's user id: 1 … 64 letters, digits, - or _",
      "学习者的用户 id 应为 1 … 64 个字母、数字、- 或 _",
    ),
  })
  .register(apiSchemas, {
    id: "LearnerId",
    description:
      "Record the graded answer for this user (their id): it counts as their attempt on the variant with this seed, and shows in their progress and the instructor's statistics. Needs an API token (401 without one); an unknown id is a 404. Unreadable (invalid) answers are not recorded.",
    examples: ["Jq3x0Yc2TzKf9bWm1sQeRA"],
  });

export const gradeRequestSchema = z
  .strictObject({
    seed: seedSchema,
    answer: answerSchema,
    locale: localeSchema.optional(),
    learner: learnerSchema.optional(),
  })
  .register(apiSchemas, {
    id: "GradeRequest",
    examples: [
      { seed: 42, answer: "[[0.0166, 0.9088, 0.0746], [0.7054, 0.2595, 0.0351]]", locale: "zh" },
      { seed: 42, answer: "[[0.0166, 0.9088, 0.0746], [0.7054, 0.2595, 0.0351]]", learner: "Jq3x0Yc2TzKf9bWm1sQeRA" },
    ],
  });

export const batchItemSchema = z.strictObject({
  exerciseId: exerciseIdSchema,
  seed: seedSchema,
  answer: answerSchema,
  learner: learnerSchema.optional(),
});

export const batchRequestSchema = z
  .strictObject({
    answers: z
      .array(batchItemSchema, {
        error: schemaMessage(`expected an array of 1 … ${MAX_BATCH} answers`, `应为含 1 … ${MAX_BATCH} 个答案的数组`),
      })
      .min(1)
      .max(MAX_BATCH),
    locale: localeSchema.optional(),
  })
  .register(apiSchemas, {
    id: "BatchGradeRequest",
    examples: [
      {
        answers: [
          { exerciseId: "attention-weights", seed: 42, answer: "[[0.0166, 0.9088, 0.0746], [0.7054, 0.2595, 0.0351]]" },
          { exerciseId: "attention-weights", seed: 7, answer: "[[0.5, 0.5], [0.2" },
        ],
        locale: "en",
      },
    ],
  });

const toleranceSchema = z
  .union([z.object({ atol: z.number(), rtol: z.number() }), z.object({ sigfigs: z.number() })])
  .register(apiSchemas, {
    id: "Tolerance",
    description: "How close counts as right: |answer − expected| ≤ atol + rtol·|expected|, or significant figures.",
  });

const verdictFields = {
  status: z.enum(["correct", "partial", "incorrect", "invalid"]).register(apiSchemas, {
    description: "invalid: the answer could not be read (it should cost the learner no attempt).",
  }),
  score: z.number().min(0).max(1),
  message: z.string().register(apiSchemas, { description: "Feedback for the learner, in the requested language." }),
  cells: z
    .union([z.array(z.boolean()), z.array(z.array(z.boolean()))])
    .optional()
    .register(apiSchemas, {
      description: "Vector and matrix answers: per entry, within tolerance or not (shape answers: per axis).",
    }),
  misconception: z
    .object({ id: z.string(), message: z.string(), topic: z.string() })
    .optional()
    .register(apiSchemas, { description: "The common mistake the answer matches, by name." }),
  tolerance: toleranceSchema,
  problem: z
    .object({
      at: z.int(),
      length: z.int(),
      code: z.string(),
      message: z.string().optional().register(apiSchemas, {
        description: "What is wrong there, without the position that `message` adds.",
      }),
      hint: z.string().optional(),
    })
    .optional()
    .register(apiSchemas, {
      description: "Invalid answers: where reading stopped, as a UTF-16 index into the answer text as sent.",
    }),
  carriedForward: z.boolean().optional().register(apiSchemas, {
    description: "Right for the learner's own earlier (wrong) parts.",
  }),
};

const partVerdictSchema = z.object({ id: z.string(), ...verdictFields });

export const recordedAttemptSchema = z
  .object({
    id: z.string().register(apiSchemas, { description: "The stored attempt's id." }),
    learner: z.string().register(apiSchemas, { description: "The user it was recorded for." }),
  })
  .register(apiSchemas, {
    id: "RecordedAttempt",
    description:
      "Present when the request named a `learner` and the answer was recorded for them (committed before the response was sent). Invalid answers are never recorded.",
  });

export const verdictSchema = z
  .object({
    ...verdictFields,
    parts: z.array(partVerdictSchema).optional(),
    attempt: recordedAttemptSchema.optional(),
  })
  .register(apiSchemas, {
    id: "Verdict",
    description: "How an answer was judged. Multi-part exercises have one verdict per part in `parts`.",
    examples: [
      {
        status: "incorrect",
        score: 0,
        message: "你没有把 QKᵀ 除以 √d_k：注意力分数要先缩放，再做 softmax。",
        misconception: { id: "attention-no-scaling", topic: "attention", message: "…" },
        cells: [
          [false, true, false],
          [false, false, true],
        ],
        tolerance: { atol: 0.005, rtol: 0 },
      },
      {
        status: "invalid",
        score: 0,
        message: "“[”没有闭合。（第 14 个字符） 在末尾补上“]”。",
        problem: { at: 13, length: 1, code: "unclosed-bracket", hint: "在末尾补上“]”。" },
        tolerance: { atol: 0.005, rtol: 0 },
      },
    ],
  });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().register(apiSchemas, {
        description:
          "invalid-query, invalid-body, invalid-json, invalid-answer, invalid-token, token-required, exercise-not-found, learner-not-found, not-found, method-not-allowed, body-too-large, batch-too-large, unsupported-media-type, rate-limited, not-recorded, internal-error; in a batch's verdicts also batch-time-exceeded.",
      }),
      message: z.string(),
      field: z.string().optional().register(apiSchemas, {
        description: "The request field at fault, as a path: `answers[3].seed`.",
      }),
      position: z.int().optional().register(apiSchemas, {
        description: "invalid-json: the character offset in the body where parsing stopped.",
      }),
      issues: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .optional()
        .register(apiSchemas, { description: "Up to 10 problems, when there are several." }),
    }),
  })
  .register(apiSchemas, {
    id: "Error",
    description: "Every error, whatever its status.",
    examples: [
      {
        error: {
          code: "invalid-body",
          message: "answers[3].seed: expected an integer 0 … 2147483647",
          field: "answers[3].seed",
        },
      },
    ],
  });

export const batchResponseSchema = z
  .object({
    verdicts: z.array(z.union([verdictSchema, errorSchema])).register(apiSchemas, {
      description:
        "One entry per answer, in order: a Verdict, or an Error object in place of an answer whose exercise does not exist or that does not fit its exercise, or whose learner does not exist (learner-not-found; the rest of the batch is still graded), or that was not reached within the batch's 5 s of grading (batch-time-exceeded: send it again), or that was graded but could not be recorded for its learner (not-recorded: send it again).",
    }),
  })
  .register(apiSchemas, {
    id: "BatchGradeResponse",
    examples: [
      {
        verdicts: [
          {
            status: "correct",
            score: 1,
            message: "Correct!",
            cells: [
              [true, true, true],
              [true, true, true],
            ],
            tolerance: { atol: 0.005, rtol: 0 },
          },
          {
            error: {
              code: "exercise-not-found",
              message: 'no exercise "attention-weight"; did you mean attention-weights?',
              field: "answers[1].exerciseId",
            },
          },
        ],
      },
    ],
  });

const lessonSchema = z.object({ url: z.string(), title: z.string() }).register(apiSchemas, {
  id: "Lesson",
  description: "The lesson page the exercise is on (a path on this site).",
});

const answerTypeSchema = z
  .enum(answerTypeNames as [AnswerTypeName, ...AnswerTypeName[]])
  .register(apiSchemas, { id: "AnswerType" });

export const exerciseSummarySchema = z
  .object({
    id: z.string(),
    title: z.string().optional(),
    lesson: lessonSchema,
    answerTypes: z.array(answerTypeSchema).register(apiSchemas, {
      description: "The type of each answer the exercise asks for, in order (one for a single-answer exercise).",
    }),
    parts: z.array(z.object({ id: z.string(), type: answerTypeSchema })).register(apiSchemas, {
      description:
        "Multi-part exercises: the parts, whose ids key the answer object. Empty when the answer is one text.",
    }),
  })
  .register(apiSchemas, { id: "ExerciseSummary" });

export const exerciseListSchema = z.object({ exercises: z.array(exerciseSummarySchema) }).register(apiSchemas, {
  id: "ExerciseList",
  examples: [
    {
      exercises: [
        {
          id: "attention-weights",
          title: "注意力权重",
          lesson: { url: "/attention/", title: "缩放点积注意力" },
          answerTypes: ["matrix"],
          parts: [],
        },
      ],
    },
  ],
});

const renderedSchema = z.object({ html: z.string(), source: z.string() });

const answerViewSchema = z
  .object({
    id: z.string().optional().register(apiSchemas, { description: "The part's id (multi-part exercises)." }),
    promptHtml: z.string().optional(),
    promptSource: z.string().optional(),
    type: answerTypeSchema,
    shape: z
      .union([z.tuple([z.int()]), z.tuple([z.int(), z.int()])])
      .optional()
      .register(apiSchemas, {
        description: "The shape the answer must have: [n] for a vector, [rows, columns] for a matrix.",
      }),
    options: z
      .array(renderedSchema)
      .optional()
      .register(apiSchemas, { description: "Choice answers: the options, A first." }),
    multiple: z.boolean().optional(),
    variables: z
      .array(z.string())
      .optional()
      .register(apiSchemas, { description: "Expression answers: the variables allowed." }),
    noun: z.string().optional().register(apiSchemas, { description: "What the answer is, in words." }),
  })
  .register(apiSchemas, { id: "AnswerView" });

export const exerciseViewSchema = z
  .object({
    id: z.string(),
    seed: seedSchema,
    locale: localeSchema,
    title: z.string().optional(),
    lesson: lessonSchema,
    promptHtml: z
      .string()
      .register(apiSchemas, { description: "The prompt with this variant's numbers, as HTML (KaTeX for the math)." }),
    promptSource: z.string().register(apiSchemas, {
      description: "The same prompt as Markdown, with the numbers written in as LaTeX.",
    }),
    answers: z.array(answerViewSchema),
    hintCount: z
      .int()
      .register(apiSchemas, { description: "How many hints the lesson page can show (not given here)." }),
    hasSolution: z.boolean(),
  })
  .register(apiSchemas, {
    id: "ExerciseView",
    description:
      "What a learner sees of one variant. Never the answer, its tolerance, the mistakes looked for, hints or the solution.",
    examples: [
      {
        id: "attention-weights",
        seed: 42,
        locale: "zh",
        title: "注意力权重",
        lesson: { url: "/attention/", title: "缩放点积注意力" },
        promptHtml: '<p>设 <span class="katex">…</span> …</p>',
        promptSource:
          "设 \\( Q = \\begin{bmatrix} -1 & -2 & 2 & -1 \\\\ … \\end{bmatrix} \\)，…，求注意力权重矩阵 \\( A = \\mathrm{softmax}(QK^\\top/\\sqrt{d_k}) \\)。",
        answers: [{ type: "matrix", shape: [2, 3], noun: "注意力权重（每个查询一行，每个键一列）" }],
        hintCount: 2,
        hasSolution: true,
      },
    ],
  });

// The schemas describe what the grader and the renderer return: a change there that the
// schemas do not follow fails the typecheck here.
type Assignable<T, _U extends T> = true;
export type SchemasFollowTheirSources = [
  Assignable<z.output<typeof verdictSchema>, Verdict>,
  Assignable<z.output<typeof answerViewSchema>, AnswerView>,
  Assignable<Omit<z.output<typeof exerciseViewSchema>, "lesson">, ExerciseView>,
];
