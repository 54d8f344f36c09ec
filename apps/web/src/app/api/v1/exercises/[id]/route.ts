import { exerciseOr404, exerciseView } from "@/lib/grading-api/exercises";
import { allowedMethods, apiRoute, methodNotAllowed } from "@/lib/grading-api/handler";
import { viewQuerySchema } from "@/lib/grading-api/schemas";
import { jsonResponse, parseOrThrow } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** GET /api/v1/exercises/{id}?seed=N[&locale=en]: one variant's prompt and answer shapes, never the answer. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return apiRoute(request, async () => {
    const query = parseOrThrow(viewQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "invalid-query");
    const exercise = await exerciseOr404((await params).id);
    return jsonResponse(200, await exerciseView(exercise, query.seed, query.locale ?? "zh"));
  });
}

const notAllowed = methodNotAllowed("GET");

export { notAllowed as DELETE, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };
export const OPTIONS = allowedMethods("GET");
