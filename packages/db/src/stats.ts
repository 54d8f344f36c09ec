import type { Database } from "./client.ts";

/** How learners do on one exercise, for the instructor view. */
export interface ExerciseStats {
  exerciseId: string;
  attempts: number;
  learners: number;
  correct: number;
  /** correct / attempts, 0 when there are none. */
  successRate: number;
  /** The most frequent wrong answers, as typed, most frequent first (at most 5). */
  wrongAnswers: { answer: string; count: number }[];
  /** The misconceptions wrong answers showed, most frequent first (at most 5). */
  misconceptions: { id: string; topic: string; count: number }[];
}

const TOP = 5;

/** Statistics for every exercise that has attempts. */
export async function exerciseStats(db: Database): Promise<ExerciseStats[]> {
  const [byStatus, learners, wrong, mistakes] = await Promise.all([
    db.prisma.attempt.groupBy({ by: ["exerciseId", "status"], _count: { _all: true } }),
    db.prisma.exerciseProgress.groupBy({ by: ["exerciseId"], _count: { _all: true } }),
    // Only each exercise's top wrong answers leave the database, however many distinct ones a
    // class typed (window functions: SQLite ≥ 3.25 and PostgreSQL alike).
    db.prisma.$queryRaw<{ exerciseId: string; answer: string; count: number | bigint }[]>`
      SELECT "exerciseId", "answer", "count" FROM (
        SELECT "exerciseId", "answer", COUNT(*) AS "count",
          ROW_NUMBER() OVER (PARTITION BY "exerciseId" ORDER BY COUNT(*) DESC, "answer") AS "rank"
        FROM "Attempt" WHERE "status" <> 'correct' GROUP BY "exerciseId", "answer"
      ) ranked WHERE "rank" <= ${TOP}`,
    db.prisma.attempt.groupBy({
      by: ["exerciseId", "misconceptionId", "misconceptionTopic"],
      where: { misconceptionId: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const stats = new Map<string, ExerciseStats>();
  const of = (exerciseId: string) => {
    let s = stats.get(exerciseId);
    if (!s) {
      s = { exerciseId, attempts: 0, learners: 0, correct: 0, successRate: 0, wrongAnswers: [], misconceptions: [] };
      stats.set(exerciseId, s);
    }
    return s;
  };
  for (const row of byStatus) {
    const s = of(row.exerciseId);
    s.attempts += row._count._all;
    if (row.status === "correct") s.correct += row._count._all;
  }
  for (const row of learners) of(row.exerciseId).learners = row._count._all;
  for (const row of wrong) of(row.exerciseId).wrongAnswers.push({ answer: row.answer, count: Number(row.count) });
  for (const row of mistakes)
    of(row.exerciseId).misconceptions.push({
      id: row.misconceptionId ?? "",
      topic: row.misconceptionTopic ?? "exercise",
      count: row._count._all,
    });
  for (const s of stats.values()) {
    s.successRate = s.attempts ? s.correct / s.attempts : 0;
    s.wrongAnswers = s.wrongAnswers.sort((a, b) => b.count - a.count || a.answer.localeCompare(b.answer)).slice(0, TOP);
    s.misconceptions = s.misconceptions.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)).slice(0, TOP);
  }
  return [...stats.values()].sort((a, b) => a.exerciseId.localeCompare(b.exerciseId));
}
