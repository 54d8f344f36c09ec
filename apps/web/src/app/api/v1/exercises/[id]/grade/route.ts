import { answerToRecord, recordVerdict } from "@/lib/attempts/api";
import { getSite } from "@/lib/course/site";
import { gradingNeedsToken } from "@/lib/grading-api/bearer";
import { exerciseOr404, gradeAnswer } from "@/lib/grading-api/exercises";
import { allowedMethods, apiRoute, methodNotAllowed } from "@/lib/grading-api/handler";
import { gradeRequestSchema, MAX_GRADE_BODY_BYTES } from "@/lib/grading-api/schemas";
import { jsonResponse, parseOrThrow } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/exercises/{id}/grade with `{ seed, answer, locale?, learner? }`: the verdict,
 * for a request with an API token only (401 without). Naming a `learner` records the answer as their attempt (committed before
 * the verdict is sent; the verdict then carries `attempt`).
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return apiRoute(request, async ({ graded, body: readBody, token }) => {
    // The body first: its locale says the language of every error, the 404 included.
    const json = await readBody(MAX_GRADE_BODY_BYTES);
    if (!token) throw gradingNeedsToken();
    const exercise = await exerciseOr404((await params).id);
    const body = parseOrThrow(gradeRequestSchema, json, "invalid-body");
    const { learner } = body;
    // A learner is looked for as the answer is recorded (recordVerdict): not found, a 404.
    const { verdict, milliseconds } = gradeAnswer(exercise, body.seed, body.answer, body.locale ?? "zh");
    await graded(1, milliseconds);
    if (learner === undefined) return jsonResponse(200, verdict);
    const item = answerToRecord(await getSite(), exercise, { seed: body.seed, answer: body.answer, learner });
    return jsonResponse(200, await recordVerdict(item, verdict, token));
  });
}

const notAllowed = methodNotAllowed("POST");

export { notAllowed as DELETE, notAllowed as GET, notAllowed as PATCH, notAllowed as PUT };
export const OPTIONS = allowedMethods("POST");
