/** What the limiter decided for one charge, and what the response headers tell the client. */
export interface RateDecision {
  allowed: boolean;
  /** The bucket's size: answers per window. */
  limit: number;
  windowSeconds: number;
  /** Whole units left after this charge (or now, when it was refused). */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Refused: seconds until the charge would be allowed. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  /** Milliseconds, on the limiter's clock. */
  at: number;
}

/**
 * Token buckets, one per client, in this process's memory: each holds up to `limit` units and
 * refills continuously at `limit` per `windowSeconds`, so a client may spend a full window's
 * worth at once and then `limit / windowSeconds` a second. Idle clients' buckets are dropped.
 * `new RateLimiter(600, 60).charge("1.2.3.4", 1)` → `{ allowed: true, remaining: 599, … }`.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMillisecond: number;
  #charges = 0;

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 100_000,
  ) {
    this.#perMillisecond = limit / (windowSeconds * 1000);
  }

  /** Takes `cost` units from the client's bucket if it holds that many; otherwise takes nothing. */
  charge(client: string, cost: number): RateDecision {
    const bucket = this.#bucket(client);
    const allowed = bucket.tokens >= cost;
    if (allowed) bucket.tokens -= cost;
    return this.#decision(bucket, allowed ? 0 : cost - bucket.tokens);
  }

  /**
   * Takes `units` that were spent already (work measured after it was done), even past empty:
   * the client then waits until its debt is refilled. Debt stops at one full window.
   */
  debit(client: string, units: number): RateDecision {
    const bucket = this.#bucket(client);
    bucket.tokens = Math.max(-this.limit, bucket.tokens - units);
    return this.#decision(bucket, 0);
  }

  /** The client's bucket, refilled up to now. */
  #bucket(client: string): Bucket {
    const now = this.now();
    if (++this.#charges % 4096 === 0 || this.#buckets.size >= this.maxClients) this.#sweep(now);
    const bucket = this.#buckets.get(client) ?? { tokens: this.limit, at: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.at) * this.#perMillisecond);
    bucket.at = now;
    this.#buckets.set(client, bucket);
    return bucket;
  }

  #decision(bucket: Bucket, missing: number): RateDecision {
    const seconds = (units: number) => Math.ceil(units / this.#perMillisecond / 1000);
    return {
      allowed: missing === 0,
      limit: this.limit,
      windowSeconds: this.windowSeconds,
      remaining: Math.max(0, Math.floor(bucket.tokens)),
      resetSeconds: seconds(this.limit - bucket.tokens),
      retryAfterSeconds: missing === 0 ? 0 : Math.max(1, seconds(missing)),
    };
  }

  /** How many clients have a bucket (for tests). */
  get clients(): number {
    return this.#buckets.size;
  }

  /** Drops full buckets (idle for a window); past `maxClients`, the longest idle go first. */
  #sweep(now: number): void {
    const full = this.windowSeconds * 1000;
    for (const [client, bucket] of this.#buckets) {
      if (now - bucket.at >= full) this.#buckets.delete(client);
    }
    if (this.#buckets.size < this.maxClients) return;
    const byAge = [...this.#buckets].sort((a, b) => a[1].at - b[1].at);
    for (const [client] of byAge.slice(0, byAge.length - Math.floor(this.maxClients / 2))) this.#buckets.delete(client);
  }
}

/**
 * The response headers of draft-ietf-httpapi-ratelimit-headers: the policy (quota `q` per
 * window `w` seconds) and the state (`r` left, `t` seconds until the bucket is full again).
 */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Policy": `"answers";q=${decision.limit};w=${decision.windowSeconds}`,
    RateLimit: `"answers";r=${decision.remaining};t=${decision.resetSeconds}`,
  };
  if (!decision.allowed) headers["Retry-After"] = String(decision.retryAfterSeconds);
  return headers;
}

/**
 * Grading time any request has free, however few its answers: the server's garbage collector
 * may pause for a few milliseconds inside anyone's grading (an ordinary answer takes 0.1–0.3 ms).
 * With 1 ms an answer alone, a single ordinary answer was once billed 4 units or more (5 ms or
 * more inside its grading) and the guest-limit e2e test's learner refused with a 429 in CI.
 */
export const FREE_GRADING_MILLISECONDS = 10;

/** Past 1 ms an answer and past FREE_GRADING_MILLISECONDS a request, a unit per millisecond. */
export function overtimeUnits(answers: number, milliseconds: number): number {
  return Math.max(0, Math.floor(milliseconds - Math.max(answers, FREE_GRADING_MILLISECONDS)));
}
