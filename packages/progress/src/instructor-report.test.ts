import type { SiteExercise } from "@llm-basics/content";
import { compileExerciseYaml } from "@llm-basics/grading";
import { describe, expect, it } from "vitest";
import { answerPreview, courseReport, type ExerciseStats, misconceptionMessage, percent } from "./instructor-report.ts";

function siteExercise(id: string, yaml: string, page: { url: string; title: string }): SiteExercise {
  const compiled = compileExerciseYaml(yaml, { id });
  if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join("; "));
  return {
    id,
    file: "x.md",
    line: 1,
    column: 1,
    bodyLine: 2,
    exercise: compiled.exercise,
    pageUrl: page.url,
    pageTitle: page.title,
  };
}

const softmax = { url: "/softmax/", title: "Softmax" };
const attention = { url: "/attention/", title: "注意力" };

const probability = siteExercise(
  "probability",
  `
title: { zh: 第一个词的概率, en: The first word's probability }
prompt: 求 \\( p_1 \\)。
params:
  a: { integer: [0, 3] }
  b: { integer: [0, 3] }
answer: { type: scalar, expr: "exp(a) / (exp(a) + exp(b))" }
mistakes:
  - id: without-exp
    expr: a / (a + b)
    message: { zh: 漏掉了取指数。, en: You left out the exponentials. }
    topic: softmax
`,
  softmax,
);
const untitled = siteExercise(
  "untitled",
  `
prompt: 求 \\( 2a \\)。
params:
  a: { integer: [1, 3] }
answer: { type: scalar, expr: "2 * a" }
`,
  softmax,
);
const weights = siteExercise(
  "weights",
  `
title: 注意力权重
prompt: 求权重。
params:
  Q: { matrix: [2, 2], integers: [-2, 2] }
  K: { matrix: [2, 2], integers: [-2, 2] }
  V: { matrix: [2, 2], integers: [-2, 2] }
answer: { type: matrix, expr: "scaledDotProductAttention(Q, K, V).weights" }
`,
  attention,
);

const stat = (exerciseId: string, s: Partial<ExerciseStats>): ExerciseStats => ({
  exerciseId,
  attempts: 0,
  learners: 0,
  correct: 0,
  wrongAnswers: [],
  misconceptions: [],
  ...s,
});

describe("courseReport", () => {
  it("lists every exercise in course order by lesson, answered or not, with the misconceptions named", () => {
    const report = courseReport(
      [probability, untitled, weights],
      [
        stat("weights", {
          attempts: 4,
          learners: 2,
          correct: 1,
          wrongAnswers: [{ answer: "[[1, 0], [0, 1]]", count: 3 }],
          misconceptions: [{ id: "attention-no-scaling", topic: "attention", count: 2 }],
        }),
        stat("probability", {
          attempts: 2,
          learners: 1,
          correct: 0,
          wrongAnswers: [{ answer: "0.5", count: 2 }],
          misconceptions: [
            { id: "without-exp", topic: "softmax", count: 1 },
            { id: "since-deleted", topic: "exercise", count: 1 },
          ],
        }),
      ],
      "zh",
    );
    expect(report.lessons.map((l) => [l.title, l.exercises.map((e) => e.id)])).toEqual([
      ["Softmax", ["probability", "untitled"]],
      ["注意力", ["weights"]],
    ]);
    const [first, second] = report.lessons[0]?.exercises ?? [];
    expect(first).toMatchObject({
      title: "第一个词的概率",
      href: "/softmax/#exercise-probability",
      attempts: 2,
      successRate: 0,
      wrongAnswers: [{ text: "0.5", truncated: false, count: 2 }],
      misconceptions: [
        { id: "without-exp", count: 1, message: "漏掉了取指数。" },
        { id: "since-deleted", count: 1, message: undefined },
      ],
    });
    expect(second).toMatchObject({ title: undefined, attempts: 0, learners: 0, successRate: null, wrongAnswers: [] });
    expect(report.lessons[1]?.exercises[0]).toMatchObject({
      successRate: 0.25,
      misconceptions: [{ id: "attention-no-scaling", message: expect.stringContaining("√d_k") }],
    });
    expect(report.retired).toEqual([]);
    expect(report.totals).toEqual({ exercises: 3, answered: 2, attempts: 6, correct: 1 });
  });

  it("keeps attempts on exercises the course no longer has, apart", () => {
    const report = courseReport([untitled], [stat("old-one", { attempts: 3, correct: 3, learners: 1 })], "en");
    expect(report.retired).toMatchObject([{ id: "old-one", href: undefined, title: undefined, successRate: 1 }]);
    expect(report.totals).toEqual({ exercises: 1, answered: 1, attempts: 3, correct: 3 });
  });

  it("gives titles and messages in the requested language", () => {
    const report = courseReport(
      [probability],
      [stat("probability", { attempts: 1, misconceptions: [{ id: "without-exp", topic: "softmax", count: 1 }] })],
      "en",
    );
    expect(report.lessons[0]?.exercises[0]).toMatchObject({
      title: "The first word's probability",
      misconceptions: [{ message: "You left out the exponentials." }],
    });
  });
});

describe("misconceptionMessage", () => {
  it("prefers the exercise's own mistake, then a built-in detector, else nothing", () => {
    expect(misconceptionMessage(probability.exercise, "without-exp", "zh")).toBe("漏掉了取指数。");
    expect(misconceptionMessage(undefined, "attention-no-scaling", "en")).toMatch(/^You did not divide QKᵀ by √d_k/);
    expect(misconceptionMessage(weights.exercise, "no-such-thing", "zh")).toBeUndefined();
    expect(misconceptionMessage(undefined, "shape-heads-not-split", "zh")).toMatch(
      /^多头注意力要把 d_model 拆成 h 个头/,
    );
  });
});

describe("answerPreview", () => {
  it("shows a short answer as it is and a multi-part one as its parts", () => {
    expect(answerPreview("[[1, 2], [3, 4]]")).toEqual({ text: "[[1, 2], [3, 4]]", truncated: false });
    expect(answerPreview('{"scores":"[[1, 0]]","weights":"[[0.5, 0.5]]"}')).toEqual({
      text: "scores: [[1, 0]] · weights: [[0.5, 0.5]]",
      truncated: false,
    });
    // Text that only looks like JSON stays as typed.
    expect(answerPreview("{1, 2}").text).toBe("{1, 2}");
    expect(answerPreview('{"a": [1]}').text).toBe('{"a": [1]}');
  });

  it("cuts a long answer at a character, never inside one", () => {
    const long = "注".repeat(200);
    const preview = answerPreview(long, 10);
    expect(preview).toEqual({ text: `${"注".repeat(9)}…`, truncated: true });
    expect(answerPreview("😀".repeat(5), 3).text).toBe("😀😀…");
    expect(answerPreview("abc", 3)).toEqual({ text: "abc", truncated: false });
  });
});

describe("percent", () => {
  it("rounds to whole percents, never claiming none or all when that is not so", () => {
    expect([0, 0.004, 0.4267, 0.5, 0.996, 1].map(percent)).toEqual(["0%", "<1%", "43%", "50%", ">99%", "100%"]);
  });
});
