import { fileURLToPath } from "node:url";
import { answerSpec, answerTypeMisconceptions, builtInDetectors } from "@llm-basics/grading";
import { describe, expect, it } from "vitest";
import { loadSite, type Site } from "./site.ts";

// The course is where learners meet the grader: every kind of answer it reads and every
// mistake it can name should come up in some exercise. `content:check` runs each exercise's
// author tests on 50 variants, so a test that names a mistake proves the mistake is recognised.

const course = fileURLToPath(new URL("../../../content", import.meta.url));
let loaded: Promise<Site> | undefined;
const site = () => {
  loaded ??= loadSite({ contentDir: course, includeDrafts: false });
  return loaded;
};

describe("the course uses the whole grader", () => {
  it("has an exercise for every answer type", async () => {
    const { exercises } = await site();
    const used = new Set(
      [...exercises.values()].flatMap((e) => e.exercise.answers.map((answer) => answer.spec.type as string)),
    );
    const all = answerSpec.options.map((option) => option.shape.type.value as string);
    expect(all.filter((type) => !used.has(type))).toEqual([]);
  });

  it("names every built-in misconception (detectors and answer types' own) in some exercise's author tests", async () => {
    const { exercises } = await site();
    const named = new Set<string>();
    for (const { exercise } of exercises.values()) {
      for (const test of exercise.spec.tests ?? []) {
        if (typeof test.expect === "object") named.add(test.expect.mistake);
      }
    }
    const builtIn = [...builtInDetectors, ...answerTypeMisconceptions].map((d) => d.id);
    expect(builtIn.filter((id) => !named.has(id))).toEqual([]);
  });

  it("has every page in both languages and at least four exercises in every lesson", async () => {
    const s = await site();
    expect(s.lessons.length).toBeGreaterThanOrEqual(10);
    for (const language of s.languages) {
      const lessons = s.lessonsIn(language.code);
      expect(lessons.map((p) => p.translationKey)).toEqual(s.lessons.map((p) => p.translationKey));
      for (const lesson of lessons) expect([lesson.url, lesson.exercises.length >= 4]).toEqual([lesson.url, true]);
    }
    expect(s.exercises.size).toBeGreaterThanOrEqual(40);
    expect(s.homeIn("en")).toBeDefined();
  });
});
