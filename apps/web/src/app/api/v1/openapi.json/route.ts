import { env } from "@/env";
import { allowedMethods, methodNotAllowed } from "@/lib/grading-api/handler";
import { openApiDocument } from "@/lib/grading-api/openapi";

export const dynamic = "force-dynamic";

let document: string | undefined;

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (not rate limited). */
export function GET(): Response {
  document ??= JSON.stringify(openApiDocument(env.gradingApi));
  return new Response(document, { headers: { "Content-Type": "application/json; charset=utf-8" } });
}

const notAllowed = methodNotAllowed("GET");

export { notAllowed as DELETE, notAllowed as PATCH, notAllowed as POST, notAllowed as PUT };
export const OPTIONS = allowedMethods("GET");
