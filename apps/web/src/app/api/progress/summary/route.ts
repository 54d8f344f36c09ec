import { type ProgressSummaryResponse, progressHeadline } from "@llm-basics/progress/summary";
import { jsonResponse } from "@/lib/http/json";
import { progressOf } from "@/lib/progress/user-progress";
import { currentUser } from "@/lib/session/learner";

export const dynamic = "force-dynamic";

/**
 * GET /api/progress/summary: the session's own learner's lessons completed and where to
 * continue, for the header. It takes no user id: there is no way to ask about anyone else.
 */
export async function GET(): Promise<Response> {
  const user = await currentUser();
  const body: ProgressSummaryResponse = user
    ? { learner: true, ...progressHeadline(await progressOf(user)) }
    : { learner: false };
  return jsonResponse(200, body, { Vary: "Cookie" });
}
