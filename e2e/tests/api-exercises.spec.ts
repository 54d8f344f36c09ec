import { latexOf } from "@llm-basics/content";
import { type Value, variantValues } from "@llm-basics/grading";
import { expect, test } from "@playwright/test";
import { course, errorOf, exercise, expected, steps, weights } from "./grading-api.ts";

// GET /api/v1/exercises and /api/v1/exercises/{id}: the course's exercises and one variant of each.

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
