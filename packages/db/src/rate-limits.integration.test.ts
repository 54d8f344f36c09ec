import { describe, expect, it } from "vitest";
import { freshDatabase, providers } from "../test/databases.ts";
import { closeSharedRateLimits, sharedRateLimiter } from "./index.ts";

// Two limiters on one database stand for two server instances: they must count together.
describe.runIf(providers.includes("postgres"))("shared rate limits on postgres", () => {
  it("count every instance's charges against one limit, and a refusal takes nothing", async () => {
    const db = await freshDatabase("postgres");
    const options = { name: "test-answers", points: 5, durationSeconds: 60 };
    const [a, b] = [sharedRateLimiter(db.url, options), sharedRateLimiter(db.url, options)];
    expect(await a.consume("203.0.113.1", 2)).toMatchObject({ allowed: true, remaining: 3 });
    expect(await b.consume("203.0.113.1", 2)).toMatchObject({ allowed: true, remaining: 1 });
    const refused = await a.consume("203.0.113.1", 2);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.msBeforeNext).toBeGreaterThan(50_000);
    // The refusal took nothing: the last point is still there, for either instance.
    expect(await b.consume("203.0.113.1", 1)).toMatchObject({ allowed: true, remaining: 0 });
    // Another key, and another limit's keys, are counted apart.
    expect(await b.consume("203.0.113.2", 5)).toMatchObject({ allowed: true, remaining: 0 });
    const other = sharedRateLimiter(db.url, { ...options, name: "test-guests" });
    expect(await other.consume("203.0.113.1", 1)).toMatchObject({ allowed: true, remaining: 4 });
    // Work charged afterwards goes past the limit.
    expect(await a.penalty("203.0.113.3", 7)).toMatchObject({ allowed: false });
    expect(await b.consume("203.0.113.3", 1)).toMatchObject({ allowed: false });
    await closeSharedRateLimits(db.url);
  });

  it("start together on a fresh database: instances racing to make the table all count", async () => {
    const db = await freshDatabase("postgres");
    // Each URL its own pool, as separate server instances would have.
    const urls = Array.from(
      { length: 6 },
      (_, i) => `${db.url}${db.url.includes("?") ? "&" : "?"}application_name=i${i}`,
    );
    const limiters = urls.map((url) => sharedRateLimiter(url, { name: "race", points: 100, durationSeconds: 60 }));
    const decisions = await Promise.all(limiters.map((l) => l.consume("203.0.113.9", 1)));
    expect(decisions.map((d) => d.allowed)).toEqual(urls.map(() => true));
    expect(await limiters[0]?.consume("203.0.113.9", 1)).toMatchObject({ remaining: 100 - urls.length - 1 });
    await Promise.all(urls.map((url) => closeSharedRateLimits(url)));
  });
});
