import { exerciseListJson } from "@/lib/grading-api/exercises";
import { allowedMethods, apiRoute, methodNotAllowed } from "@/lib/grading-api/handler";
import { listQuerySchema } from "@/lib/grading-api/schemas";
import { parseOrThrow } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** GET /api/v1/exercises[?locale=en]: every exercise of the course, in course order. */
export function GET(request: Request): Promise<Response> {
  return apiRoute(request, async () => {
    const query = parseOrThrow(listQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "invalid-query");
    return new Response(await exerciseListJson(query.locale ?? "zh"), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
    });
  });
}

const notAllowed = methodNotAllowed("GET");

export { notAllowed as DELETE, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };
export const OPTIONS = allowedMethods("GET");
