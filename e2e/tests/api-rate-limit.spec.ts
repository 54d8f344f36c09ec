import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { apiToken, errorOf, post, useApiToken } from "./grading-api.ts";
import { RATE_LIMITED_PORT, TINY_RATE_LIMIT, TINY_TOKEN_RATE_LIMIT } from "./servers.ts";

// The grading API's rate limit, on its own server (tiny limits per address and per token).

useApiToken();

/** A request sent from a given local address, as another machine's request would arrive. */
function requestFrom(
  localAddress: string,
  port: number,
  pathname: string,
  body?: unknown,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        localAddress,
        method: body === undefined ? "GET" : "POST",
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

test.describe("the rate limit", () => {
  // Its own server (port base + 2) with limits of TINY_RATE_LIMIT units a minute per address and
  // TINY_TOKEN_RATE_LIMIT per API token: one test each, steps in order.
  const limited = (pathname: string) => `http://127.0.0.1:${RATE_LIMITED_PORT}${pathname}`;

  test("counts every answer of a batch against the token, and answers 413 for a batch that can never fit", async ({
    request,
  }) => {
    expect(TINY_TOKEN_RATE_LIMIT).toBe(10);
    const token = { Authorization: `Bearer ${await apiToken("rate-limited")}` };
    const item = { exerciseId: "attention-weights", seed: 1, answer: "1" };
    // The server's first gradings compile the grader, and CPU time past 1 ms an answer is
    // charged: another token warms it up first.
    const warm = { Authorization: `Bearer ${await apiToken("rate-limited")}` };
    for (let i = 0; i < 3; i++) {
      const warmUp = post(limited("/api/v1/grade"), { answers: [item, item] });
      await request.post(warmUp.url, { ...warmUp.options, headers: { ...warmUp.options.headers, ...warm } });
    }
    const send = (answers: unknown[]) => {
      const { url, options } = post(limited("/api/v1/grade"), { answers });
      return request.post(url, { ...options, headers: { ...options.headers, ...token } });
    };
    // A batch that can never fit: 413, though its first unit was still charged.
    const tooBig = await send(Array(TINY_TOKEN_RATE_LIMIT + 1).fill(item));
    expect(tooBig.status()).toBe(413);
    expect(tooBig.headers().ratelimit).toMatch(/^"answers";r=9;t=\d+$/);
    // Eight answers cost eight: one unit is left (none when a busy machine took over 1 ms an
    // answer, which is charged too).
    const ok = await send(Array(8).fill(item));
    expect(ok.status()).toBe(200);
    expect(ok.headers()["ratelimit-policy"]).toBe(`"answers";q=${TINY_TOKEN_RATE_LIMIT};w=60`);
    expect(ok.headers().ratelimit).toMatch(/^"answers";r=[01];t=\d+$/);
    if (ok.headers().ratelimit?.includes("r=1;")) expect((await send([item])).status()).toBe(200);
    const over = await send([item]);
    expect(over.status()).toBe(429);
    expect(Number(over.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(await errorOf(over)).toMatchObject({ code: "rate-limited" });
  });

  test("tells anonymous clients apart by address, answers 429 with Retry-After, and charges a body by its size", async ({
    request,
  }) => {
    expect(TINY_RATE_LIMIT).toBe(5);
    for (let i = 0; i < TINY_RATE_LIMIT; i++)
      expect((await request.get(limited("/api/v1/exercises"))).status()).toBe(200);
    const over = await request.get(limited("/api/v1/exercises"));
    expect(over.status()).toBe(429);
    expect(Number(over.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(over.headers().ratelimit).toMatch(/^"answers";r=0;t=\d+$/);
    expect(await errorOf(over)).toMatchObject({ code: "rate-limited" });
    // Without TRUST_PROXY, a made-up X-Forwarded-For is not another client.
    const spoofed = await request.get(limited("/api/v1/exercises"), { headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect(spoofed.status()).toBe(429);
    // The OpenAPI document is not counted.
    expect((await request.get(limited("/api/v1/openapi.json"))).status()).toBe(200);
    // Another address is another client: 127.0.0.2 is loopback too, with a bucket of its own.
    const other = await requestFrom("127.0.0.2", RATE_LIMITED_PORT, "/api/v1/exercises");
    expect(other.status).toBe(200);
    expect(other.headers.ratelimit).toBe('"answers";r=4;t=12');
    // A large body is paid for by its size (a unit per 64 KiB past the first), even refused.
    const big = await requestFrom("127.0.0.6", RATE_LIMITED_PORT, "/api/v1/exercises/attention-weights/grade", {
      seed: "one",
      answer: "1".repeat(200 * 1024),
    });
    expect(big.status).toBe(401);
    expect(big.headers.ratelimit).toMatch(/^"answers";r=1;/);
  });
});
