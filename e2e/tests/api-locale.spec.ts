import { expect, test } from "@playwright/test";
import { errorOf, post, useApiToken } from "./grading-api.ts";

// The grading API's feedback and errors in the language a request asks for.

useApiToken();

test.describe("errors in the language a request asks for", () => {
  const han = /[\u4e00-\u9fff]/;

  test("a body's or query's locale, else Accept-Language, else English; feedback and errors agree", async ({
    request,
  }) => {
    // The query's locale: a bad seed, an unknown exercise, an unknown path.
    const badSeed = await request.get("/api/v1/exercises/attention-weights?seed=abc&locale=zh");
    expect(await errorOf(badSeed)).toMatchObject({
      code: "invalid-query",
      field: "seed",
      message: "seed：应为 0 … 2147483647 之间的整数",
    });
    const unknown = await request.get("/api/v1/exercises/attention-weight?seed=1&locale=zh");
    expect((await errorOf(unknown)).message).toMatch(/^没有练习“attention-weight”；你是不是要找 attention-weights/);
    expect((await errorOf(await request.get("/api/v1/exercise?locale=zh"))).message).toMatch(han);

    // The body's locale, even for an exercise that does not exist (the body is read first).
    for (const [id, body, field] of [
      ["no-such-exercise", { seed: 1, answer: "1", locale: "zh" }, undefined],
      ["attention-weights", { seed: 1.5, answer: "1", locale: "zh" }, "seed"],
      ["attention-weights", { seed: 1, answer: "1", extra: 1, locale: "zh" }, "extra"],
      ["attention-step-by-step", { seed: 1, answer: "1", locale: "zh" }, "answer"],
    ] as const) {
      const { url, options } = post(`/api/v1/exercises/${id}/grade`, body);
      const error = await errorOf(await request.post(url, options));
      expect(error.message, JSON.stringify(body)).toMatch(han);
      expect(error.field).toBe(field);
    }

    // A batch in Chinese: its feedback and its per-answer errors both.
    const { url, options } = post("/api/v1/grade", {
      answers: [
        { exerciseId: "attention-weights", seed: 3, answer: "[[1, 0, 0], [0" },
        { exerciseId: "attention-weights-2", seed: 3, answer: "1" },
      ],
      locale: "zh",
    });
    const { verdicts } = await (await request.post(url, options)).json();
    expect(verdicts[0].status).toBe("invalid");
    expect(verdicts[0].message).toMatch(han);
    expect(verdicts[1].error).toMatchObject({ code: "exercise-not-found", field: "answers[1].exerciseId" });
    expect(verdicts[1].error.message).toMatch(/^没有练习“attention-weights-2”/);

    // Accept-Language when no locale is given; an explicit locale wins over it.
    const chinese = { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8" };
    const byHeader = await request.get("/api/v1/exercises/attention-weights?seed=-1", { headers: chinese });
    expect((await errorOf(byHeader)).message).toMatch(han);
    const wrongMethod = await request.delete("/api/v1/exercises", { headers: chinese });
    expect(await errorOf(wrongMethod)).toMatchObject({
      code: "method-not-allowed",
      message: expect.stringMatching(han),
    });
    const asked = await request.get("/api/v1/exercises/attention-weights?seed=-1&locale=en", { headers: chinese });
    expect((await errorOf(asked)).message).toBe("seed: expected an integer 0 … 2147483647");
    const tokenless = await request.get("/api/v1/exercises", {
      headers: { ...chinese, Authorization: "Bearer ghp_123" },
    });
    expect(tokenless.status()).toBe(401);
    expect((await errorOf(tokenless)).message).toMatch(/^这不是 LLM Basics 的 API 令牌/);
  });
});
