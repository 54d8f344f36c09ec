import { describe, expect, it } from "vitest";
import {
  type CourseOutline,
  type ProgressRecords,
  percent,
  progressHeadline,
  summarizeProgress,
  topicLabel,
} from "./summary.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

// Three lessons: one to read, one with two softmax exercises, one with an attention exercise
// whose grading can also name a softmax and a matrices mistake.
const OUTLINE: CourseOutline = [
  { url: "/matrix_basics/", title: "矩阵基础知识", exercises: [] },
  {
    url: "/softmax/",
    title: "Softmax 函数",
    exercises: [
      {
        id: "softmax-probability",
        title: "第一个词的概率",
        misconceptions: [{ id: "softmax-without-exp", topic: "softmax", label: "漏掉了取指数。" }],
      },
      {
        id: "softmax-temperature",
        title: "带温度的 softmax",
        misconceptions: [
          { id: "softmax-wrong-axis", topic: "softmax", label: "方向错了。" },
          { id: "mistake-1", topic: "exercise", label: "忘了温度。" },
        ],
      },
    ],
  },
  {
    url: "/attention/",
    title: "缩放点积注意力",
    exercises: [
      {
        id: "attention-weights",
        title: "注意力权重",
        misconceptions: [
          { id: "attention-no-scaling", topic: "attention", label: "没有除以 √d_k。" },
          { id: "attention-softmax-over-columns", topic: "softmax", label: "按列做了 softmax。" },
          { id: "transposed-answer", topic: "matrices", label: "转置了。" },
        ],
      },
    ],
  },
];

const NOTHING: ProgressRecords = { exercises: [], lessons: [], misconceptions: [] };

const exercise = (exerciseId: string, attempts: number, bestScore: number, solved: boolean, minute: number) => ({
  exerciseId,
  attempts,
  bestScore,
  solved,
  lastAttemptAt: at(minute),
});

describe("summarizeProgress", () => {
  it("starts a newcomer at the first lesson, with every lesson and topic not started", () => {
    const summary = summarizeProgress(OUTLINE, NOTHING);
    expect(summary.lessons.map((l) => l.status)).toEqual(["not-started", "not-started", "not-started"]);
    expect(summary.lessons.map((l) => l.score)).toEqual([null, 0, 0]);
    expect(summary).toMatchObject({
      lessonsCompleted: 0,
      lessonsTotal: 3,
      exercisesSolved: 0,
      exercisesTotal: 3,
      attempts: 0,
      hasActivity: false,
      continueAt: { url: "/matrix_basics/", reason: "next" },
      next: null,
    });
    expect(summary.topics.map((t) => [t.topic, t.status, t.exercisesTotal])).toEqual([
      ["softmax", "not-started", 3],
      ["exercise", "not-started", 1],
      ["attention", "not-started", 1],
      ["matrices", "not-started", 1],
    ]);
  });

  it("tells visited, in progress and completed apart, with the mean best score and the attempts", () => {
    const summary = summarizeProgress(OUTLINE, {
      exercises: [exercise("softmax-probability", 3, 1, true, 5), exercise("softmax-temperature", 2, 0.5, false, 6)],
      lessons: [
        { lessonPath: "/matrix_basics/", lastVisitedAt: at(1) },
        { lessonPath: "/softmax/", lastVisitedAt: at(4) },
        { lessonPath: "/attention/", lastVisitedAt: at(2) },
      ],
      misconceptions: [],
    });
    expect(summary.lessons).toEqual([
      {
        url: "/matrix_basics/",
        title: "矩阵基础知识",
        status: "completed",
        exercisesTotal: 0,
        exercisesSolved: 0,
        attempts: 0,
        score: null,
        lastActivityAt: at(1),
      },
      {
        url: "/softmax/",
        title: "Softmax 函数",
        status: "in-progress",
        exercisesTotal: 2,
        exercisesSolved: 1,
        attempts: 5,
        score: 0.75,
        lastActivityAt: at(6),
      },
      {
        url: "/attention/",
        title: "缩放点积注意力",
        status: "visited",
        exercisesTotal: 1,
        exercisesSolved: 0,
        attempts: 0,
        score: 0,
        lastActivityAt: at(2),
      },
    ]);
    expect(summary).toMatchObject({ lessonsCompleted: 1, exercisesSolved: 1, attempts: 5, hasActivity: true });
    // The latest answer (minute 6) is later than any visit: continue there.
    expect(summary.continueAt).toEqual({ url: "/softmax/", title: "Softmax 函数", reason: "resume" });
    expect(summary.next).toBeNull();
  });

  it("completes a lesson when all its exercises are solved, and then suggests the next unfinished one", () => {
    const summary = summarizeProgress(OUTLINE, {
      exercises: [exercise("softmax-probability", 1, 1, true, 5), exercise("softmax-temperature", 1, 1, true, 7)],
      lessons: [{ lessonPath: "/softmax/", lastVisitedAt: at(4) }],
      misconceptions: [],
    });
    expect(summary.lessons[1]).toMatchObject({ status: "completed", exercisesSolved: 2, score: 1 });
    expect(summary.continueAt).toMatchObject({ url: "/softmax/", reason: "resume" });
    expect(summary.next).toMatchObject({ url: "/attention/", reason: "next" });
    expect(progressHeadline(summary)).toEqual({
      lessonsCompleted: 1,
      lessonsTotal: 3,
      exercisesSolved: 2,
      exercisesTotal: 3,
      continueAt: { url: "/softmax/", title: "Softmax 函数", reason: "resume" },
    });
  });

  it("wraps the next suggestion to an earlier unfinished lesson, and has none when everything is done", () => {
    const done = [
      exercise("softmax-probability", 1, 1, true, 1),
      exercise("softmax-temperature", 1, 1, true, 2),
      exercise("attention-weights", 1, 1, true, 3),
    ];
    const skippedReading = summarizeProgress(OUTLINE, { ...NOTHING, exercises: done });
    expect(skippedReading.continueAt).toMatchObject({ url: "/attention/", reason: "resume" });
    expect(skippedReading.next).toMatchObject({ url: "/matrix_basics/", reason: "next" });
    const all = summarizeProgress(OUTLINE, {
      ...NOTHING,
      exercises: done,
      lessons: [{ lessonPath: "/matrix_basics/", lastVisitedAt: at(0) }],
    });
    expect(all.lessonsCompleted).toBe(3);
    expect(all.next).toBeNull();
  });

  it("ignores records of lessons and exercises the course no longer has", () => {
    const summary = summarizeProgress(OUTLINE, {
      exercises: [exercise("retired-exercise", 4, 1, true, 9)],
      lessons: [{ lessonPath: "/retired/", lastVisitedAt: at(9) }],
      misconceptions: [],
    });
    expect(summary.hasActivity).toBe(false);
    expect(summary.attempts).toBe(0);
    expect(summary.continueAt).toMatchObject({ url: "/matrix_basics/", reason: "next" });
  });

  it("counts mastery per topic over the exercises that can show its misconceptions, with the ones shown", () => {
    const summary = summarizeProgress(OUTLINE, {
      exercises: [
        exercise("softmax-probability", 3, 1, true, 5),
        exercise("softmax-temperature", 1, 0, false, 6),
        exercise("attention-weights", 2, 1, true, 8),
      ],
      lessons: [],
      misconceptions: [
        {
          exerciseId: "softmax-probability",
          id: "softmax-without-exp",
          topic: "softmax",
          count: 2,
          lastAt: at(4),
          lastCorrectAt: at(5),
        },
        {
          exerciseId: "attention-weights",
          id: "attention-no-scaling",
          topic: "attention",
          count: 1,
          lastAt: at(7),
          lastCorrectAt: at(8),
        },
        {
          exerciseId: "softmax-temperature",
          id: "softmax-wrong-axis",
          topic: "softmax",
          count: 1,
          lastAt: at(6),
          lastCorrectAt: null,
        },
        {
          exerciseId: "gone",
          id: "layernorm-without-eps",
          topic: "layer-norm",
          count: 1,
          lastAt: at(1),
          lastCorrectAt: null,
        },
      ],
    });
    const topic = (name: string) => summary.topics.find((t) => t.topic === name);
    // softmax: probability and attention-weights solved, temperature not; one mistake still open.
    expect(topic("softmax")).toMatchObject({
      label: "Softmax",
      status: "review",
      exercisesTotal: 3,
      exercisesSolved: 2,
      mastery: 2 / 3,
    });
    expect(topic("softmax")?.misconceptions).toEqual([
      {
        id: "softmax-without-exp",
        label: "漏掉了取指数。",
        exerciseId: "softmax-probability",
        exerciseTitle: "第一个词的概率",
        lessonUrl: "/softmax/",
        count: 2,
        lastAt: at(4),
        resolved: true,
      },
      {
        id: "softmax-wrong-axis",
        label: "方向错了。",
        exerciseId: "softmax-temperature",
        exerciseTitle: "带温度的 softmax",
        lessonUrl: "/softmax/",
        count: 1,
        lastAt: at(6),
        resolved: false,
      },
    ]);
    // attention: its one exercise solved after the mistake.
    expect(topic("attention")).toMatchObject({ status: "mastered", exercisesSolved: 1, mastery: 1 });
    expect(topic("attention")?.misconceptions[0]?.resolved).toBe(true);
    // matrices: solved without a mistake; exercise: tried, not solved.
    expect(topic("matrices")).toMatchObject({ status: "mastered", misconceptions: [] });
    expect(topic("exercise")).toMatchObject({ status: "practising", label: "题目中的其他错误", mastery: 0 });
    // A topic only the records know (the exercise left the course): listed last, without a share.
    expect(summary.topics.at(-1)).toMatchObject({
      topic: "layer-norm",
      label: "LayerNorm",
      status: "review",
      exercisesTotal: 0,
      mastery: null,
      misconceptions: [
        { id: "layernorm-without-eps", exerciseTitle: "gone", lessonUrl: null, label: "layernorm-without-eps" },
      ],
    });
  });

  it("does not call a misconception resolved by a correct answer before it", () => {
    const summary = summarizeProgress(OUTLINE, {
      ...NOTHING,
      exercises: [exercise("attention-weights", 3, 1, true, 9)],
      misconceptions: [
        {
          exerciseId: "attention-weights",
          id: "transposed-answer",
          topic: "matrices",
          count: 1,
          lastAt: at(9),
          lastCorrectAt: at(3),
        },
      ],
    });
    expect(summary.topics.find((t) => t.topic === "matrices")).toMatchObject({
      status: "review",
      misconceptions: [{ resolved: false }],
    });
  });

  it("has nothing to suggest for an empty course", () => {
    expect(summarizeProgress([], NOTHING)).toMatchObject({ lessonsTotal: 0, continueAt: null, next: null, topics: [] });
  });
});

describe("labels", () => {
  it("names the grader's topics in Chinese or English and leaves others as written", () => {
    expect(topicLabel("layer-norm")).toBe("LayerNorm");
    expect(topicLabel("multi-head-attention")).toBe("多头注意力");
    expect(topicLabel("eigenvalues")).toBe("特征值");
    expect(topicLabel("eigenvalues", "en")).toBe("Eigenvalues");
    expect(topicLabel("calculus")).toBe("calculus");
  });

  it("rounds shares to whole percentages", () => {
    expect(percent(2 / 3)).toBe("67%");
    expect(percent(0)).toBe("0%");
    expect(percent(1)).toBe("100%");
  });
});
