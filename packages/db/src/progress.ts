import { type Database, isUniqueViolation, Prisma, type Tx } from "./client.ts";
import { groupCommit } from "./group-commit.ts";
import { newId } from "./ids.ts";

/** One learner's numbers for one exercise, and how they have done on them. */
export interface VariantView {
  id: string;
  exerciseId: string;
  number: number;
  seed: number;
  contentVersion: string;
  wrongAttempts: number;
  solved: boolean;
}

type VariantRow = {
  id: string;
  exerciseId: string;
  number: number;
  seed: number;
  contentVersion: string;
  wrongAttempts: number;
  solvedAt: Date | null;
};
const variantView = (v: VariantRow): VariantView => ({
  id: v.id,
  exerciseId: v.exerciseId,
  number: v.number,
  seed: v.seed,
  contentVersion: v.contentVersion,
  wrongAttempts: v.wrongAttempts,
  solved: v.solvedAt !== null,
});

/**
 * Each exercise's current (highest-numbered) variant for a user (of `exerciseIds`, or of every
 * exercise); exercises without one are absent.
 */
export async function currentVariants(
  db: Database,
  userId: string,
  exerciseIds?: readonly string[],
): Promise<Map<string, VariantView>> {
  if (exerciseIds?.length === 0) return new Map();
  // Read on every lesson page and answer: raw SQL, as the other per-request reads, and only the
  // current row per exercise (a learner may have drawn many). Numbers below 0 are variants a
  // grader recorded through the API (variantForSeed): they are never the page's current one.
  const rows = await db.prisma.$queryRaw<VariantRow[]>`
    SELECT v."id", v."exerciseId", v."number", v."seed", v."contentVersion", v."wrongAttempts", v."solvedAt"
    FROM "Variant" v
    WHERE v."userId" = ${userId}${exerciseIds ? Prisma.sql` AND v."exerciseId" IN (${Prisma.join([...exerciseIds])})` : Prisma.empty}
      AND v."number" = (SELECT MAX(w."number") FROM "Variant" w
        WHERE w."userId" = v."userId" AND w."exerciseId" = v."exerciseId" AND w."number" >= 0)`;
  return new Map(rows.map((row) => [row.exerciseId, variantView(row)]));
}

/**
 * Makes variant `number` (the next one) unless the current variant is not `after` (another
 * tab moved on first): then returns the current one unchanged. `number 0` starts an exercise.
 */
export async function drawVariant(
  db: Database,
  input: {
    userId: string;
    exerciseId: string;
    /** The number the learner saw, or -1 for none: the new variant is after + 1. */
    after: number;
    seed: number;
    contentVersion: string;
  },
): Promise<{ variant: VariantView; drawn: boolean }> {
  const current = async () => (await currentVariants(db, input.userId, [input.exerciseId])).get(input.exerciseId);
  const now = await current();
  if (now && now.number !== input.after) return { variant: now, drawn: false };
  try {
    return { variant: await createVariant(db, { ...input, number: input.after + 1 }), drawn: true };
  } catch (e) {
    const raced = isUniqueViolation(e) ? await current() : undefined;
    if (raced) return { variant: raced, drawn: false };
    throw e;
  }
}

/** Inserts variant `number`; a unique violation (someone else made that number) is the caller's to handle. */
async function createVariant(
  db: Database,
  input: { userId: string; exerciseId: string; number: number; seed: number; contentVersion: string },
): Promise<VariantView> {
  const { userId, exerciseId, number, seed, contentVersion } = input;
  const row = await db.prisma.$transaction((tx) =>
    tx.variant.create({ data: { id: newId(), userId, exerciseId, number, seed, contentVersion } }),
  );
  return variantView(row);
}

/** A graded answer to record. */
export interface AttemptInput {
  userId: string;
  variantId: string;
  lessonPath: string;
  /** Every exercise of the lesson: it is complete when all are solved. */
  lessonExerciseIds: readonly string[];
  /** The answer as typed, or a multi-part answer's texts by part (stored as JSON). */
  answer: string | Readonly<Record<string, string>>;
  status: "correct" | "partial" | "incorrect";
  score: number;
  misconception?: { id: string; topic: string } | null;
  source?: "web" | "api";
  apiTokenId?: string | null;
  /** Refuse unless the variant is still the learner's current one (another tab may have moved on). */
  requireCurrent?: boolean;
  now?: Date;
}

export type RecordedAttempt =
  | { ok: true; attemptId: string; variant: VariantView; lessonCompleted: boolean }
  | { ok: false; problem: "no-such-variant" | "stale-variant" };

/**
 * Records a graded attempt and the progress it changes (variant, exercise, lesson) in one
 * transaction, shared with other learners' attempts arriving at the same moment (group commit).
 * Resolves only after the commit. A variant of another user is "no-such-variant".
 */
export function recordAttempt(db: Database, input: AttemptInput): Promise<RecordedAttempt> {
  return groupCommit(db, (tx) => writeAttempt(tx, input));
}

// The hot path, in raw SQL through Prisma (parameterized; the same text runs on SQLite and
// PostgreSQL): Prisma's model queries cost ~0.7 ms each here against ~0.13 ms for raw ones, and
// an attempt takes four statements (six when it solves an exercise).
async function writeAttempt(tx: Tx, input: AttemptInput): Promise<RecordedAttempt> {
  const now = input.now ?? new Date();
  const rows = await tx.$queryRaw<VariantRow[]>`
    SELECT v."id", v."userId", v."exerciseId", v."number", v."seed", v."contentVersion", v."wrongAttempts", v."solvedAt",
      (SELECT COUNT(*) FROM "Variant" w
        WHERE w."userId" = v."userId" AND w."exerciseId" = v."exerciseId" AND w."number" > v."number") AS "newer"
    FROM "Variant" v WHERE v."id" = ${input.variantId}`;
  const variant = rows[0] as (VariantRow & { userId: string; newer: number | bigint }) | undefined;
  if (!variant || variant.userId !== input.userId) return { ok: false, problem: "no-such-variant" };
  if (input.requireCurrent && Number(variant.newer) > 0) return { ok: false, problem: "stale-variant" };
  const correct = input.status === "correct";
  const attemptId = newId();
  const misconception = input.misconception ?? null;
  const answer = typeof input.answer === "string" ? input.answer : JSON.stringify(input.answer);
  await tx.$executeRaw`
    INSERT INTO "Attempt" ("id", "userId", "variantId", "exerciseId", "lessonPath", "answer", "status", "score",
      "misconceptionId", "misconceptionTopic", "source", "apiTokenId", "createdAt")
    VALUES (${attemptId}, ${input.userId}, ${variant.id}, ${variant.exerciseId}, ${input.lessonPath}, ${answer},
      ${input.status}, ${input.score}, ${misconception?.id ?? null}, ${misconception?.topic ?? null},
      ${input.source ?? "web"}, ${input.apiTokenId ?? null}, ${now})`;
  const solvedBefore = variant.solvedAt !== null;
  if (!solvedBefore) {
    // "solvedAt" IS NULL again: on PostgreSQL another instance may have solved it since the read.
    if (correct)
      await tx.$executeRaw`UPDATE "Variant" SET "solvedAt" = ${now} WHERE "id" = ${variant.id} AND "solvedAt" IS NULL`;
    else
      await tx.$executeRaw`
        UPDATE "Variant" SET "wrongAttempts" = "wrongAttempts" + 1 WHERE "id" = ${variant.id} AND "solvedAt" IS NULL`;
  }
  const solvedAt = correct ? now : null;
  await tx.$executeRaw`
    INSERT INTO "ExerciseProgress" ("userId", "exerciseId", "lessonPath", "attempts", "bestScore", "solvedAt", "lastAttemptAt")
    VALUES (${input.userId}, ${variant.exerciseId}, ${input.lessonPath}, 1, ${input.score}, ${solvedAt}, ${now})
    ON CONFLICT ("userId", "exerciseId") DO UPDATE SET
      "lessonPath" = excluded."lessonPath",
      "attempts" = "ExerciseProgress"."attempts" + 1,
      "bestScore" = CASE WHEN excluded."bestScore" > "ExerciseProgress"."bestScore"
        THEN excluded."bestScore" ELSE "ExerciseProgress"."bestScore" END,
      "solvedAt" = COALESCE("ExerciseProgress"."solvedAt", excluded."solvedAt"),
      "lastAttemptAt" = excluded."lastAttemptAt"`;
  const after: VariantView = {
    ...variantView(variant),
    wrongAttempts: variant.wrongAttempts + (solvedBefore || correct ? 0 : 1),
    solved: solvedBefore || correct,
  };
  const lessonCompleted = correct && (await completeLessonIfSolved(tx, input, now));
  return { ok: true, attemptId, variant: after, lessonCompleted };
}

/** Marks the lesson complete when every one of its exercises is solved; true if it just became so. */
async function completeLessonIfSolved(tx: Tx, input: AttemptInput, now: Date): Promise<boolean> {
  const ids = [...new Set(input.lessonExerciseIds)];
  const solved = await tx.exerciseProgress.count({
    where: { userId: input.userId, exerciseId: { in: ids }, solvedAt: { not: null } },
  });
  if (solved < ids.length) return false;
  const changed = await tx.$executeRaw`
    INSERT INTO "LessonProgress" ("userId", "lessonPath", "firstVisitedAt", "lastVisitedAt", "completedAt")
    VALUES (${input.userId}, ${input.lessonPath}, ${now}, ${now}, ${now})
    ON CONFLICT ("userId", "lessonPath") DO UPDATE SET "completedAt" = excluded."completedAt"
    WHERE "LessonProgress"."completedAt" IS NULL`;
  return changed > 0;
}

/** Notes that a user opened a lesson (for "continue where you left off"). */
export async function visitLesson(db: Database, userId: string, lessonPath: string, now = new Date()): Promise<void> {
  await groupCommit(db, (tx) =>
    tx.lessonProgress.upsert({
      where: { userId_lessonPath: { userId, lessonPath } },
      create: { userId, lessonPath, firstVisitedAt: now, lastVisitedAt: now },
      update: { lastVisitedAt: now },
    }),
  );
}

/** Everything /progress shows about one learner. */
export interface LearnerProgress {
  exercises: {
    exerciseId: string;
    lessonPath: string;
    attempts: number;
    bestScore: number;
    solved: boolean;
    lastAttemptAt: Date;
  }[];
  lessons: { lessonPath: string; firstVisitedAt: Date; lastVisitedAt: Date; completedAt: Date | null }[];
}

/**
 * One learner's exercise and lesson progress (their misconceptions: misconceptionsByExercise);
 * only ever asked for the signed-in user's own id.
 */
export async function learnerProgress(db: Database, userId: string): Promise<LearnerProgress> {
  const [exercises, lessons] = await Promise.all([
    db.prisma.exerciseProgress.findMany({ where: { userId } }),
    db.prisma.lessonProgress.findMany({ where: { userId }, orderBy: { lastVisitedAt: "desc" } }),
  ]);
  return {
    exercises: exercises.map((e) => ({
      exerciseId: e.exerciseId,
      lessonPath: e.lessonPath,
      attempts: e.attempts,
      bestScore: e.bestScore,
      solved: e.solvedAt !== null,
      lastAttemptAt: e.lastAttemptAt,
    })),
    lessons: lessons.map((l) => ({
      lessonPath: l.lessonPath,
      firstVisitedAt: l.firstVisitedAt,
      lastVisitedAt: l.lastVisitedAt,
      completedAt: l.completedAt,
    })),
  };
}

/** A misconception one learner's answers showed on one exercise, and their latest correct answer to it. */
export interface ExerciseMisconception {
  exerciseId: string;
  /** The misconception's id (a built-in detector's, or the exercise author's). */
  id: string;
  topic: string;
  /** How many of the learner's attempts on this exercise showed it. */
  count: number;
  lastAt: Date;
  /** The learner's latest correct answer to this exercise (any variant), or null: later than lastAt means they got past it. */
  lastCorrectAt: Date | null;
}

/**
 * The misconceptions one learner showed, per exercise, most frequent first; only ever asked for
 * the signed-in user's own id. `[{ exerciseId: "softmax-probability", id: "softmax-without-exp",
 * topic: "softmax", count: 2, lastAt, lastCorrectAt }]`
 */
export async function misconceptionsByExercise(db: Database, userId: string): Promise<ExerciseMisconception[]> {
  const [shown, correct] = await Promise.all([
    db.prisma.attempt.groupBy({
      by: ["exerciseId", "misconceptionId", "misconceptionTopic"],
      where: { userId, misconceptionId: { not: null } },
      _count: { _all: true },
      _max: { createdAt: true },
    }),
    db.prisma.attempt.groupBy({
      by: ["exerciseId"],
      where: { userId, status: "correct" },
      _max: { createdAt: true },
    }),
  ]);
  const lastCorrect = new Map(correct.map((c) => [c.exerciseId, c._max.createdAt ?? null]));
  return shown
    .map((m) => ({
      exerciseId: m.exerciseId,
      id: m.misconceptionId ?? "",
      topic: m.misconceptionTopic ?? "exercise",
      count: m._count._all,
      lastAt: m._max.createdAt ?? new Date(0),
      lastCorrectAt: lastCorrect.get(m.exerciseId) ?? null,
    }))
    .sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime());
}

/**
 * A learner's variant with the given seed, for an API grader recording an attempt: their page
 * variant if it has that seed, else a grader variant (numbered −1, −2, …), made if need be.
 * Grader variants never become the page's current variant, so a grader cannot reset what the
 * learner sees (their numbers, wrong attempts, solution) or make their open tab stale.
 */
export async function variantForSeed(
  db: Database,
  input: { userId: string; exerciseId: string; seed: number; contentVersion: string },
): Promise<VariantView> {
  const find = async () =>
    (
      await db.prisma.$queryRaw<VariantRow[]>`
        SELECT "id", "exerciseId", "number", "seed", "contentVersion", "wrongAttempts", "solvedAt" FROM "Variant"
        WHERE "userId" = ${input.userId} AND "exerciseId" = ${input.exerciseId} AND "seed" = ${input.seed}
        ORDER BY "number" DESC LIMIT 1`
    )[0];
  for (let tries = 0; ; tries++) {
    const existing = await find();
    if (existing) return variantView(existing);
    const lowest = await db.prisma.variant.findFirst({
      where: { userId: input.userId, exerciseId: input.exerciseId, number: { lt: 0 } },
      orderBy: { number: "asc" },
      select: { number: true },
    });
    try {
      return await createVariant(db, { ...input, number: (lowest?.number ?? 0) - 1 });
    } catch (e) {
      // Another request made a grader variant of this learner's at the same moment: look again.
      if (!isUniqueViolation(e) || tries >= 5) throw e;
    }
  }
}

/** How many attempts are stored (all learners): for benches and health checks. */
export async function countAttempts(db: Database): Promise<number> {
  return db.prisma.attempt.count();
}
