import { describe, expect, it } from "vitest";
import { freshDatabase, providers } from "../test/databases.ts";
import {
  authenticateApiToken,
  countAttempts,
  createApiToken,
  createGuest,
  currentVariants,
  type Database,
  drawVariant,
  exerciseStats,
  LIVE_TOKEN_MS,
  learnerProgress,
  listApiTokens,
  makeInstructor,
  misconceptionsByExercise,
  openDatabase,
  recordAttempt,
  recordAttemptForSeed,
  recordAttemptOnCurrent,
  revokeApiToken,
  variantForSeed,
} from "./index.ts";

const LESSON = { lessonPath: "/attention/", lessonExerciseIds: ["attention-weights", "attention-scaling-reason"] };

/** `count` new guests (visitor ids `${prefix}0`, …), each on their first variant of attention-weights. */
function guestsOnAVariant(db: Database, count: number, prefix: string) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { user } = await createGuest(db, { visitorId: `${prefix}${i}` });
      const { variant } = await drawVariant(db, {
        userId: user.id,
        exerciseId: "attention-weights",
        after: -1,
        seed: 5,
        contentVersion: "c",
      });
      return { user, variant };
    }),
  );
}

describe.each(providers)("progress on %s", (provider) => {
  it("completes a lesson only when every exercise in it is solved", async () => {
    const db = await freshDatabase(provider);
    const { user } = await createGuest(db, { visitorId: "v1" });
    const start = (exerciseId: string) =>
      drawVariant(db, { userId: user.id, exerciseId, after: -1, seed: 1, contentVersion: "c" });
    const weights = (await start("attention-weights")).variant;
    const reason = (await start("attention-scaling-reason")).variant;
    const wrong = await recordAttempt(db, {
      ...LESSON,
      userId: user.id,
      variantId: weights.id,
      answer: "[[0.5, 0.5]]",
      status: "incorrect",
      score: 0,
      misconception: { id: "attention-no-scaling", topic: "attention" },
    });
    expect(wrong).toMatchObject({ ok: true, lessonCompleted: false, variant: { wrongAttempts: 1, solved: false } });
    const first = await recordAttempt(db, {
      ...LESSON,
      userId: user.id,
      variantId: weights.id,
      answer: "[[0.6, 0.4]]",
      status: "correct",
      score: 1,
    });
    expect(first).toMatchObject({ ok: true, lessonCompleted: false, variant: { wrongAttempts: 1, solved: true } });
    const second = await recordAttempt(db, {
      ...LESSON,
      userId: user.id,
      variantId: reason.id,
      answer: "b",
      status: "correct",
      score: 1,
    });
    expect(second).toMatchObject({ ok: true, lessonCompleted: true });

    const progress = await learnerProgress(db, user.id);
    expect(progress.lessons[0]?.completedAt).not.toBeNull();
    expect(await misconceptionsByExercise(db, user.id)).toMatchObject([
      { exerciseId: "attention-weights", id: "attention-no-scaling", topic: "attention", count: 1 },
    ]);
    expect(progress.exercises.find((e) => e.exerciseId === "attention-weights")).toMatchObject({
      attempts: 2,
      bestScore: 1,
      solved: true,
    });
  });

  it("lists each learner's own misconceptions per exercise, with their latest correct answer to it", async () => {
    const db = await freshDatabase(provider);
    const a = (await createGuest(db, { visitorId: "ma" })).user;
    const b = (await createGuest(db, { visitorId: "mb" })).user;
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
    const start = async (userId: string, exerciseId: string) =>
      (await drawVariant(db, { userId, exerciseId, after: -1, seed: 1, contentVersion: "c" })).variant;
    const weights = await start(a.id, "attention-weights");
    const reason = await start(a.id, "attention-scaling-reason");
    const answer = (variantId: string, minute: number, status: "correct" | "incorrect", mistake?: string) =>
      recordAttempt(db, {
        ...LESSON,
        userId: a.id,
        variantId,
        answer: "x",
        status,
        score: status === "correct" ? 1 : 0,
        misconception: mistake ? { id: mistake, topic: mistake.startsWith("softmax") ? "softmax" : "attention" } : null,
        now: at(minute),
      });
    // Two of the same mistake, then a correct answer: it is behind the learner.
    await answer(weights.id, 1, "incorrect", "attention-no-scaling");
    await answer(weights.id, 2, "incorrect", "attention-no-scaling");
    await answer(weights.id, 3, "correct");
    // Another mistake on that exercise after the correct answer (a later variant, say): not behind them yet.
    await answer(weights.id, 4, "incorrect", "softmax-wrong-axis");
    await answer(reason.id, 5, "incorrect", "attention-no-scaling");
    // B's attempts never show in A's list.
    const theirs = await start(b.id, "attention-weights");
    await recordAttempt(db, {
      ...LESSON,
      userId: b.id,
      variantId: theirs.id,
      answer: "y",
      status: "incorrect",
      score: 0,
      misconception: { id: "attention-keys-first", topic: "attention" },
    });

    expect(await misconceptionsByExercise(db, a.id)).toEqual([
      {
        exerciseId: "attention-weights",
        id: "attention-no-scaling",
        topic: "attention",
        count: 2,
        lastAt: at(2),
        lastCorrectAt: at(3),
      },
      {
        exerciseId: "attention-scaling-reason",
        id: "attention-no-scaling",
        topic: "attention",
        count: 1,
        lastAt: at(5),
        lastCorrectAt: null,
      },
      {
        exerciseId: "attention-weights",
        id: "softmax-wrong-axis",
        topic: "softmax",
        count: 1,
        lastAt: at(4),
        lastCorrectAt: at(3),
      },
    ]);
    expect((await misconceptionsByExercise(db, b.id)).map((m) => m.id)).toEqual(["attention-keys-first"]);
    const nobody = (await createGuest(db, { visitorId: "mc" })).user;
    expect(await misconceptionsByExercise(db, nobody.id)).toEqual([]);
  });

  it("stores an attempt made while another transaction is open, and only its own work", async () => {
    const db = await freshDatabase(provider);
    const a = (await createGuest(db, { visitorId: "a" })).user;
    const { variant } = await drawVariant(db, {
      userId: a.id,
      exerciseId: "attention-weights",
      after: -1,
      seed: 1,
      contentVersion: "c",
    });
    // A transaction (signing up, say) that is still open when the attempt arrives, and then fails.
    let fail = () => {};
    let started = () => {};
    const open = new Promise<void>((resolve) => {
      started = resolve;
    });
    const failed = db.prisma
      .$transaction(async (tx) => {
        await tx.user.create({ data: { id: "doomed", seedKey: "k", displayName: "doomed" } });
        started();
        await new Promise<void>((resolve) => {
          fail = resolve;
        });
        throw new Error("the other transaction failed");
      })
      .catch((error: unknown) => error);
    await open;
    const recording = recordAttempt(db, {
      ...LESSON,
      userId: a.id,
      variantId: variant.id,
      answer: "x",
      status: "incorrect",
      score: 0,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    fail();
    expect(await failed).toBeInstanceOf(Error);
    expect(await recording).toMatchObject({ ok: true, variant: { wrongAttempts: 1 } });
    expect(await countAttempts(db)).toBe(1);
    expect(await db.prisma.user.count({ where: { id: "doomed" } })).toBe(0);
  });

  it("refuses another learner's variant and a variant another tab has replaced", async () => {
    const db = await freshDatabase(provider);
    const a = (await createGuest(db, { visitorId: "a" })).user;
    const b = (await createGuest(db, { visitorId: "b" })).user;
    const mine = (
      await drawVariant(db, { userId: a.id, exerciseId: "attention-weights", after: -1, seed: 1, contentVersion: "c" })
    ).variant;
    const attempt = { ...LESSON, answer: "x", status: "correct" as const, score: 1 };
    expect(await recordAttempt(db, { ...attempt, userId: b.id, variantId: mine.id })).toEqual({
      ok: false,
      problem: "no-such-variant",
    });
    expect((await learnerProgress(db, b.id)).exercises).toEqual([]);
    expect((await learnerProgress(db, a.id)).exercises).toEqual([]);

    const next = await drawVariant(db, {
      userId: a.id,
      exerciseId: "attention-weights",
      after: 0,
      seed: 2,
      contentVersion: "c",
    });
    expect(next).toMatchObject({ drawn: true, variant: { number: 1, seed: 2 } });
    expect(await recordAttempt(db, { ...attempt, userId: a.id, variantId: mine.id, requireCurrent: true })).toEqual({
      ok: false,
      problem: "stale-variant",
    });
    // Found by the numbers a page showed: only the current variant's take an attempt.
    const onCurrent = (seed: number, userId = a.id) =>
      recordAttemptOnCurrent(db, { ...attempt, userId, exerciseId: "attention-weights", seed });
    expect(await onCurrent(1)).toEqual({ ok: false, problem: "stale-variant" });
    expect(await onCurrent(99)).toEqual({ ok: false, problem: "no-such-variant" });
    expect(await onCurrent(2, b.id)).toEqual({ ok: false, problem: "no-such-variant" });
    expect(await onCurrent(2)).toMatchObject({ ok: true, variant: { number: 1, seed: 2, solved: true } });
    expect((await learnerProgress(db, a.id)).exercises).toMatchObject([{ attempts: 1, solved: true }]);
    // A second tab that still shows variant 0 asks for a new one: it gets variant 1, not a third.
    expect(
      await drawVariant(db, { userId: a.id, exerciseId: "attention-weights", after: 0, seed: 3, contentVersion: "c" }),
    ).toMatchObject({ drawn: false, variant: { number: 1, seed: 2 } });
  });

  it("loses nothing when many attempts and new variants arrive at once", async () => {
    const db = await freshDatabase(provider);
    const learners = await guestsOnAVariant(db, 20, "c");
    // Two tabs per learner, 10 answers each, all in flight together.
    const results = await Promise.all(
      learners.flatMap(({ user, variant }) =>
        Array.from({ length: 20 }, (_, k) =>
          recordAttempt(db, {
            ...LESSON,
            userId: user.id,
            variantId: variant.id,
            answer: `answer ${k}`,
            status: k === 19 ? "correct" : "incorrect",
            score: k === 19 ? 1 : 0,
          }),
        ),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    for (const { user } of learners) {
      const progress = await learnerProgress(db, user.id);
      expect(progress.exercises).toMatchObject([{ attempts: 20, solved: true }]);
      // Written in the order they came: the 19 wrong answers before the right one all count.
      const current = await currentVariants(db, user.id, ["attention-weights"]);
      expect(current.get("attention-weights")).toMatchObject({ wrongAttempts: 19, solved: true });
    }
    const stats = await exerciseStats(db);
    expect(stats).toMatchObject([{ exerciseId: "attention-weights", attempts: 400, learners: 20, correct: 20 }]);
    expect(stats[0]?.successRate).toBeCloseTo(0.05);
    expect(stats[0]?.wrongAnswers).toHaveLength(5);
    expect(stats[0]?.wrongAnswers[0]?.count).toBe(20);

    // Ten tabs ask for a new variant after variant 0 at once: exactly one is drawn.
    const draws = await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        drawVariant(db, {
          userId: learners[0]?.user.id ?? "",
          exerciseId: "attention-weights",
          after: 0,
          seed: 100 + k,
          contentVersion: "c",
        }),
      ),
    );
    expect(draws.filter((d) => d.drawn)).toHaveLength(1);
    expect(new Set(draws.map((d) => d.variant.id)).size).toBe(1);
  });

  it("an attempt the database refuses fails alone: the others written with it are stored", async () => {
    const db = await freshDatabase(provider);
    const learners = await guestsOnAVariant(db, 8, "r");
    // Sent together (one statement on PostgreSQL); PostgreSQL's text cannot hold U+0000.
    const outcomes = await Promise.allSettled(
      learners.map(({ user, variant }, i) =>
        recordAttempt(db, {
          ...LESSON,
          userId: user.id,
          variantId: variant.id,
          answer: i === 3 ? "bad\u0000answer" : `answer ${i}`,
          status: "incorrect",
          score: 0,
        }),
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      if (i === 3 && provider === "postgres") {
        expect(outcome.status).toBe("rejected");
        continue;
      }
      expect(outcome).toMatchObject({ status: "fulfilled", value: { ok: true, variant: { wrongAttempts: 1 } } });
      const progress = await learnerProgress(db, learners[i]?.user.id ?? "");
      expect(progress.exercises).toMatchObject([{ attempts: 1, solved: false }]);
    }
  });

  it("issues, authenticates and revokes API tokens; finds or makes a variant for a seed", async () => {
    const db = await freshDatabase(provider);
    const made = await makeInstructor(db, { email: "ta@example.com", password: "teaching assistant 1" });
    if (!made.ok) throw new Error(made.problem);
    const { token, view } = await createApiToken(db, { createdById: made.user.id, name: "autograder" });
    expect(token).toMatch(/^lbk_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(view.prefix)).toBe(true);
    expect(await authenticateApiToken(db, token)).toMatchObject({ id: view.id, name: "autograder" });
    expect(await authenticateApiToken(db, `${token}x`)).toBeNull();
    expect((await listApiTokens(db)).map((t) => t.createdBy)).toEqual(["ta@example.com"]);
    expect(await revokeApiToken(db, view.id)).toBe(true);
    expect(await revokeApiToken(db, view.id)).toBe(false);
    expect(await authenticateApiToken(db, token)).toBeNull();

    // Another server (its own connection) takes a token it found live for LIVE_TOKEN_MS at most.
    const second = await createApiToken(db, { createdById: made.user.id, name: "second" });
    const other = openDatabase(db.url);
    try {
      const now = new Date();
      expect(await authenticateApiToken(other, second.token, now)).toMatchObject({ id: second.view.id });
      expect(await authenticateApiToken(db, second.token, now)).toMatchObject({ id: second.view.id });
      expect(await revokeApiToken(db, second.view.id)).toBe(true);
      expect(await authenticateApiToken(db, second.token, now)).toBeNull();
      const later = new Date(now.getTime() + LIVE_TOKEN_MS + 1);
      expect(await authenticateApiToken(other, second.token, later)).toBeNull();
    } finally {
      await other.close();
    }

    const { user } = await createGuest(db, { visitorId: "s" });
    const page = (
      await drawVariant(db, {
        userId: user.id,
        exerciseId: "softmax-probability",
        after: -1,
        seed: 7,
        contentVersion: "c",
      })
    ).variant;
    const forSeed = (seed: number) =>
      variantForSeed(db, { userId: user.id, exerciseId: "softmax-probability", seed, contentVersion: "c" });
    // The page's own variant is used when the grader's seed is its seed…
    expect((await forSeed(7)).id).toBe(page.id);
    // …other seeds get grader variants, found again on the next answer, never the page's current one.
    const v = await forSeed(99);
    expect(v).toMatchObject({ number: -1, seed: 99 });
    expect((await forSeed(99)).id).toBe(v.id);
    expect(await forSeed(5)).toMatchObject({ number: -2, seed: 5 });
    const recorded = await recordAttempt(db, {
      userId: user.id,
      variantId: v.id,
      lessonPath: "/softmax/",
      lessonExerciseIds: ["softmax-probability"],
      answer: "0.1",
      status: "incorrect",
      score: 0,
      source: "api",
      apiTokenId: view.id,
    });
    expect(recorded).toMatchObject({ ok: true, variant: { number: -1, wrongAttempts: 1 } });
    expect((await currentVariants(db, user.id, ["softmax-probability"])).get("softmax-probability")).toMatchObject({
      id: page.id,
      wrongAttempts: 0,
    });
    // The page's variant is still current for an answer from the page.
    expect(
      await recordAttempt(db, {
        userId: user.id,
        variantId: page.id,
        lessonPath: "/softmax/",
        lessonExerciseIds: ["softmax-probability"],
        answer: "0.2",
        status: "incorrect",
        score: 0,
        requireCurrent: true,
      }),
    ).toMatchObject({ ok: true });

    // Recording by seed finds the same variants in the same write, and says when there is none.
    const bySeed = (seed: number, userId = user.id) =>
      recordAttemptForSeed(db, {
        userId,
        exerciseId: "softmax-probability",
        seed,
        lessonPath: "/softmax/",
        lessonExerciseIds: ["softmax-probability"],
        answer: "0.3",
        status: "incorrect",
        score: 0,
        source: "api",
        apiTokenId: view.id,
      });
    expect(await bySeed(99)).toMatchObject({ ok: true, variant: { id: v.id, wrongAttempts: 2 } });
    expect(await bySeed(7)).toMatchObject({ ok: true, variant: { id: page.id, wrongAttempts: 2 } });
    expect(await bySeed(12345)).toEqual({ ok: false, problem: "no-such-variant" });
    expect(await bySeed(7, "no such learner")).toEqual({ ok: false, problem: "no-such-variant" });
    // An instructor is not a learner an API token records for, even on a variant of their own.
    await drawVariant(db, {
      userId: made.user.id,
      exerciseId: "softmax-probability",
      after: -1,
      seed: 7,
      contentVersion: "c",
    });
    expect(await bySeed(7, made.user.id)).toEqual({ ok: false, problem: "no-such-variant" });
    expect((await learnerProgress(db, user.id)).exercises).toMatchObject([{ attempts: 4, solved: false }]);
  });
});
