import { readdir, readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { latexOf, loadExercises } from "@llm-basics/content";
import { createApiToken } from "@llm-basics/db";
import {
  type Exercise,
  evaluateAuthorExpression,
  formatValue,
  grade,
  type Value,
  variantValues,
} from "@llm-basics/grading";
import { type APIResponse, expect, test } from "@playwright/test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { closeServerDatabases, newPerson, type ServerName, serverDatabase } from "./people.ts";
import { PRODUCTION_PORT, RATE_LIMITED_PORT, TINY_RATE_LIMIT, TINY_TOKEN_RATE_LIMIT } from "./servers.ts";

// The grading API over real HTTP, against the production server (`dist/server.mjs`). The course's
// exercises are loaded here too, so right answers are computed, never written down. The tests
// rely on two exercise ids: attention-weights (a 2×3 matrix) and attention-step-by-step (multi-part: scores, weights, output).

const root = path.resolve(import.meta.dirname, "../..");
const course = await loadExercises({ contentDir: path.join(root, "content"), includeDrafts: false });

function exercise(id: string): Exercise {
  const found = course.exercises.get(id)?.exercise;
  if (!found) throw new Error(`content/ has no exercise ${id}`);
  return found;
}
const weights = exercise("attention-weights");
const steps = exercise("attention-step-by-step");
const expected = (ex: Exercise, seed: number) => variantValues(ex, seed).expected as Value[];
const typed = (value: Value | undefined) => formatValue(value as Value);
const rightWeights = (seed: number) => typed(expected(weights, seed)[0]);
const mistaken = (ex: Exercise, seed: number, expr: string) =>
  typed(evaluateAuthorExpression(expr, variantValues(ex, seed).values));

/** An instructor's API token on a test server: grading needs one (anonymous grading is a 401). */
async function apiToken(server: ServerName = "production"): Promise<string> {
  const instructor = await newPerson("instructor", { server });
  return (await createApiToken(serverDatabase(server), { createdById: instructor.id, name: "api.spec" })).token;
}

let authorization: Record<string, string> = {};
test.beforeAll(async () => {
  authorization = { Authorization: `Bearer ${await apiToken()}` };
});
test.afterAll(closeServerDatabases);

/** A JSON POST with this file's API token (`anonymous` leaves it out). */
const post = (url: string, data: unknown, { anonymous = false } = {}) =>
  ({
    url,
    options: {
      data: JSON.stringify(data),
      headers: { "Content-Type": "application/json", ...(anonymous ? {} : authorization) },
    },
  }) as const;

async function errorOf(
  response: APIResponse,
): Promise<{ code: string; message: string; field?: string; position?: number }> {
  expect(response.headers()["content-type"]).toContain("application/json");
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

test.describe("GET /api/v1/exercises", () => {
  test("lists the course's exercises with their lesson, answer types and parts", async ({ request }) => {
    const response = await request.get("/api/v1/exercises");
    expect(response.status()).toBe(200);
    expect(response.headers()["ratelimit-policy"]).toBe('"answers";q=6000;w=60');
    expect(response.headers().ratelimit).toMatch(/^"answers";r=\d+;t=\d+$/);
    const { exercises } = await response.json();
    expect(exercises.map((e: { id: string }) => e.id)).toEqual([...course.exercises.keys()]);
    expect(exercises.find((e: { id: string }) => e.id === "attention-weights")).toMatchObject({
      lesson: { url: "/attention/", title: expect.any(String) },
      answerTypes: ["matrix"],
      parts: [],
    });
    const multi = exercises.find((e: { id: string }) => e.id === "attention-step-by-step");
    expect(multi.parts.map((p: { id: string }) => p.id)).toEqual(steps.answers.map((a) => a.id));
    // softmax-probability has its texts in both languages.
    const english = await (await request.get("/api/v1/exercises?locale=en")).json();
    expect(english.exercises.find((e: { id: string }) => e.id === "softmax-probability").title).toBe(
      (exercise("softmax-probability").spec.title as { en: string }).en,
    );
  });
});

test.describe("GET /api/v1/exercises/{id}", () => {
  test("shows one variant: its numbers in the prompt as LaTeX and rendered, and the answer's shape", async ({
    request,
  }) => {
    const response = await request.get("/api/v1/exercises/attention-weights?seed=42&locale=en");
    expect(response.status()).toBe(200);
    const view = await response.json();
    const { values } = variantValues(weights, 42);
    // The lesson in the language asked for: its English translation.
    expect(view).toMatchObject({
      id: "attention-weights",
      seed: 42,
      locale: "en",
      lesson: { url: "/en/attention/", title: "Scaled Dot-Product Attention" },
    });
    expect(view.promptSource).toContain(latexOf(values.get("Q") as Value));
    expect(view.promptSource).toContain(latexOf(values.get("K") as Value));
    expect(view.promptHtml).toContain('class="katex"');
    expect(view.answers).toEqual([expect.objectContaining({ type: "matrix", shape: [2, 3] })]);
    const parts = await (await request.get("/api/v1/exercises/attention-step-by-step?seed=3")).json();
    expect(parts.answers.map((a: { id: string }) => a.id)).toEqual(["scores", "weights", "output"]);
  });

  test("never contains the expected answer, its tolerance, the mistakes, hints or solution", async ({ request }) => {
    for (const [id, ex] of [
      ["attention-weights", weights],
      ["attention-step-by-step", steps],
    ] as const) {
      for (const seed of [0, 1, 42, 2147483647]) {
        for (const locale of ["zh", "en"]) {
          const body = await (await request.get(`/api/v1/exercises/${id}?seed=${seed}&locale=${locale}`)).text();
          // KaTeX's markup is full of decimals (em sizes, SVG paths); only text and attributes-free markup count.
          const text = body.replace(/<svg[\s\S]*?<\/svg>|<[^>]*>/g, " ");
          for (const key of ["tolerance", "mistakes", "expr", "solution", '"hints"', "atol"])
            expect(text).not.toContain(key);
          for (const value of expected(ex, seed).flat(2) as number[]) {
            if (Number.isInteger(value)) continue; // small integers also appear as the problem's own numbers
            for (const shown of [String(value), value.toFixed(4), value.toFixed(3), value.toFixed(2)]) {
              expect(text, `${id} seed ${seed}: ${shown}`).not.toContain(shown);
            }
          }
        }
      }
    }
  });

  test("400 for a missing or bad seed or locale, 404 for an unknown id (with the close ones)", async ({ request }) => {
    for (const [query, field, message] of [
      ["", "seed", "seed: required"],
      ["?seed=abc", "seed", "seed: expected an integer 0 … 2147483647"],
      ["?seed=-1", "seed", "expected an integer"],
      ["?seed=2147483648", "seed", "expected an integer"],
      ["?seed=1&locale=fr", "locale", 'locale: expected "zh" or "en"'],
    ] as const) {
      const response = await request.get(`/api/v1/exercises/attention-weights${query}`);
      expect(response.status(), query).toBe(400);
      expect(await errorOf(response)).toMatchObject({
        code: "invalid-query",
        field,
        message: expect.stringContaining(message),
      });
    }
    const missing = await request.get("/api/v1/exercises/attention-weight?seed=1");
    expect(missing.status()).toBe(404);
    expect(await errorOf(missing)).toEqual({
      code: "exercise-not-found",
      message: expect.stringMatching(/^no exercise "attention-weight"; did you mean attention-weights\b/),
    });
  });
});

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

test.describe("every endpoint", () => {
  test("405 with Allow for a method a path does not serve, JSON 404 for an unknown path, no slash redirect", async ({
    request,
  }) => {
    const wrong = await request.delete("/api/v1/exercises");
    expect(wrong.status()).toBe(405);
    expect(wrong.headers().allow).toBe("GET, HEAD, OPTIONS");
    expect((await errorOf(wrong)).code).toBe("method-not-allowed");
    const getGrade = await request.get("/api/v1/grade");
    expect(getGrade.status()).toBe(405);
    expect(getGrade.headers().allow).toBe("POST, OPTIONS");
    const unknown = await request.get("/api/v1/exercise");
    expect(unknown.status()).toBe(404);
    expect((await errorOf(unknown)).code).toBe("not-found");
    // The site's URLs end in a slash; the API's need not, and neither form redirects.
    const slash = await request.get("/api/v1/exercises/", { maxRedirects: 0 });
    expect(slash.status()).toBe(200);
    const page = await request.get("/matrix_basics", { maxRedirects: 0 });
    expect([page.status(), page.headers().location]).toEqual([308, "/matrix_basics/"]);
    expect((await request.get("/matrix_basics/", { maxRedirects: 0 })).status()).toBe(200);
  });

  test("a path with a malformed %-escape is the client's error (400), never the server's", async ({ request }) => {
    // Next.js alone answered these with a 500.
    const api = await request.post("/api/v1/exercises/%E0%A4%A/grade", { data: {} });
    expect(api.status()).toBe(400);
    expect((await errorOf(api)).code).toBe("malformed-url");
    for (const path of ["/softmax%E0%A4%A/", "/%FF/", "/en/%C0%AF/"]) {
      const page = await request.get(path, { maxRedirects: 0 });
      expect([path, page.status()]).toEqual([path, 400]);
      expect(await page.text()).toContain("malformed");
    }
    // A well-formed escape is still a path: a Chinese one that is no page is a 404.
    expect((await request.get("/%E4%BD%A0%E5%A5%BD/")).status()).toBe(404);
  });
});

test.describe("GET /api/v1/openapi.json", () => {
  const methods = ["get", "post", "put", "patch", "delete"] as const;

  test("is a valid OpenAPI 3.1 document whose every $ref resolves", async ({ request }) => {
    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const document = await response.json();
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);

    const refs: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "$ref" && typeof value === "string") refs.push(value);
          else collect(value);
        }
      }
    };
    collect(document);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) {
      expect(ref.startsWith("#/"), ref).toBe(true);
      const target = ref
        .slice(2)
        .split("/")
        .reduce<unknown>(
          (node, key) =>
            (node as Record<string, unknown> | undefined)?.[key.replaceAll("~1", "/").replaceAll("~0", "~")],
          document,
        );
      expect(target, ref).toBeDefined();
    }
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["Verdict", "Error", "GradeRequest", "BatchGradeRequest", "ExerciseView"]),
    );
  });

  test("lists exactly the paths and methods the app serves, and each one answers", async ({ request }) => {
    const document = await (await request.get("/api/v1/openapi.json")).json();
    // What the app serves: each route file under app/api/v1 and the methods it handles itself
    // (not the ones it exports only to answer 405, nor the catch-all's 404).
    const apiDir = path.join(root, "apps/web/src/app/api/v1");
    const served: string[] = [];
    for (const file of await readdir(apiDir, { recursive: true })) {
      if (!file.endsWith("route.ts") || file.includes("[...")) continue;
      const source = await readFile(path.join(apiDir, file), "utf8");
      const route = `/api/v1/${path.dirname(file)}`.replace(/\[(\w+)\]/g, "{$1}");
      for (const [, method] of source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)) {
        served.push(`${(method as string).toLowerCase()} ${route}`);
      }
    }
    const documented = Object.entries(document.paths).flatMap(([route, item]) =>
      methods.filter((m) => m in (item as object)).map((m) => `${m} ${route}`),
    );
    expect(documented.sort()).toEqual(served.sort());

    // And over HTTP: a documented method is served, every other one is a 405.
    for (const [route, item] of Object.entries(document.paths)) {
      const url = route.replace("{id}", "attention-weights");
      for (const method of methods) {
        const response = await request.fetch(`${url}?seed=1`, {
          method,
          data: method === "get" ? undefined : JSON.stringify({ seed: 1, answer: "1", answers: [] }),
          headers: { "Content-Type": "application/json" },
        });
        if (method in (item as object)) expect(response.status(), `${method} ${url}`).not.toBe(405);
        else expect(response.status(), `${method} ${url}`).toBe(405);
      }
    }
  });
});

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
