import { exerciseOr404, gradeAnswer } from "@/lib/grading-api/exercises";
import { allowedMethods, apiRoute, methodNotAllowed } from "@/lib/grading-api/handler";
import { jsonResponse, parseOrThrow, readJsonBody } from "@/lib/grading-api/http";
import { gradeRequestSchema, MAX_GRADE_BODY_BYTES } from "@/lib/grading-api/schemas";

export const dynamic = "force-dynamic";

/** POST /api/v1/exercises/{id}/grade with `{ seed, answer, locale? }`: the verdict. */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return apiRoute(request, async ({ graded, received }) => {
    const exercise = await exerciseOr404((await params).id);
    const body = parseOrThrow(
      gradeRequestSchema,
      await readJsonBody(request, MAX_GRADE_BODY_BYTES, received),
      "invalid-body",
    );
    const { verdict, milliseconds } = gradeAnswer(exercise, body.seed, body.answer, body.locale ?? "zh");
    graded(1, milliseconds);
    return jsonResponse(200, verdict);
  });
}

const notAllowed = methodNotAllowed("POST");

export { notAllowed as DELETE, notAllowed as GET, notAllowed as PATCH, notAllowed as PUT };
export const OPTIONS = allowedMethods("POST");
