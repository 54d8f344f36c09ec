import type { Database } from "./client.ts";
import { asDate, sql } from "./direct.ts";
import { newId, newSecret, secretHash } from "./ids.ts";

/** An API token as instructors see it: never the token itself, only its first characters. */
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

// "lbk_" tells a leaked token apart from other secrets in logs and secret scanners.
const TOKEN_PREFIX = "lbk_";

/** Makes a grading-API token; the returned `token` is shown once and never stored. */
export async function createApiToken(
  db: Database,
  input: { createdById: string; name: string },
): Promise<{ token: string; view: ApiTokenView }> {
  const token = TOKEN_PREFIX + newSecret();
  const row = await db.prisma.$transaction((tx) =>
    tx.apiToken.create({
      data: {
        id: newId(),
        name: input.name.trim().slice(0, 80) || "token",
        tokenHash: secretHash(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdById: input.createdById,
      },
      include: { createdBy: true },
    }),
  );
  return { token, view: tokenView(row) };
}

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { email: string | null; displayName: string };
};
const tokenView = (t: TokenRow): ApiTokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdBy: t.createdBy.email ?? t.createdBy.displayName,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

/** Every token, newest first, revoked ones included (marked). */
export async function listApiTokens(db: Database): Promise<ApiTokenView[]> {
  const rows = await db.prisma.apiToken.findMany({ orderBy: { createdAt: "desc" }, include: { createdBy: true } });
  return rows.map(tokenView);
}

/** Revokes a token; false if there is no such token or it was already revoked. */
export async function revokeApiToken(db: Database, id: string, now = new Date()): Promise<boolean> {
  const [result] = await db.prisma.$transaction([
    db.prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } }),
  ]);
  // This process stops taking it at once; others within LIVE_TOKEN_MS (authenticateApiToken).
  for (const [hash, live] of liveTokens.get(db) ?? []) if (live.token.id === id) liveTokens.get(db)?.delete(hash);
  return result.count === 1;
}

/**
 * How long a token found live is taken without asking the database again. A grader's script
 * sends its token with every answer: asking each time was one of an answer's round trips to
 * PostgreSQL. A token revoked on one server is refused there at once, and by every other server
 * within this time.
 */
export const LIVE_TOKEN_MS = 1000;
const MAX_LIVE_TOKENS = 10_000;
type LiveToken = { token: { id: string; name: string; createdById: string }; until: number; lastUsedAt: number };
/**
 * The live tokens of each database client, on globalThis: Next bundles this package once per
 * route (and the production server's lean handler once more), and a revocation in one copy (the
 * instructor's server action) must reach the copy that authenticates (an API route), or a
 * revoked token would still be taken for up to LIVE_TOKEN_MS on the very server that revoked it.
 */
const LIVE_TOKENS = Symbol.for("llm-basics.live-api-tokens");
const processWide = globalThis as { [LIVE_TOKENS]?: WeakMap<Database, Map<string, LiveToken>> };
processWide[LIVE_TOKENS] ??= new WeakMap();
const liveTokens = processWide[LIVE_TOKENS];

/**
 * The live token a bearer secret is, or null (unknown, revoked, or made by someone who is no
 * longer an instructor). Notes its use, at most once a minute.
 */
export async function authenticateApiToken(
  db: Database,
  token: string,
  now = new Date(),
): Promise<{ id: string; name: string; createdById: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const hash = secretHash(token);
  let live = liveTokens.get(db);
  const known = live?.get(hash);
  if (known && known.until > now.getTime() && now.getTime() - known.lastUsedAt <= 60_000) return known.token;
  const rows = await db.direct.query<{
    id: string;
    name: string;
    createdById: string;
    lastUsedAt: unknown;
    revokedAt: unknown;
  }>(sql`SELECT t."id", t."name", t."createdById", t."lastUsedAt", t."revokedAt" FROM "ApiToken" t
    JOIN "User" u ON u."id" = t."createdById"
    WHERE t."tokenHash" = ${hash} AND u."role" = 'instructor'`);
  const row = rows[0];
  if (!row || asDate(row.revokedAt)) {
    live?.delete(hash);
    return null;
  }
  let lastUsedAt = asDate(row.lastUsedAt)?.getTime();
  if (lastUsedAt === undefined || now.getTime() - lastUsedAt > 60_000) {
    await db.prisma.$transaction([db.prisma.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } })]);
    lastUsedAt = now.getTime();
  }
  const found = { id: row.id, name: row.name, createdById: row.createdById };
  if (!live) {
    live = new Map();
    liveTokens.set(db, live);
  }
  if (live.size >= MAX_LIVE_TOKENS) live.clear();
  live.set(hash, { token: found, until: now.getTime() + LIVE_TOKEN_MS, lastUsedAt });
  return found;
}
