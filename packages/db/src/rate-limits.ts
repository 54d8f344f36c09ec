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

/** The table every limit's counts share (made by rate-limiter-flexible when missing). */
export const RATE_LIMIT_TABLE = "RateLimit";

const pools = new Map<string, pg.Pool>();

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
  let limiter: RateLimiterPostgres | undefined;
  const ready = new Promise<RateLimiterPostgres>((resolve, reject) => {
    limiter = new RateLimiterPostgres(
      {
        storeClient: poolFor(url),
        storeType: "pool",
        tableName: RATE_LIMIT_TABLE,
        keyPrefix: name,
        points,
        duration: durationSeconds,
        clearExpiredByTimeout: true,
      },
      (error?: Error) => (error ? reject(error) : resolve(limiter as RateLimiterPostgres)),
    );
  });
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
  await pool?.end();
}
