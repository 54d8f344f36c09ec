import type { AttemptInput, RecordedAttempt, VariantPick, WrittenVariant } from "./attempt-outcome.ts";
import { recorded } from "./attempt-outcome.ts";
import type { Database } from "./client.ts";
import { newId } from "./ids.ts";

// The write of attempts-sqlite.ts on PostgreSQL: attempts arriving together are written by one statement, each
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

/** Queues an attempt for the next statement; resolves once the statement holding it has committed. */
export function writeTogether(db: Database, input: AttemptInput, pick: VariantPick): Promise<RecordedAttempt> {
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
