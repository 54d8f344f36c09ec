import type { Database } from "./client.ts";
import { groupCommit } from "./group-commit.ts";

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

/** How many attempts are stored (all learners): for benches and health checks. */
export async function countAttempts(db: Database): Promise<number> {
  return db.prisma.attempt.count();
}
