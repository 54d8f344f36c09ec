import path from "node:path";
import { loadExercises } from "@llm-basics/content";
import { createApiToken } from "@llm-basics/db";
import { type Exercise, evaluateAuthorExpression, formatValue, type Value, variantValues } from "@llm-basics/grading";
import { type APIResponse, expect, test } from "@playwright/test";
import { closeServerDatabases, newPerson, type ServerName, serverDatabase } from "./people.ts";

// What the api-*.spec.ts files share: the grading API over real HTTP, against the production
// server (`dist/server.mjs`). The course's exercises are loaded here too, so right answers are
// computed, never written down. The tests rely on two exercise ids: attention-weights (a 2×3
// matrix) and attention-step-by-step (multi-part: scores, weights, output).

/** The repository's root. */
export const root = path.resolve(import.meta.dirname, "../..");

/** The course's exercises, as content/ holds them (drafts left out). */
export const course = await loadExercises({ contentDir: path.join(root, "content"), includeDrafts: false });

/** The course's exercise with this id (a test's premise: it throws when there is none). */
export function exercise(id: string): Exercise {
  const found = course.exercises.get(id)?.exercise;
  if (!found) throw new Error(`content/ has no exercise ${id}`);
  return found;
}

/** The exercises the tests rely on: a 2×3 matrix, and a multi-part one. */
export const weights = exercise("attention-weights");
export const steps = exercise("attention-step-by-step");

/** The expected values of a variant. */
export const expected = (ex: Exercise, seed: number) => variantValues(ex, seed).expected as Value[];

/** A value as a learner would type it. */
export const typed = (value: Value | undefined) => formatValue(value as Value);

/** The right answer to attention-weights for a seed. */
export const rightWeights = (seed: number) => typed(expected(weights, seed)[0]);

/** The value of an author's expression (a mistake) for a seed, as a learner would type it. */
export const mistaken = (ex: Exercise, seed: number, expr: string) =>
  typed(evaluateAuthorExpression(expr, variantValues(ex, seed).values));

/** An instructor's API token on a test server: grading needs one (anonymous grading is a 401). */
export async function apiToken(server: ServerName = "production"): Promise<string> {
  const instructor = await newPerson("instructor", { server });
  return (await createApiToken(serverDatabase(server), { createdById: instructor.id, name: "api.spec" })).token;
}

let authorization: Record<string, string> = {};

/** Makes an API token for the spec file's requests (`post`) before its tests, and closes the databases after. */
export function useApiToken(): void {
  test.beforeAll(async () => {
    authorization = { Authorization: `Bearer ${await apiToken()}` };
  });
  test.afterAll(closeServerDatabases);
}

/** A JSON POST with the spec file's API token (`anonymous` leaves it out). */
export const post = (url: string, data: unknown, { anonymous = false } = {}) =>
  ({
    url,
    options: {
      data: JSON.stringify(data),
      headers: { "Content-Type": "application/json", ...(anonymous ? {} : authorization) },
    },
  }) as const;

/** The error of an error response, which must be JSON. */
export async function errorOf(
  response: APIResponse,
): Promise<{ code: string; message: string; field?: string; position?: number }> {
  expect(response.headers()["content-type"]).toContain("application/json");
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}
