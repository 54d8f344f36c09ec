import { expect, test } from "@playwright/test";
import { errorOf, post, rightWeights, useApiToken } from "./grading-api.ts";

// The grading API's bearer tokens: what a missing or bad one gets, and how the OpenAPI
// document describes them.

useApiToken();

test.describe("API tokens", () => {
  // Live tokens need an instructor in the database: instructor.spec.ts. These need none.
  test("a malformed, foreign or unknown token is a 401 that says why, never an anonymous request", async ({
    request,
  }) => {
    const cases: Array<[string, string]> = [
      ["Basic dXNlcjpwYXNz", "not a Basic credential"],
      ["Bearer", 'no token after "Bearer"'],
      ["Bearer lbk_a lbk_b", "one token"],
      ["Bearer ghp_0123456789abcdef", 'start with "lbk_"'],
      [`Bearer lbk_${"A".repeat(43)}`, "revoked, or never existed"],
    ];
    for (const [authorization, reason] of cases) {
      const response = await request.get("/api/v1/exercises", { headers: { Authorization: authorization } });
      expect(response.status(), authorization).toBe(401);
      expect(response.headers()["www-authenticate"]).toBe(
        'Bearer realm="llm-basics grading API", error="invalid_token"',
      );
      expect(await errorOf(response)).toMatchObject({
        code: "invalid-token",
        message: expect.stringContaining(reason),
      });
    }
    // Not graded either.
    const graded = post("/api/v1/grade", { answers: [{ exerciseId: "attention-weights", seed: 1, answer: "1" }] });
    const refused = await request.post(graded.url, {
      ...graded.options,
      headers: { ...graded.options.headers, Authorization: `Bearer lbk_${"B".repeat(43)}` },
    });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).not.toHaveProperty("verdicts");
  });

  test("grading without a token is a 401, so no learner can try answers to their page's variant here", async ({
    request,
  }) => {
    // Right answers, which an anonymous grader would confirm: the oracle of issue 14.
    const item = { exerciseId: "attention-weights", seed: 1, answer: rightWeights(1) };
    for (const [url, body] of [
      ["/api/v1/exercises/attention-weights/grade", { seed: 1, answer: rightWeights(1) }],
      ["/api/v1/exercises/attention-weights/grade", { seed: 1, answer: rightWeights(1), learner: "someone" }],
      ["/api/v1/grade", { answers: [item] }],
      ["/api/v1/grade", { answers: [item, { ...item, learner: "someone" }] }],
    ] as const) {
      const anonymous = post(url, body, { anonymous: true });
      const response = await request.post(anonymous.url, anonymous.options);
      expect(response.status(), JSON.stringify(body)).toBe(401);
      expect(response.headers()["www-authenticate"]).toBe('Bearer realm="llm-basics grading API"');
      const json = await response.json();
      expect(json).toEqual({ error: { code: "token-required", message: expect.stringContaining("API token") } });
    }
    // Listing the exercises and showing a variant (never its answer) stay open.
    expect((await request.get("/api/v1/exercises")).status()).toBe(200);
    expect((await request.get("/api/v1/exercises/attention-weights?seed=1")).status()).toBe(200);
    // With a token the same answer is graded.
    const graded = post("/api/v1/exercises/attention-weights/grade", { seed: 1, answer: rightWeights(1) });
    expect(await (await request.post(graded.url, graded.options)).json()).toMatchObject({ status: "correct" });
  });

  test("the OpenAPI document describes the bearer token, the learner field and the 401", async ({ request }) => {
    const document = await (await request.get("/api/v1/openapi.json")).json();
    expect(document.components.securitySchemes.apiToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.security).toEqual([{}, { apiToken: [] }]);
    expect(document.components.schemas.GradeRequest.properties.learner).toBeDefined();
    expect(document.components.schemas.BatchGradeRequest.properties.answers.items.properties.learner).toBeDefined();
    for (const [route, method] of [
      ["/api/v1/exercises", "get"],
      ["/api/v1/exercises/{id}", "get"],
      ["/api/v1/exercises/{id}/grade", "post"],
      ["/api/v1/grade", "post"],
    ] as const) {
      expect(document.paths[route][method].responses["401"], `${method} ${route}`).toBeDefined();
    }
  });
});
