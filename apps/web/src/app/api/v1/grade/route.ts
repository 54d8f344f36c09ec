import { answerToRecord, existingLearners, learnerNotFound, recordBatch } from "@/lib/attempts/api";
import { getSite } from "@/lib/course/site";
import { gradingNeedsToken } from "@/lib/grading-api/bearer";
import { gradeBatch } from "@/lib/grading-api/exercises";
import { allowedMethods, apiRoute, methodNotAllowed } from "@/lib/grading-api/handler";
import { batchRequestSchema, MAX_BATCH_BODY_BYTES } from "@/lib/grading-api/schemas";
import { ApiError, fieldName, jsonResponse, parseOrThrow } from "@/lib/http/json";

export const dynamic = "force-dynamic";

const learnerField = (index: number) => fieldName(["answers", index, "learner"]);

/**
 * POST /api/v1/grade with `{ answers: [{ exerciseId, seed, answer, learner? }], locale? }`
 * (1 … 1,000), with an API token (401 without): `{ verdicts }` in the same order. Each answer counts once against the rate
 * limit (more when it takes more than a millisecond to grade). With an API token, an answer
 * naming a `learner` is recorded as their attempt before the response is sent.
 */
export function POST(request: Request): Promise<Response> {
  return apiRoute(request, async ({ costs, graded, body: readBody, errorLocale, token }) => {
    const json = await readBody(MAX_BATCH_BODY_BYTES);
    if (!token) throw gradingNeedsToken();
    const body = parseOrThrow(batchRequestSchema, json, "invalid-body");
    await costs(body.answers.length);
    const known = await existingLearners(
      body.answers.map((a) => a.learner),
      token,
      learnerField,
    );
    const { verdicts, milliseconds } = await gradeBatch(body.answers, body.locale ?? "zh", (item, i) =>
      item.learner !== undefined && !known.has(item.learner)
        ? learnerNotFound(item.learner, learnerField(i))
        : undefined,
    );
    await graded(body.answers.length, milliseconds);
    if (known.size > 0) {
      const site = await getSite();
      const items = body.answers.map(({ exerciseId, seed, answer, learner }) => {
        const exercise = site.exercises.get(exerciseId);
        return learner !== undefined && exercise
          ? answerToRecord(site, exercise, { seed, answer, learner })
          : undefined;
      });
      await recordBatch(items, verdicts, token, learnerField);
    }
    const locale = errorLocale();
    return jsonResponse(200, { verdicts: verdicts.map((v) => (v instanceof ApiError ? v.body(locale) : v)) });
  });
}

const notAllowed = methodNotAllowed("POST");

export { notAllowed as DELETE, notAllowed as GET, notAllowed as PATCH, notAllowed as PUT };
export const OPTIONS = allowedMethods("POST");
