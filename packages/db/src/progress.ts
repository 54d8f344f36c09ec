import { type Database, isUniqueViolation } from "./client.ts";
import { asDate, type Fragment, parameterList, sql, type Work } from "./direct.ts";
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
  /** A Date from Prisma; from the direct path, SQLite's text or PostgreSQL's Date. */
  solvedAt: unknown;
};
const variantView = (v: VariantRow): VariantView => ({
  id: v.id,
  exerciseId: v.exerciseId,
  number: v.number,
  seed: v.seed,
  contentVersion: v.contentVersion,
  wrongAttempts: v.wrongAttempts,
  solved: asDate(v.solvedAt) !== null,
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
  // Read on every lesson page and answer: the direct path (direct.ts), and only the current row
  // per exercise (a learner may have drawn many). Numbers below 0 are variants a grader recorded
  // through the API (variantForSeed): they are never the page's current one.
  const only = exerciseIds ? [...exerciseIds] : [];
  const rows = await db.direct.query<VariantRow>({
    sql: `SELECT v."id", v."exerciseId", v."number", v."seed", v."contentVersion", v."wrongAttempts", v."solvedAt"
    FROM "Variant" v
    WHERE v."userId" = $1${exerciseIds ? ` AND v."exerciseId" IN (${parameterList(2, only.length)})` : ""}
      AND v."number" = (SELECT MAX(w."number") FROM "Variant" w
        WHERE w."userId" = v."userId" AND w."exerciseId" = v."exerciseId" AND w."number" >= 0)`,
    params: [userId, ...only],
  });
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
  return write(db, input, { variantId: input.variantId });
}

/**
 * Records a graded attempt on the learner's variant with `seed` (their page variant if it has
 * that seed, else the grader variant with it: variantForSeed), finding the variant and writing
 * in one go: an API grader's answer costs PostgreSQL one round trip. "no-such-variant" when the
 * learner has no variant with that seed yet, or there is no such learner (an instructor is not
 * one): make the variant with variantForSeed and record with recordAttempt.
 */
export function recordAttemptForSeed(
  db: Database,
  input: Omit<AttemptInput, "variantId" | "requireCurrent"> & { exerciseId: string; seed: number },
): Promise<RecordedAttempt> {
  return write(db, { ...input, variantId: "" }, { exerciseId: input.exerciseId, seed: input.seed, learnerOnly: true });
}

/**
 * Records a graded attempt from the lesson page on the learner's current variant, if its seed is
 * `seed` (the numbers the page showed), finding it in the same write: "stale-variant" when a
 * newer variant has replaced it, "no-such-variant" when the learner has no page variant with
 * that seed (none yet: currentVariants then drawVariant, and recordAttempt).
 */
export function recordAttemptOnCurrent(
  db: Database,
  input: Omit<AttemptInput, "variantId" | "requireCurrent"> & { exerciseId: string; seed: number },
): Promise<RecordedAttempt> {
  return write(
    db,
    { ...input, variantId: "", requireCurrent: true },
    { exerciseId: input.exerciseId, seed: input.seed, pageOnly: true },
  );
}

/**
 * Which of the learner's variants an attempt is on: one by its id, or the highest-numbered with
 * the exercise and seed (`learnerOnly`: only if the user is a learner; `pageOnly`: only a page
 * variant, number ≥ 0, not one a grader recorded through the API).
 */
type VariantPick =
  | { variantId: string }
  | { exerciseId: string; seed: number; learnerOnly?: boolean; pageOnly?: boolean };

/** Records an attempt on the variant `pick` names. */
function write(db: Database, input: AttemptInput, pick: VariantPick): Promise<RecordedAttempt> {
  if (db.provider === "postgres") return writeTogether(db, input, pick);
  return db.direct.transact(() => writeAttempt(input, pickedVariant(input.userId, pick)));
}

/** `pick` as the condition on a variant `v` of user `userId`. */
function pickedVariant(userId: string, pick: VariantPick): Fragment {
  if ("variantId" in pick) return sql`v."id" = ${pick.variantId} AND v."userId" = ${userId}`;
  const learner = pick.learnerOnly
    ? sql` AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = v."userId" AND u."role" = 'learner')`
    : sql``;
  const page = pick.pageOnly ? sql` AND v."number" >= 0` : sql``;
  return sql`v."userId" = ${userId} AND v."exerciseId" = ${pick.exerciseId} AND v."seed" = ${pick.seed}${learner}${page}`;
}

/** The variant an attempt is on, as the write found it, and what the write did. */
type WrittenVariant = VariantRow & { userId: string; newer: boolean | number };

/** What an attempt did to its variant, once the write has told whether it was stored. */
function recorded(
  input: AttemptInput,
  variant: WrittenVariant | undefined,
  attemptId: string,
  lessonCompleted: boolean,
): RecordedAttempt {
  if (!variant || variant.userId !== input.userId) return { ok: false, problem: "no-such-variant" };
  if (input.requireCurrent && Number(variant.newer) > 0) return { ok: false, problem: "stale-variant" };
  const correct = input.status === "correct";
  const solvedBefore = asDate(variant.solvedAt) !== null;
  const after: VariantView = {
    ...variantView(variant),
    wrongAttempts: variant.wrongAttempts + (solvedBefore || correct ? 0 : 1),
    solved: solvedBefore || correct,
  };
  return { ok: true, attemptId, variant: after, lessonCompleted };
}

// The hot path on SQLite, on the driver itself (direct.ts): four statements, six when the
// answer solves an exercise, in a transaction whose commit other attempts share.
function* writeAttempt(input: AttemptInput, where: Fragment): Work<RecordedAttempt> {
  const now = input.now ?? new Date();
  const { rows } = yield sql`
    SELECT v."id", v."userId", v."exerciseId", v."number", v."seed", v."contentVersion", v."wrongAttempts", v."solvedAt",
      (SELECT COUNT(*) FROM "Variant" w
        WHERE w."userId" = v."userId" AND w."exerciseId" = v."exerciseId" AND w."number" > v."number") AS "newer"
    FROM "Variant" v WHERE ${where} ORDER BY v."number" DESC LIMIT 1`;
  const variant = rows[0] as WrittenVariant | undefined;
  const refused = recorded(input, variant, "", false);
  if (!refused.ok || !variant) return refused;
  const correct = input.status === "correct";
  const attemptId = newId();
  const misconception = input.misconception ?? null;
  const answer = typeof input.answer === "string" ? input.answer : JSON.stringify(input.answer);
  yield sql`
    INSERT INTO "Attempt" ("id", "userId", "variantId", "exerciseId", "lessonPath", "answer", "status", "score",
      "misconceptionId", "misconceptionTopic", "source", "apiTokenId", "createdAt")
    VALUES (${attemptId}, ${input.userId}, ${variant.id}, ${variant.exerciseId}, ${input.lessonPath}, ${answer},
      ${input.status}, ${input.score}, ${misconception?.id ?? null}, ${misconception?.topic ?? null},
      ${input.source ?? "web"}, ${input.apiTokenId ?? null}, ${now})`;
  const solvedBefore = asDate(variant.solvedAt) !== null;
  if (!solvedBefore) {
    // "solvedAt" IS NULL again, as in the PostgreSQL form (the IMMEDIATE transaction already
    // holds the write lock from the read on, so here it only restates the rule).
    if (correct) yield sql`UPDATE "Variant" SET "solvedAt" = ${now} WHERE "id" = ${variant.id} AND "solvedAt" IS NULL`;
    else
      yield sql`
        UPDATE "Variant" SET "wrongAttempts" = "wrongAttempts" + 1 WHERE "id" = ${variant.id} AND "solvedAt" IS NULL`;
  }
  const solvedAt = correct ? now : null;
  yield sql`
    INSERT INTO "ExerciseProgress" ("userId", "exerciseId", "lessonPath", "attempts", "bestScore", "solvedAt", "lastAttemptAt")
    VALUES (${input.userId}, ${variant.exerciseId}, ${input.lessonPath}, 1, ${input.score}, ${solvedAt}, ${now})
    ON CONFLICT ("userId", "exerciseId") DO UPDATE SET
      "lessonPath" = excluded."lessonPath",
      "attempts" = "ExerciseProgress"."attempts" + 1,
      "bestScore" = CASE WHEN excluded."bestScore" > "ExerciseProgress"."bestScore"
        THEN excluded."bestScore" ELSE "ExerciseProgress"."bestScore" END,
      "solvedAt" = COALESCE("ExerciseProgress"."solvedAt", excluded."solvedAt"),
      "lastAttemptAt" = excluded."lastAttemptAt"`;
  const lessonCompleted = correct && (yield* completeLessonIfSolved(input, now));
  return recorded(input, variant, attemptId, lessonCompleted);
}

/** Marks the lesson complete when every one of its exercises is solved; true if it just became so. */
function* completeLessonIfSolved(input: AttemptInput, now: Date): Work<boolean> {
  const ids = [...new Set(input.lessonExerciseIds)];
  if (ids.length === 0) return false;
  const { rows } = yield {
    sql: `SELECT COUNT(*) AS "solved" FROM "ExerciseProgress"
      WHERE "userId" = $1 AND "solvedAt" IS NOT NULL AND "exerciseId" IN (${parameterList(2, ids.length)})`,
    params: [input.userId, ...ids],
  };
  if (Number(rows[0]?.solved ?? 0) < ids.length) return false;
  const { changes } = yield sql`
    INSERT INTO "LessonProgress" ("userId", "lessonPath", "firstVisitedAt", "lastVisitedAt", "completedAt")
    VALUES (${input.userId}, ${input.lessonPath}, ${now}, ${now}, ${now})
    ON CONFLICT ("userId", "lessonPath") DO UPDATE SET "completedAt" = excluded."completedAt"
    WHERE "LessonProgress"."completedAt" IS NULL`;
  return changes > 0;
}

// ---------------------------------------------------------------------------------------------
// The same write on PostgreSQL: attempts arriving together are written by one statement, each
// row of its input one attempt. Every round trip costs the app more than the statement costs
// the server (the driver's bookkeeping and a writev per statement, bench/attempts.ts: 45% of the
// server's thread went to them at one statement per attempt), and a batch shares one commit.
// A learner has at most one attempt in a statement at a time: within one statement an attempt
// cannot see another's changes to the same rows (and PostgreSQL refuses to upsert a row twice),
// and their next attempt waits for it, so their attempts are written in the order they came. Each
// attempt's variant is locked first, learners in a fixed order, so attempts at the same variant
// take turns and two batches never wait on each other in a circle. Each part sees the database
// as it was before the statement: the lesson is complete when every other exercise of it was
// solved already and this answer solves this one. progress.integration.test.ts runs every
// recording test against both databases.

/** The most attempts one statement writes, and the most statements in flight per process. */
const MAX_BATCH = 200;
const MAX_IN_FLIGHT = 2;

type PendingAttempt = {
  input: AttemptInput;
  pick: VariantPick;
  resolve: (result: RecordedAttempt) => void;
  reject: (error: unknown) => void;
};
type AttemptQueue = {
  waiting: PendingAttempt[];
  inFlight: number;
  /** Learners with an attempt in a statement now: their next one waits for it (their attempts in order). */
  writing: Set<string>;
};
const attemptQueues = new WeakMap<Database, AttemptQueue>();

function writeTogether(db: Database, input: AttemptInput, pick: VariantPick): Promise<RecordedAttempt> {
  let queue = attemptQueues.get(db);
  if (!queue) {
    queue = { waiting: [], inFlight: 0, writing: new Set() };
    attemptQueues.set(db, queue);
  }
  const q = queue;
  return new Promise<RecordedAttempt>((resolve, reject) => {
    q.waiting.push({ input, pick, resolve, reject });
    sendBatches(db, q);
  });
}

/** Sends what waits, while fewer than MAX_IN_FLIGHT statements are out; each learner's attempts one after another. */
function sendBatches(db: Database, q: AttemptQueue): void {
  while (q.inFlight < MAX_IN_FLIGHT) {
    const batch: PendingAttempt[] = [];
    const later: PendingAttempt[] = [];
    for (const attempt of q.waiting) {
      const learner = attempt.input.userId;
      if (batch.length < MAX_BATCH && !q.writing.has(learner)) {
        q.writing.add(learner);
        batch.push(attempt);
      } else later.push(attempt);
    }
    q.waiting = later;
    if (batch.length === 0) return;
    q.inFlight++;
    void writeBatch(db, batch).finally(() => {
      q.inFlight--;
      for (const attempt of batch) q.writing.delete(attempt.input.userId);
      sendBatches(db, q);
    });
  }
}

/** Writes `batch`; if the statement fails, each attempt alone, so one bad attempt cannot fail its neighbours. */
async function writeBatch(db: Database, batch: PendingAttempt[]): Promise<void> {
  let results: Array<RecordedAttempt | Error>;
  try {
    results = await writeInOneStatement(db, batch);
  } catch (error) {
    if (batch.length === 1) {
      batch[0]?.reject(error);
      return;
    }
    await Promise.all(batch.map((attempt) => writeBatch(db, [attempt])));
    return;
  }
  for (const [i, attempt] of batch.entries()) {
    const result = results[i] as RecordedAttempt | Error;
    if (result instanceof Error) attempt.reject(result);
    else attempt.resolve(result);
  }
}

const ATTEMPTS_STATEMENT = `
  WITH input AS (
    SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::boolean[], $7::boolean[],
      $8::text[], $9::text[], $10::text[], $11::text[], $12::double precision[], $13::text[], $14::text[], $15::text[],
      $16::text[], $17::timestamp[], $18::jsonb[], $19::boolean[])
    AS i(ord, user_id, variant_id, exercise_id, picked_seed, learner_only, page_only, attempt_id, lesson_path, answer, status,
      score, misconception_id, misconception_topic, source, api_token_id, at, lesson_ids,
      require_current)
  ),
  v AS (
    SELECT i.*, v."id", v."userId", v."exerciseId", v."number", v."seed", v."contentVersion", v."wrongAttempts",
      v."solvedAt", i.status = 'correct' AS correct,
      EXISTS (SELECT 1 FROM "Variant" w
        WHERE w."userId" = v."userId" AND w."exerciseId" = v."exerciseId" AND w."number" > v."number") AS "newer"
    FROM input i CROSS JOIN LATERAL (
      SELECT * FROM "Variant" v
      WHERE v."userId" = i.user_id
        AND CASE WHEN i.variant_id IS NOT NULL THEN v."id" = i.variant_id
          ELSE v."exerciseId" = i.exercise_id AND v."seed" = i.picked_seed AND (NOT i.page_only OR v."number" >= 0) END
        AND (NOT i.learner_only OR EXISTS (SELECT 1 FROM "User" u WHERE u."id" = v."userId" AND u."role" = 'learner'))
      ORDER BY v."number" DESC LIMIT 1
      FOR UPDATE
    ) v
  ),
  ok AS (SELECT * FROM v WHERE NOT (v.require_current AND v."newer")),
  attempt AS (
    INSERT INTO "Attempt" ("id", "userId", "variantId", "exerciseId", "lessonPath", "answer", "status", "score",
      "misconceptionId", "misconceptionTopic", "source", "apiTokenId", "createdAt")
    SELECT ok.attempt_id, ok."userId", ok."id", ok."exerciseId", ok.lesson_path, ok.answer, ok.status, ok.score,
      ok.misconception_id, ok.misconception_topic, ok.source, ok.api_token_id, ok.at
    FROM ok
    RETURNING "id"
  ),
  variant AS (
    UPDATE "Variant" SET
      "solvedAt" = CASE WHEN ok.correct THEN ok.at END,
      "wrongAttempts" = "Variant"."wrongAttempts" + CASE WHEN ok.correct THEN 0 ELSE 1 END
    FROM ok WHERE "Variant"."id" = ok."id" AND "Variant"."solvedAt" IS NULL
    RETURNING 1
  ),
  progress AS (
    INSERT INTO "ExerciseProgress" ("userId", "exerciseId", "lessonPath", "attempts", "bestScore", "solvedAt", "lastAttemptAt")
    SELECT ok."userId", ok."exerciseId", ok.lesson_path, 1, ok.score, CASE WHEN ok.correct THEN ok.at END, ok.at
    FROM ok
    ON CONFLICT ("userId", "exerciseId") DO UPDATE SET
      "lessonPath" = excluded."lessonPath",
      "attempts" = "ExerciseProgress"."attempts" + 1,
      "bestScore" = GREATEST("ExerciseProgress"."bestScore", excluded."bestScore"),
      "solvedAt" = COALESCE("ExerciseProgress"."solvedAt", excluded."solvedAt"),
      "lastAttemptAt" = excluded."lastAttemptAt"
    RETURNING 1
  ),
  lesson AS (
    INSERT INTO "LessonProgress" ("userId", "lessonPath", "firstVisitedAt", "lastVisitedAt", "completedAt")
    SELECT ok."userId", ok.lesson_path, ok.at, ok.at, ok.at
    FROM ok
    WHERE ok.correct AND jsonb_array_length(ok.lesson_ids) > 0 AND
      (SELECT COUNT(*) FROM "ExerciseProgress" e
        WHERE e."userId" = ok."userId" AND e."solvedAt" IS NOT NULL AND e."exerciseId" <> ok."exerciseId"
          AND e."exerciseId" IN (SELECT jsonb_array_elements_text(ok.lesson_ids)))
      + CASE WHEN ok.lesson_ids ? ok."exerciseId" THEN 1 ELSE 0 END
      >= jsonb_array_length(ok.lesson_ids)
    ON CONFLICT ("userId", "lessonPath") DO UPDATE SET "completedAt" = excluded."completedAt"
      WHERE "LessonProgress"."completedAt" IS NULL
    RETURNING "userId"
  )
  SELECT v.ord, v."id", v."userId", v."exerciseId", v."number", v."seed", v."contentVersion", v."wrongAttempts",
    v."solvedAt", v."newer",
    EXISTS (SELECT 1 FROM attempt a WHERE a."id" = v.attempt_id) AS "stored",
    EXISTS (SELECT 1 FROM lesson l WHERE l."userId" = v."userId") AS "completed"
  FROM v`;

/** One statement for `batch` (one attempt per learner): each attempt's outcome, or an Error for it. */
async function writeInOneStatement(db: Database, batch: PendingAttempt[]): Promise<Array<RecordedAttempt | Error>> {
  // Learners in a fixed order: their variants are locked in it (see above).
  const order = batch
    .map((_, i) => i)
    .sort((a, b) => {
      const [x, y] = [batch[a]?.input.userId ?? "", batch[b]?.input.userId ?? ""];
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const columns: unknown[][] = Array.from({ length: 19 }, () => []);
  const attemptIds: string[] = [];
  for (const i of order) {
    const { input, pick } = batch[i] as PendingAttempt;
    const byId = "variantId" in pick;
    const attemptId = newId();
    attemptIds[i] = attemptId;
    const row = [
      i,
      input.userId,
      byId ? pick.variantId : null,
      byId ? null : pick.exerciseId,
      byId ? null : pick.seed,
      !byId && pick.learnerOnly === true,
      !byId && pick.pageOnly === true,
      attemptId,
      input.lessonPath,
      typeof input.answer === "string" ? input.answer : JSON.stringify(input.answer),
      input.status,
      input.score,
      input.misconception?.id ?? null,
      input.misconception?.topic ?? null,
      input.source ?? "web",
      input.apiTokenId ?? null,
      // UTC text: the column has no time zone (pg would send a Date in the process's own).
      (input.now ?? new Date()).toISOString(),
      JSON.stringify([...new Set(input.lessonExerciseIds)]),
      input.requireCurrent === true,
    ];
    for (const [c, value] of row.entries()) columns[c]?.push(value);
  }
  const rows = await db.direct.query<WrittenVariant & { ord: number; stored: boolean; completed: boolean }>({
    sql: ATTEMPTS_STATEMENT,
    params: columns,
  });
  const byOrd = new Map(rows.map((row) => [Number(row.ord), row]));
  return batch.map(({ input }, i) => {
    const variant = byOrd.get(i);
    const result = recorded(input, variant, attemptIds[i] as string, variant?.completed === true);
    if (result.ok && !variant?.stored) return new Error("the attempt was not stored");
    return result;
  });
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
      await db.direct.query<VariantRow>(sql`
        SELECT "id", "exerciseId", "number", "seed", "contentVersion", "wrongAttempts", "solvedAt" FROM "Variant"
        WHERE "userId" = ${input.userId} AND "exerciseId" = ${input.exerciseId} AND "seed" = ${input.seed}
        ORDER BY "number" DESC LIMIT 1`)
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
