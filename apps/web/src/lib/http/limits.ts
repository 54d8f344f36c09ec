import { providerOf, type SharedLimitDecision, type SharedRateLimiter, sharedRateLimiter } from "@llm-basics/db";
import { env } from "@/env";
import { type RateDecision, RateLimiter } from "./rate-limit";

// Every rate limit of the app (the grading API's per address and per token, new guests per
// address, sign-in attempts per address and per email) is one of these. With SQLite (one
// server process) each is a token bucket in memory; with PostgreSQL (any number of stateless
// instances) each counts in the database, so the instances share it (packages/db's
// sharedRateLimiter, a fixed window). Limiter failures never refuse a learner: a limit that
// cannot be read lets the request through, and says so in the log.

/** A rate limit: `limit` units per `windowSeconds` for each client key. */
export interface Limiter {
  readonly limit: number;
  readonly windowSeconds: number;
  /** Takes `cost` units from the client's allowance if it holds that many; otherwise takes nothing. */
  charge(client: string, cost: number): Promise<RateDecision>;
  /** Takes units spent already (work measured after it was done), past empty if need be. */
  debit(client: string, units: number): Promise<RateDecision>;
}

/** A token bucket in this process's memory (lib/http/rate-limit.ts). */
export function memoryLimiter(limit: number, windowSeconds: number, now: () => number = Date.now): Limiter {
  const buckets = new RateLimiter(limit, windowSeconds, now);
  return {
    limit,
    windowSeconds,
    charge: async (client, cost) => buckets.charge(client, cost),
    debit: async (client, units) => buckets.debit(client, units),
  };
}

/** A limit counted in the PostgreSQL database, shared by every server instance on it. */
export function databaseLimiter(shared: SharedRateLimiter): Limiter {
  const { points: limit, durationSeconds: windowSeconds } = shared;
  const decision = (d: SharedLimitDecision): RateDecision => {
    const seconds = Math.ceil(d.msBeforeNext / 1000);
    return {
      allowed: d.allowed,
      limit,
      windowSeconds,
      remaining: Math.floor(d.remaining),
      resetSeconds: seconds,
      retryAfterSeconds: d.allowed ? 0 : Math.max(1, seconds),
    };
  };
  const unlimited = (error: unknown): RateDecision => {
    console.error("rate limit unavailable, request let through:", error instanceof Error ? error.message : error);
    return { allowed: true, limit, windowSeconds, remaining: limit, resetSeconds: 0, retryAfterSeconds: 0 };
  };
  return {
    limit,
    windowSeconds,
    charge: (client, cost) => shared.consume(client, cost).then(decision, unlimited),
    debit: (client, units) => shared.penalty(client, units).then(decision, unlimited),
  };
}

// One limiter per name and server process: Next may bundle a module once per route, so they
// live on globalThis.
const LIMITERS = Symbol.for("llm-basics.limiters");

/**
 * The app's limit called `name` (`limit` per `windowSeconds`), in memory or in the database as
 * the database is SQLite or PostgreSQL; undefined when `limit` is 0 (no limit).
 */
export function namedLimiter(name: string, limit: number, windowSeconds: number): Limiter | undefined {
  if (limit === 0) return undefined;
  const holder = globalThis as { [LIMITERS]?: Map<string, Limiter> };
  holder[LIMITERS] ??= new Map();
  let limiter = holder[LIMITERS].get(name);
  if (!limiter) {
    const url = env.databaseUrl;
    limiter =
      providerOf(url) === "postgres"
        ? databaseLimiter(sharedRateLimiter(url, { name, points: limit, durationSeconds: windowSeconds }))
        : memoryLimiter(limit, windowSeconds);
    holder[LIMITERS].set(name, limiter);
  }
  return limiter;
}
