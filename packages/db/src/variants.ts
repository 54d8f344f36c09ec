import { type Database, isUniqueViolation } from "./client.ts";
import { asDate, parameterList, sql } from "./direct.ts";
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

/** A variant as read from the database, by Prisma or by the direct path. */
export type VariantRow = {
  id: string;
  exerciseId: string;
  number: number;
  seed: number;
  contentVersion: string;
  wrongAttempts: number;
  /** A Date from Prisma; from the direct path, SQLite's text or PostgreSQL's Date. */
  solvedAt: unknown;
};

/** A variant row as the app sees it: `solved` from its `solvedAt`. */
export const variantView = (v: VariantRow): VariantView => ({
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
