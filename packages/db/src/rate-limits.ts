import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

// Rate limits that hold across server instances: on PostgreSQL, every instance counts in the
// same table (rate-limiter-flexible's RateLimiterPostgres, a fixed window per key), so N web
// instances behind a load balancer allow what one would, not N times as much. With SQLite
// there is one server process, and the app keeps its limits in memory.

/** What a charge left: whether it was taken, the points left and when the window ends. */
export interface SharedLimitDecision {
  allowed: boolean;
  /** Points left in the window (0 when refused). */
  remaining: number;
  /** Milliseconds until the window ends and the key has all its points again. */
  msBeforeNext: number;
}

/** A limit of `points` per `durationSeconds` for each key, counted in the database. */
export interface SharedRateLimiter {
  readonly points: number;
  readonly durationSeconds: number;
  /** Takes `cost` points from the key's window if that many are left; a refusal takes none. */
  consume(key: string, cost: number): Promise<SharedLimitDecision>;
  /** Adds points already spent (work measured after it was done), past the limit if need be. */
  penalty(key: string, cost: number): Promise<SharedLimitDecision>;
}

/** The table every limit's counts share (made on first use, as rate-limiter-flexible lays it out). */
export const RATE_LIMIT_TABLE = "RateLimit";

const pools = new Map<string, pg.Pool>();
const tables = new Map<string, Promise<void>>();
/** What PostgreSQL answers the loser of a CREATE TABLE race: already exists (relation, type), or the catalogue's unique violation. */
const RACE_LOST = new Set(["42P07", "42710", "23505"]);

/**
 * Makes the limits' table once per database and process. rate-limiter-flexible makes it itself
 * with CREATE TABLE IF NOT EXISTS, but two instances (or two limits) doing so at the same moment
 * race in PostgreSQL, and the loser's `type "RateLimit" already exists` failed its limiter (CI saw
 * it); here such an answer means another one made the table.
 */
function tableReady(url: string): Promise<void> {
  let ready = tables.get(url);
  if (!ready) {
    ready = poolFor(url)
      .query(
        `CREATE TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
      )
      .then(
        () => undefined,
        (error: { code?: string }) => {
          if (error.code !== undefined && RACE_LOST.has(error.code)) return;
          tables.delete(url);
          throw error;
        },
      );
    tables.set(url, ready);
  }
  return ready;
}

/** One small pool per database for the limits, apart from Prisma's. */
function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection the server dropped must not take the process down.
    pool.on("error", (error) => console.error("rate limit pool:", error.message));
    pools.set(url, pool);
  }
  return pool;
}

/**
 * A shared rate limiter on the PostgreSQL database `url` names; `name` keeps its keys apart
 * from other limits'. `sharedRateLimiter(url, { name: "grading", points: 6000, durationSeconds: 60 })`.
 */
export function sharedRateLimiter(
  url: string,
  { name, points, durationSeconds }: { name: string; points: number; durationSeconds: number },
): SharedRateLimiter {
  const ready = tableReady(url).then(
    () =>
      new RateLimiterPostgres({
        storeClient: poolFor(url),
        storeType: "pool",
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix: name,
        points,
        duration: durationSeconds,
        clearExpiredByTimeout: true,
      }),
  );
  // A failed table creation is reported by the first charge, not as an unhandled rejection.
  ready.catch(() => {});
  const decision = (res: RateLimiterRes, allowed: boolean): SharedLimitDecision => ({
    allowed,
    remaining: allowed ? Math.max(0, res.remainingPoints) : 0,
    msBeforeNext: Math.max(0, res.msBeforeNext),
  });
  return {
    points,
    durationSeconds,
    async consume(key, cost) {
      const store = await ready;
      try {
        return decision(await store.consume(key, cost), true);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        // Refused: give back what the refusal counted, so it takes nothing.
        await store.reward(key, cost);
        return decision(error, false);
      }
    },
    async penalty(key, cost) {
      const store = await ready;
      const res = await store.penalty(key, cost);
      return decision(res, res.remainingPoints > 0);
    },
  };
}

/** Closes the limits' connections to `url` (tests, and a server shutting down). */
export async function closeSharedRateLimits(url: string): Promise<void> {
  const pool = pools.get(url);
  pools.delete(url);
  tables.delete(url);
  await pool?.end();
}
