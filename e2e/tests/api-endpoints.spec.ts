import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { errorOf, root } from "./grading-api.ts";

// The grading API's paths: what every endpoint answers to a wrong method or path, and the
// OpenAPI document that lists them.

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
