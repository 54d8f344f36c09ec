import { answerRequest } from "@/lib/attempts/http";
import { allowedMethods, methodNotAllowed } from "@/lib/grading-api/handler";

export const dynamic = "force-dynamic";

/**
 * POST /api/answer with `{ exerciseId, answer, seed, locale }`: the lesson page's answer, graded
 * and recorded for the session's learner (lib/attempts/http.ts). In production the app's server
 * answers it beside Next.js (server/lean-api.ts); this route serves it in `next dev`.
 */
export function POST(request: Request): Promise<Response> {
  return answerRequest(request);
}

const notAllowed = methodNotAllowed("POST");

export { notAllowed as DELETE, notAllowed as GET, notAllowed as PATCH, notAllowed as PUT };
export const OPTIONS = allowedMethods("POST");
