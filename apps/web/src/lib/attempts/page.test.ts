import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ExerciseRenderer, loadSite, type Site } from "@llm-basics/content";
import {
  createGuest,
  type Database,
  migrateDatabase,
  type NewGuest,
  openDatabase,
  type UserView,
  visitorSeedKey,
} from "@llm-basics/db";
import { variantValues } from "@llm-basics/grading";
import { freshState, variantSeed } from "@llm-basics/progress/learner-state";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RateDecision } from "@/lib/http/rate-limit";
import { type Answerer, type AttemptContext, answerOnPage, newVariantOnPage } from "./page";

// The lesson page's answer path against a real SQLite file and a real (tiny) course: what is
// stored, for whom, and what is refused before anything is.

const LESSON = `---
title: 练习
weight: 1
---

{{< exercise id="sum" >}}
prompt: { zh: "求 {{ a }} + 1。", en: "Find {{ a }} + 1." }
params: { a: { integer: [1, 1000] } }
answer: { type: scalar, expr: "a + 1" }
hints: [{ zh: "加一。", en: "Add one." }]
solution: { zh: "答案是 {{ a + 1 }}。", en: "It is {{ a + 1 }}." }
widget: { name: softmax, logits: "[a / 100, 0]" }
{{< /exercise >}}

{{< exercise id="steps" >}}
prompt: { zh: "分两步。", en: "Two steps." }
params: { a: { integer: [1, 1000] } }
parts:
  - { id: once, answer: { type: scalar, expr: "a + 1" } }
  - { id: twice, answer: { type: scalar, expr: "a + 2" } }
{{< /exercise >}}
`;

let dir: string;
let db: Database;
let site: Site;
const renderer = new ExerciseRenderer();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "llmb-attempts-"));
  mkdirSync(path.join(dir, "content"));
  writeFileSync(path.join(dir, "content", "_index.md"), "---\ntitle: 首页\n---\n\n首页。\n");
  writeFileSync(path.join(dir, "content", "lesson.md"), LESSON);
  site = await loadSite({ contentDir: path.join(dir, "content"), includeDrafts: false });
  const url = `file:${path.join(dir, "app.db")}`;
  await migrateDatabase(url);
  db = openDatabase(url);
}, 60_000);

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const allowed: RateDecision = {
  allowed: true,
  limit: 1,
  windowSeconds: 1,
  remaining: 1,
  resetSeconds: 0,
  retryAfterSeconds: 0,
};
const refused: RateDecision = { ...allowed, allowed: false, remaining: 0, retryAfterSeconds: 30 };

function context(overrides: Partial<AttemptContext> = {}): AttemptContext {
  return {
    db,
    site,
    renderer,
    charge: async () => allowed,
    graded: async () => {},
    chargeGuest: async () => allowed,
    ...overrides,
  };
}

/** A browser: its session's user (if any), its visitor id, and the guests it was given. */
function browser(visitorId: string | undefined, user: UserView | null = null) {
  const kept: NewGuest[] = [];
  const answerer: Answerer = {
    user: async () => user,
    visitorId,
    keep: async (guest) => {
      kept.push(guest);
      user = guest.user;
    },
  };
  return { answerer, kept };
}

const count = async (table: "User" | "Attempt" | "Variant") =>
  Number((await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(*) AS n FROM "${table}"`))[0]?.n);

const sumExercise = () => {
  const exercise = site.exercises.get("sum")?.exercise;
  if (!exercise) throw new Error("no exercise sum");
  return exercise;
};
const right = (seed: number) => String(variantValues(sumExercise(), seed).expected[0]);

describe("an answer from the lesson page", () => {
  it("makes a visitor a guest with their first readable answer, on the numbers their page showed", async () => {
    const visitorId = "visitor-right-answer-01";
    const { seed } = freshState(visitorSeedKey(visitorId), "sum");
    const { answerer, kept } = browser(visitorId);
    const users = await count("User");
    const result = await answerOnPage(
      { exerciseId: "sum", answer: right(seed), seed, locale: "en" },
      answerer,
      context(),
    );
    expect(result).toMatchObject({ ok: true, verdict: { status: "correct" }, solved: true, attempts: 0 });
    if (!result.ok) throw new Error("unreachable");
    expect(result.solutionHtml).toContain("It is");
    expect(kept).toHaveLength(1);
    expect(await count("User")).toBe(users + 1);
    const stored = await db.prisma.attempt.findMany({ where: { userId: kept[0]?.user.id } });
    expect(stored.map((a) => [a.exerciseId, a.answer, a.status])).toEqual([["sum", right(seed), "correct"]]);
  });

  it("stores nothing and makes no guest for an unreadable answer, an answer that does not fit, or no cookie", async () => {
    const before = await Promise.all([count("User"), count("Attempt"), count("Variant")]);
    const visitor = browser("visitor-nothing-stored");
    const unreadable = await answerOnPage({ exerciseId: "sum", answer: "[[1, 2" }, visitor.answerer, context());
    expect(unreadable).toMatchObject({ ok: true, verdict: { status: "invalid" }, attempts: 0 });

    // The attack of issue 14: parts the exercise does not have, carrying text for the instructor view.
    const junk = Object.fromEntries(
      Array.from({ length: 32 }, (_, i) => [
        `x${i}`,
        "<img src=x onerror=alert(1)> 正确答案请见 http://x ".repeat(150),
      ]),
    );
    for (const answer of [{ ...junk, once: "1" }, { once: 1 }, "1", ["1"]]) {
      const result = await answerOnPage({ exerciseId: "steps", answer }, visitor.answerer, context());
      expect(result, JSON.stringify(answer).slice(0, 40)).toMatchObject({ ok: false, error: "bad-input" });
    }
    const extra = await answerOnPage(
      { exerciseId: "steps", answer: { once: "1", "<b>": "1" } },
      visitor.answerer,
      context(),
    );
    expect(extra).toMatchObject({ ok: false, problem: { zh: expect.stringContaining("没有小问“<b>”") } });
    expect(await answerOnPage({ exerciseId: "sum", answer: { a: "1" } }, visitor.answerer, context())).toMatchObject({
      ok: false,
      error: "bad-input",
    });

    const cookieless = browser(undefined);
    expect(await answerOnPage({ exerciseId: "sum", answer: "1" }, cookieless.answerer, context())).toMatchObject({
      ok: false,
      error: "no-learner",
    });
    expect(await newVariantOnPage("sum", cookieless.answerer, context())).toMatchObject({ error: "no-learner" });
    for (const bad of [{ exerciseId: "../x" }, { exerciseId: "sum", seed: -1 }, { exerciseId: "sum", locale: "fr" }]) {
      expect(await answerOnPage({ answer: "1", ...bad }, visitor.answerer, context())).toMatchObject({
        error: "bad-input",
      });
    }
    expect(visitor.kept).toHaveLength(0);
    expect(await Promise.all([count("User"), count("Attempt"), count("Variant")])).toEqual(before);
  });

  it("refuses a new guest over the address's guest limit, and any answer over the client's limit", async () => {
    const users = await count("User");
    const visitor = browser("visitor-over-the-limit");
    const noGuest = await answerOnPage(
      { exerciseId: "sum", answer: "1" },
      visitor.answerer,
      context({
        chargeGuest: async () => refused,
      }),
    );
    expect(noGuest).toMatchObject({ ok: false, error: "too-many-guests" });
    const limited = await answerOnPage(
      { exerciseId: "sum", answer: "1" },
      visitor.answerer,
      context({
        charge: async () => refused,
      }),
    );
    expect(limited).toMatchObject({ ok: false, error: "rate-limited" });
    expect(await count("User")).toBe(users);
  });

  it("grades a signed-in learner's current variant: hints as they fail, the solution after three, stale seeds refused", async () => {
    const { user } = await createGuest(db, { visitorId: "visitor-learner-hints" });
    const { answerer } = browser(undefined, user);
    const { seed } = freshState(user.seedKey, "sum");
    const wrong = String(Number(right(seed)) + 5);
    const first = await answerOnPage({ exerciseId: "sum", answer: wrong, seed }, answerer, context());
    expect(first).toMatchObject({ ok: true, verdict: { status: "incorrect" }, attempts: 1 });
    if (!first.ok) throw new Error("unreachable");
    expect(first.hintsHtml).toHaveLength(1);
    expect(first.solutionHtml).toBeUndefined();
    // The widget drawn from the variant's numbers comes with the solution, not before.
    expect(first).not.toHaveProperty("widget");
    await answerOnPage({ exerciseId: "sum", answer: wrong }, answerer, context());
    const third = await answerOnPage({ exerciseId: "sum", answer: wrong }, answerer, context());
    expect(third).toMatchObject({
      ok: true,
      attempts: 3,
      solved: false,
      solutionHtml: expect.stringContaining("答案是"),
      widget: {
        name: "softmax",
        params: { logits: [(variantValues(sumExercise(), seed).values.get("a") as number) / 100, 0], temperature: 1 },
      },
    });

    // Another tab moves on; this one's answer to the old numbers is not graded.
    expect(await newVariantOnPage("sum", answerer, context())).toEqual({ ok: true });
    const stale = await answerOnPage({ exerciseId: "sum", answer: right(seed), seed }, answerer, context());
    expect(stale).toMatchObject({ ok: false, error: "stale-variant" });
    expect(stale).not.toHaveProperty("verdict");
    const unreadableStale = await answerOnPage({ exerciseId: "sum", answer: "1 +", seed }, answerer, context());
    expect(unreadableStale).toMatchObject({ ok: false, error: "stale-variant" });
    expect(await db.prisma.attempt.count({ where: { userId: user.id } })).toBe(3);

    // The new numbers, as that tab's page shows them: graded and recorded on the new variant.
    const next = variantSeed(user.seedKey, "sum", 1);
    const unreadable = await answerOnPage({ exerciseId: "sum", answer: "1 +", seed: next }, answerer, context());
    expect(unreadable).toMatchObject({ ok: true, verdict: { status: "invalid" }, attempts: 0 });
    const solved = await answerOnPage({ exerciseId: "sum", answer: right(next), seed: next }, answerer, context());
    expect(solved).toMatchObject({ ok: true, verdict: { status: "correct" }, attempts: 0, solved: true });
    expect(await db.prisma.attempt.count({ where: { userId: user.id } })).toBe(4);
  });
});
