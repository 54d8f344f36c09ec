import { request as httpRequest } from "node:http";
import { grade } from "@llm-basics/grading";
import { expect, test } from "@playwright/test";
import {
  errorOf,
  exercise,
  expected,
  mistaken,
  post,
  rightWeights,
  steps,
  typed,
  useApiToken,
  weights,
} from "./grading-api.ts";
import { PRODUCTION_PORT } from "./servers.ts";

// POST /api/v1/exercises/{id}/grade and POST /api/v1/grade: answers graded one at a time and
// in batches.

useApiToken();

test.describe("POST /api/v1/exercises/{id}/grade", () => {
  test("grades right, mistaken, unreadable, full-width and multi-part answers", async ({ request }) => {
    const gradeOne = async (id: string, body: unknown) => {
      const { url, options } = post(`/api/v1/exercises/${id}/grade`, body);
      const response = await request.post(url, options);
      expect(response.status()).toBe(200);
      return response.json();
    };
    expect(await gradeOne("attention-weights", { seed: 42, answer: rightWeights(42) })).toMatchObject({
      status: "correct",
      score: 1,
      cells: [
        [true, true, true],
        [true, true, true],
      ],
    });
    const noScaling = await gradeOne("attention-weights", {
      seed: 42,
      answer: mistaken(weights, 42, "softmax(Q * K')"),
      locale: "en",
    });
    expect(noScaling).toMatchObject({ status: "incorrect", misconception: { id: "attention-no-scaling" } });
    expect(noScaling.message).toMatch(/[a-z]/);
    expect(await gradeOne("attention-weights", { seed: 42, answer: "[[0.5, 0.5], [0.2" })).toMatchObject({
      status: "invalid",
      problem: { at: 13, code: "unclosed-bracket" },
    });
    // Full-width brackets and commas, as a Chinese keyboard types them.
    const right = expected(weights, 7)[0] as number[][];
    const fullWidth = `［${right.map((row) => `［${row.map((x) => x.toFixed(4)).join("，")}］`).join("，")}］`;
    expect((await gradeOne("attention-weights", { seed: 7, answer: fullWidth })).status).toBe("correct");
    const [scores, w, out] = expected(steps, 5);
    const multi = await gradeOne("attention-step-by-step", {
      seed: 5,
      answer: { scores: typed(scores), weights: typed(w), output: typed(out) },
    });
    expect(multi.status).toBe("correct");
    expect(multi.parts.map((p: { id: string; status: string }) => `${p.id} ${p.status}`)).toEqual([
      "scores correct",
      "weights correct",
      "output correct",
    ]);
  });

  test("400 naming the field, for a body or an answer that does not fit", async ({ request }) => {
    for (const [id, body, field, message] of [
      ["attention-weights", { seed: 1.5, answer: "1" }, "seed", "seed: expected an integer 0 … 2147483647"],
      ["attention-weights", { seed: 1 }, "answer", "answer: expected the answer as text"],
      ["attention-weights", { seed: 1, answer: "1", extra: true }, "extra", 'extra: Unrecognized key: "extra"'],
      ["attention-weights", { seed: 1, answer: { a: "1" } }, "answer", "takes one answer as text"],
      ["attention-step-by-step", { seed: 1, answer: "1" }, "answer", "has parts: send an object"],
      ["attention-step-by-step", { seed: 1, answer: { score: "1" } }, "answer", 'no part "score"'],
    ] as const) {
      const { url, options } = post(`/api/v1/exercises/${id}/grade`, body);
      const response = await request.post(url, options);
      expect(response.status(), JSON.stringify(body)).toBe(400);
      expect(await errorOf(response)).toMatchObject({ field, message: expect.stringContaining(message) });
    }
  });

  test("400 with the position for invalid JSON, 415 for a body that is not JSON, 404 for an unknown exercise", async ({
    request,
  }) => {
    const broken = await request.post("/api/v1/exercises/attention-weights/grade", {
      // A Buffer: Playwright would wrap a string that does not parse as JSON in quotes.
      data: Buffer.from('{"seed": 1, "answer": "1",}'),
      headers: { "Content-Type": "application/json" },
    });
    expect(broken.status()).toBe(400);
    expect(await errorOf(broken)).toMatchObject({ code: "invalid-json", position: 26 });
    const form = await request.post("/api/v1/exercises/attention-weights/grade", { form: { seed: "1", answer: "1" } });
    expect(form.status()).toBe(415);
    expect((await errorOf(form)).code).toBe("unsupported-media-type");
    const text = await request.post("/api/v1/grade", { data: "seed=1", headers: { "Content-Type": "text/plain" } });
    expect(text.status()).toBe(415);
    const { url, options } = post("/api/v1/exercises/no-such-exercise/grade", { seed: 1, answer: "1" });
    const missing = await request.post(url, options);
    expect(missing.status()).toBe(404);
    expect((await errorOf(missing)).code).toBe("exercise-not-found");
  });

  test("413 for a body past the cap, counted as it arrives even without a Content-Length", async ({ request }) => {
    const big = { seed: 1, answer: "1".repeat(300_000) };
    const { url, options } = post("/api/v1/exercises/attention-weights/grade", big);
    const response = await request.post(url, options);
    expect(response.status()).toBe(413);
    expect((await errorOf(response)).code).toBe("body-too-large");
    // Chunked: no Content-Length to go by.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port: PRODUCTION_PORT,
          method: "POST",
          path: "/api/v1/exercises/attention-weights/grade",
          headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
        },
        (res) => {
          let body = "";
          res.on("data", (chunk) => {
            body += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.write('{"seed": 1, "answer": "');
      for (let i = 0; i < 30; i++) req.write("1".repeat(10_000));
      req.end('"}');
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe("body-too-large");
  });
});

test.describe("POST /api/v1/grade", () => {
  test("grades 1,000 answers in order: right, mistaken, partly right, unreadable, unknown exercises", async ({
    request,
  }) => {
    type Expectation = { status?: string; misconception?: string; error?: string };
    const answers: Array<{ exerciseId: string; seed: number; answer: unknown }> = [];
    const wanted: Expectation[] = [];
    for (let i = 0; i < 1000; i++) {
      const seed = i * 7919;
      switch (i % 8) {
        case 0:
        case 1:
          answers.push({ exerciseId: "attention-weights", seed, answer: rightWeights(seed) });
          wanted.push({ status: "correct" });
          break;
        case 2:
          answers.push({ exerciseId: "attention-weights", seed, answer: mistaken(weights, seed, "softmax(Q * K')") });
          wanted.push({ status: "incorrect", misconception: "attention-no-scaling" });
          break;
        case 3:
          answers.push({ exerciseId: "attention-weights", seed, answer: "[[1, 0, 0], [0" });
          wanted.push({ status: "invalid" });
          break;
        case 4:
          answers.push({ exerciseId: "attention-weights", seed, answer: "[[7, 7, 7], [7, 7, 7]]" });
          wanted.push({ status: "incorrect" });
          break;
        case 5: {
          const [scores, w, out] = expected(steps, seed);
          answers.push({
            exerciseId: "attention-step-by-step",
            seed,
            answer: { scores: typed(scores), weights: typed(w), output: typed(out) },
          });
          wanted.push({ status: "correct" });
          break;
        }
        case 6:
          answers.push({ exerciseId: "attention-weights-2", seed, answer: "1" });
          wanted.push({ error: "exercise-not-found" });
          break;
        default:
          answers.push({ exerciseId: "attention-step-by-step", seed, answer: "1" });
          wanted.push({ error: "invalid-answer" });
      }
    }
    const { url, options } = post("/api/v1/grade", { answers, locale: "en" });
    const response = await request.post(url, options);
    expect(response.status()).toBe(200);
    const { verdicts } = await response.json();
    expect(verdicts).toHaveLength(1000);
    const got = verdicts.map(
      (v: { status?: string; misconception?: { id: string }; error?: { code: string } }): Expectation =>
        v.error
          ? { error: v.error.code }
          : { status: v.status, ...(v.misconception ? { misconception: v.misconception.id } : {}) },
    );
    expect(got).toEqual(wanted);
    // Verdict for verdict what the grader gives in-process, and errors that say which answer.
    answers.forEach((a, i) => {
      if (wanted[i]?.error)
        expect(verdicts[i].error.field).toBe(
          `answers[${i}].${wanted[i].error === "invalid-answer" ? "answer" : "exerciseId"}`,
        );
      else
        expect(verdicts[i], `answer ${i}`).toEqual(grade(exercise(a.exerciseId), a.seed, a.answer, { locale: "en" }));
    });
    expect(verdicts[6].error.message).toBe('no exercise "attention-weights-2"; did you mean attention-weights?');
  });

  test("400 for a malformed batch, naming the field", async ({ request }) => {
    const item = { exerciseId: "attention-weights", seed: 1, answer: "1" };
    for (const [body, field, message] of [
      [
        { answers: [item, item, item, { ...item, seed: "1" }] },
        "answers[3].seed",
        "answers[3].seed: expected an integer",
      ],
      [{ answers: [] }, "answers", "answers: expected an array of 1 … 1000 answers"],
      [{ answers: Array(1001).fill(item) }, "answers", "expected an array of 1 … 1000 answers"],
      [{ answer: [item] }, "answers", "answers: expected an array"],
      [[item], "", "expected object"],
    ] as const) {
      const { url, options } = post("/api/v1/grade", body);
      const response = await request.post(url, options);
      expect(response.status(), field).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe("invalid-body");
      expect(error.message).toContain(message);
      if (field) expect(error.field).toBe(field);
    }
  });
});
