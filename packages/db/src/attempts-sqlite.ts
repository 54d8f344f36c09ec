import type { AttemptInput, RecordedAttempt, VariantPick, WrittenVariant } from "./attempt-outcome.ts";
import { recorded } from "./attempt-outcome.ts";
import { asDate, type Fragment, parameterList, sql, type Work } from "./direct.ts";
import { newId } from "./ids.ts";

/** `pick` as the condition on a variant `v` of user `userId`. */
export function pickedVariant(userId: string, pick: VariantPick): Fragment {
  if ("variantId" in pick) return sql`v."id" = ${pick.variantId} AND v."userId" = ${userId}`;
  const learner = pick.learnerOnly
    ? sql` AND EXISTS (SELECT 1 FROM "User" u WHERE u."id" = v."userId" AND u."role" = 'learner')`
    : sql``;
  const page = pick.pageOnly ? sql` AND v."number" >= 0` : sql``;
  return sql`v."userId" = ${userId} AND v."exerciseId" = ${pick.exerciseId} AND v."seed" = ${pick.seed}${learner}${page}`;
}

/**
 * The hot path on SQLite, on the driver itself (direct.ts): four statements, six when the
 * answer solves an exercise, in a transaction whose commit other attempts share.
 */
export function* writeAttempt(input: AttemptInput, where: Fragment): Work<RecordedAttempt> {
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
