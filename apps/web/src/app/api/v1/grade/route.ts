import { gradeBatch } from "@/lib/grading-api/exercises";
import { allowedMethods, apiRoute, methodNotAllowed } from "@/lib/grading-api/handler";
import { jsonResponse, parseOrThrow, readJsonBody } from "@/lib/grading-api/http";
import { batchRequestSchema, MAX_BATCH_BODY_BYTES } from "@/lib/grading-api/schemas";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/grade with `{ answers: [{ exerciseId, seed, answer }], locale? }` (1 … 1,000):
 * `{ verdicts }` in the same order. Each answer counts once against the rate limit (more when
 * it takes more than a millisecond to grade).
 */
export function POST(request: Request): Promise<Response> {
  return apiRoute(request, async ({ costs, graded, received }) => {
    const body = parseOrThrow(
      batchRequestSchema,
      await readJsonBody(request, MAX_BATCH_BODY_BYTES, received),
      "invalid-body",
    );
    costs(body.answers.length);
    const { verdicts, milliseconds } = await gradeBatch(body.answers, body.locale ?? "zh");
    graded(body.answers.length, milliseconds);
    return jsonResponse(200, { verdicts });
  });
}

const notAllowed = methodNotAllowed("POST");

export { notAllowed as DELETE, notAllowed as GET, notAllowed as PATCH, notAllowed as PUT };
export const OPTIONS = allowedMethods("POST");
