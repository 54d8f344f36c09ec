import { z } from "zod";
import {
  apiSchemas,
  batchRequestSchema,
  batchResponseSchema,
  errorSchema,
  exerciseIdSchema,
  exerciseListSchema,
  exerciseViewSchema,
  gradeRequestSchema,
  localeSchema,
  MAX_BATCH,
  MAX_BATCH_BODY_BYTES,
  MAX_GRADE_BODY_BYTES,
  seedSchema,
  verdictSchema,
} from "./schemas";

/** How the server limits clients, for the document's description. */
export interface ApiLimits {
  /** Answers per window per client; 0: no limit. */
  rateLimit: number;
  /** Answers per window per API token; 0: no limit. */
  tokenRateLimit: number;
  rateWindowSeconds: number;
}

type JsonObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The components every schema with an id becomes, from the same zod schemas the routes validate with. */
function schemaComponents(): Record<string, JsonObject> {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    metadata: apiSchemas,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  }) as { schemas: Record<string, JsonObject> };
  // OpenAPI 3.1's dialect is JSON Schema 2020-12 already; a fragment-only $id is not a valid one.
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

/** The id a schema was registered under: a typo in a $ref below fails here, not in a client. */
function idOf(schema: z.ZodType): string {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error("schema has no id in apiSchemas");
  return id;
}

const json = (schema: JsonObject, extra: JsonObject = {}) => ({
  content: { "application/json": { schema, ...extra } },
});

const errorExample = (code: string, message: string, extra: JsonObject = {}) => ({
  value: { error: { code, message, ...extra } },
});

/**
 * The OpenAPI 3.1 document of /api/v1. Request and response schemas come from the zod
 * schemas in schemas.ts; `limits` fills in this server's rate limit.
 */
export function openApiDocument(limits: ApiLimits): JsonObject {
  const rateHeaders = {
    RateLimit: { $ref: "#/components/headers/RateLimit" },
    "RateLimit-Policy": { $ref: "#/components/headers/RateLimit-Policy" },
  };
  const ok = (description: string, schema: z.ZodType) => ({
    description,
    headers: rateHeaders,
    ...json(ref(idOf(schema))),
  });
  const error = (name: string) => ({ $ref: `#/components/responses/${name}` });
  const exerciseId = {
    name: "id",
    in: "path",
    required: true,
    description: apiSchemas.get(exerciseIdSchema)?.description,
    schema: { type: "string" },
    example: "attention-weights",
  };
  const locale = {
    name: "locale",
    in: "query",
    required: false,
    description: apiSchemas.get(localeSchema)?.description,
    schema: ref(idOf(localeSchema)),
  };
  const perWindow = (n: number) =>
    n > 0 ? `${n.toLocaleString("en")} answers per ${limits.rateWindowSeconds} s` : "no limit";
  const rate =
    limits.rateLimit > 0 || limits.tokenRateLimit > 0
      ? `Each client may have ${perWindow(limits.rateLimit)} graded; each API token, ${perWindow(limits.tokenRateLimit)}, whatever address it comes from (token buckets that refill continuously, kept in each server process's memory). Every request costs 1; a batch costs 1 per answer; grading time past 1 ms an answer (only pathological answers take that long) costs 1 more per millisecond, charged afterwards. Anonymous clients are told apart by their address (behind proxies, see TRUST_PROXY). Over the limit: 429 with Retry-After.`
      : "This server has no rate limit.";
  const tokens =
    "Listing exercises and showing a variant are open to anyone. Grading needs an instructor's API token (made at /instructor/), sent as `Authorization: Bearer lbk_…`: graded anonymously, the API would tell a learner the answer to the variant on their own lesson page before they submit it there (every exercise whose numbers never vary is the same variant under every seed), so a grade request without a token is a 401 (`token-required`). A token brings its own, higher rate limit, and lets a grade request name a `learner` (a user id) to record the answer as that learner's attempt. A token that is malformed, unknown or revoked is a 401 (`invalid-token`), never served anonymously.";

  return {
    openapi: "3.1.1",
    info: {
      title: "LLM Basics grading API",
      version: "1.0.0",
      description: [
        "Grades answers to the course's exercises. Every exercise has variants, one per seed (an integer 0 … 2147483647): the seed chooses its numbers, so the same seed always gives the same problem.",
        rate,
        tokens,
        `Errors are JSON \`{ "error": { "code", "message", "field"? } }\`. A method a path does not serve gets 405 with an Allow header; an unknown path under /api/v1, 404.`,
        `Bodies: at most ${MAX_GRADE_BODY_BYTES / 1024} KiB for one answer, ${MAX_BATCH_BODY_BYTES / 1024 / 1024} MiB for a batch of up to ${MAX_BATCH.toLocaleString("en")} answers; larger bodies get 413.`,
      ].join("\n\n"),
    },
    // Either anonymous or with a token (grading: a token only, see the operations).
    security: [{}, { apiToken: [] }],
    paths: {
      "/api/v1/exercises": {
        get: {
          operationId: "listExercises",
          summary: "Every exercise of the course, in course order",
          parameters: [locale],
          responses: {
            "200": ok("The exercises", exerciseListSchema),
            "400": error("BadRequest"),
            "401": error("Unauthorized"),
            "429": error("TooManyRequests"),
            default: error("Error"),
          },
        },
      },
      "/api/v1/exercises/{id}": {
        get: {
          operationId: "getExercise",
          summary: "One variant of an exercise: its prompt and the shape of its answers, never the answer",
          parameters: [
            exerciseId,
            {
              name: "seed",
              in: "query",
              required: true,
              description: `${apiSchemas.get(seedSchema)?.description} Required: a missing seed is a 400.`,
              schema: ref(idOf(seedSchema)),
            },
            locale,
          ],
          responses: {
            "200": ok("The variant as a learner sees it", exerciseViewSchema),
            "400": error("BadRequest"),
            "401": error("Unauthorized"),
            "404": error("NotFound"),
            "429": error("TooManyRequests"),
            default: error("Error"),
          },
        },
      },
      "/api/v1/exercises/{id}/grade": {
        post: {
          operationId: "gradeAnswer",
          summary: "Grades one answer to one variant (with an API token), and records it for a learner",
          security: [{ apiToken: [] }],
          description:
            "With an API token and a `learner`, a gradable answer is recorded as that learner's attempt before the response is sent (on their lesson-page variant if it has this seed, else on a grader variant for it that never changes what their page shows), and the verdict carries `attempt`. An unreadable (invalid) answer is not recorded.",
          parameters: [exerciseId],
          requestBody: { required: true, ...json(ref(idOf(gradeRequestSchema))) },
          responses: {
            "200": ok("The verdict", verdictSchema),
            "400": error("BadRequest"),
            "401": error("Unauthorized"),
            "404": error("NotFound"),
            "413": error("ContentTooLarge"),
            "415": error("UnsupportedMediaType"),
            "429": error("TooManyRequests"),
            "503": error("NotRecorded"),
            default: error("Error"),
          },
        },
      },
      "/api/v1/grade": {
        post: {
          operationId: "gradeBatch",
          summary: `Grades up to ${MAX_BATCH.toLocaleString("en")} answers to any exercises, in order (with an API token)`,
          security: [{ apiToken: [] }],
          description:
            "An answer whose exercise does not exist, or that does not fit its exercise (text for a multi-part one, say), or whose `learner` does not exist, gets an Error object in its place in `verdicts`; the rest are graded. A malformed batch (a wrong type, a missing field) is a 400 for the whole request, naming the field (`answers[3].seed`). Each gradable answer naming a learner is recorded as their attempt, in order, before the response is sent.",
          requestBody: { required: true, ...json(ref(idOf(batchRequestSchema))) },
          responses: {
            "200": ok("One verdict or error per answer, in order", batchResponseSchema),
            "400": error("BadRequest"),
            "401": error("Unauthorized"),
            "413": error("ContentTooLarge"),
            "415": error("UnsupportedMediaType"),
            "429": error("TooManyRequests"),
            default: error("Error"),
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          security: [],
          responses: { "200": { description: "The OpenAPI 3.1 document", ...json({ type: "object" }) } },
        },
      },
    },
    components: {
      schemas: schemaComponents(),
      headers: {
        RateLimit: {
          description:
            'The caller\'s state: `"answers";r=<answers left>;t=<seconds until the bucket is full>` (draft-ietf-httpapi-ratelimit-headers).',
          schema: { type: "string" },
          example: '"answers";r=5999;t=1',
        },
        "RateLimit-Policy": {
          description: 'The limit: `"answers";q=<answers>;w=<window in seconds>`.',
          schema: { type: "string" },
          example: `"answers";q=${limits.rateLimit};w=${limits.rateWindowSeconds}`,
        },
        "Retry-After": {
          description: "Seconds to wait before the request would be allowed.",
          schema: { type: "integer", minimum: 1 },
          example: 3,
        },
      },
      securitySchemes: {
        apiToken: {
          type: "http",
          scheme: "bearer",
          description:
            "An API token an instructor made at /instructor/ (`lbk_…`, shown once). Needed to grade; optional to list and show exercises. It raises the rate limit and allows `learner`.",
        },
      },
      responses: {
        BadRequest: {
          description: "The query or body is wrong; `field` names the part at fault",
          headers: rateHeaders,
          ...json(ref(idOf(errorSchema)), {
            examples: {
              field: errorExample("invalid-body", "answers[3].seed: expected an integer 0 … 2147483647", {
                field: "answers[3].seed",
              }),
              seed: errorExample(
                "invalid-query",
                "seed: required: the variant to show, an integer 0 … 2147483647 (?seed=42)",
                {
                  field: "seed",
                },
              ),
              json: errorExample(
                "invalid-json",
                "the body is not JSON: Expected ',' or '}' after property value in JSON at position 12",
                {
                  position: 12,
                },
              ),
            },
          }),
        },
        NotFound: {
          description: "No exercise has this id, or no user has the `learner` id",
          headers: rateHeaders,
          ...json(ref(idOf(errorSchema)), {
            examples: {
              typo: errorExample(
                "exercise-not-found",
                'no exercise "attention-weight"; did you mean attention-weights?',
              ),
              learner: errorExample("learner-not-found", 'learner: no learner has the id "Jq3x0Yc2TzKf9bWm1sQeRA"', {
                field: "learner",
              }),
            },
          }),
        },
        Unauthorized: {
          description: "The API token is malformed, unknown or revoked; or a `learner` was named without a token",
          headers: {
            ...rateHeaders,
            "WWW-Authenticate": {
              description: 'The Bearer challenge (RFC 6750), with `error="invalid_token"` for a bad token.',
              schema: { type: "string" },
            },
          },
          ...json(ref(idOf(errorSchema)), {
            examples: {
              revoked: errorExample(
                "invalid-token",
                "this API token is not valid: it was revoked, or never existed; an instructor can make a new one at /instructor/",
              ),
              missing: errorExample(
                "token-required",
                "learner: recording answers for a learner needs an API token: send Authorization: Bearer lbk_… (instructors make them at /instructor/)",
                { field: "learner" },
              ),
            },
          }),
        },
        NotRecorded: {
          description: "The answer was graded but could not be recorded for the learner; send it again",
          headers: rateHeaders,
          ...json(ref(idOf(errorSchema)), {
            examples: {
              busy: errorExample(
                "not-recorded",
                "the answer was graded but could not be recorded for the learner; send it again",
              ),
            },
          }),
        },
        ContentTooLarge: {
          description: "The body is larger than this endpoint takes, or the batch is larger than the rate limit",
          headers: rateHeaders,
          ...json(ref(idOf(errorSchema)), {
            examples: { body: errorExample("body-too-large", "the body is larger than 262,144 bytes") },
          }),
        },
        UnsupportedMediaType: {
          description: "The body is not declared as JSON",
          headers: rateHeaders,
          ...json(ref(idOf(errorSchema)), {
            examples: {
              type: errorExample(
                "unsupported-media-type",
                "send the body as JSON with Content-Type: application/json (got text/plain)",
              ),
            },
          }),
        },
        TooManyRequests: {
          description: "Over the rate limit",
          headers: { ...rateHeaders, "Retry-After": { $ref: "#/components/headers/Retry-After" } },
          ...json(ref(idOf(errorSchema)), {
            examples: {
              limited: errorExample("rate-limited", "too many answers graded: at most 6000 per 60 s; retry in 3 s"),
            },
          }),
        },
        Error: {
          description: "Any other error (405 for a method the path does not serve, 500)",
          ...json(ref(idOf(errorSchema))),
        },
      },
    },
  };
}
