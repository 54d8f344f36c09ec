import { describe, expect, it } from "vitest";
import { overtimeUnits, RateLimiter, rateLimitHeaders } from "./rate-limit";

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("RateLimiter", () => {
  it("lets a client spend its whole window at once, then refuses with the wait until enough has refilled", () => {
    const time = clock();
    const limiter = new RateLimiter(600, 60, time.now);
    expect(limiter.charge("a", 1)).toMatchObject({ allowed: true, remaining: 599 });
    expect(limiter.charge("a", 599)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 60 });
    // 10 per second refill: 50 units take 5 s.
    expect(limiter.charge("a", 50)).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 5 });
    time.advance(2_000);
    expect(limiter.charge("a", 50)).toMatchObject({ allowed: false, remaining: 20, retryAfterSeconds: 3 });
    time.advance(3_000);
    expect(limiter.charge("a", 50)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("counts each client apart and takes nothing from a refused charge", () => {
    const limiter = new RateLimiter(10, 60, clock().now);
    expect(limiter.charge("a", 8).allowed).toBe(true);
    expect(limiter.charge("a", 5).allowed).toBe(false);
    expect(limiter.charge("a", 2)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.charge("b", 10)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("debits work measured afterwards, past empty, and makes the client wait until the debt is refilled", () => {
    const time = clock();
    const limiter = new RateLimiter(60, 60, time.now);
    limiter.charge("a", 10);
    expect(limiter.debit("a", 70)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 80 });
    expect(limiter.charge("a", 1)).toMatchObject({ allowed: false, retryAfterSeconds: 21 });
    // Debt stops at one window: at most two windows to wait.
    expect(limiter.debit("b", 1000)).toMatchObject({ resetSeconds: 120 });
    time.advance(21_000);
    expect(limiter.charge("a", 1)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("never fills a bucket past its size, and forgets idle clients", () => {
    const time = clock();
    const limiter = new RateLimiter(10, 1, time.now, 4);
    for (const client of ["a", "b", "c", "d"]) limiter.charge(client, 1);
    time.advance(60_000);
    expect(limiter.charge("a", 1)).toMatchObject({ allowed: true, remaining: 9 });
    expect(limiter.clients).toBe(1);
  });

  it("keeps memory bounded when many clients are busy at once", () => {
    const time = clock();
    const limiter = new RateLimiter(10, 60, time.now, 100);
    for (let i = 0; i < 1000; i++) {
      time.advance(1);
      limiter.charge(`client-${i}`, 1);
    }
    expect(limiter.clients).toBeLessThanOrEqual(100);
  });
});

it("writes the draft RateLimit headers, and Retry-After when refused", () => {
  const limiter = new RateLimiter(5, 60, clock().now);
  expect(rateLimitHeaders(limiter.charge("a", 2))).toEqual({
    "RateLimit-Policy": '"answers";q=5;w=60',
    RateLimit: '"answers";r=3;t=24',
  });
  expect(rateLimitHeaders(limiter.charge("a", 4))).toEqual({
    "RateLimit-Policy": '"answers";q=5;w=60',
    RateLimit: '"answers";r=3;t=24',
    "Retry-After": "12",
  });
});

describe("overtimeUnits", () => {
  it("charges nothing for a request's first 10 ms, whatever its size, nor for 1 ms an answer", () => {
    expect(overtimeUnits(1, 0.2)).toBe(0);
    // A garbage-collection pause inside one ordinary answer's grading.
    expect(overtimeUnits(1, 6.5)).toBe(0);
    expect(overtimeUnits(1000, 900)).toBe(0);
  });
  it("charges a unit per millisecond past that", () => {
    // A 32×32 matrix to the 64th power: about 40 ms.
    expect(overtimeUnits(1, 40.2)).toBe(30);
    expect(overtimeUnits(1000, 1250.9)).toBe(250);
  });
});
