import { visitLesson } from "@llm-basics/db";
import { progressLessons } from "@llm-basics/progress/outline";
import { z } from "zod";
import { getSite } from "@/lib/course/site";
import { database } from "@/lib/db";
import { ApiError, jsonResponse, parseOrThrow, readJsonBody, requestLocale, said } from "@/lib/http/json";
import { currentUser } from "@/lib/session/learner";

export const dynamic = "force-dynamic";

const visitBody = z.object({ path: z.string().min(1).max(1024) }).strict();

/**
 * POST /api/progress/visit with `{ "path": "/softmax/" }`: notes that the session's learner
 * opened that lesson. 204 when noted, and also for a visitor without a session (who is never
 * made a user just for reading); 400 for a path that is not one of the course's lessons.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const { path } = parseOrThrow(visitBody, await readJsonBody(request, 4096), "invalid-body");
    const site = await getSite();
    const lesson = progressLessons(site).find((page) => page.url === path);
    if (!lesson) {
      const where = JSON.stringify(path);
      throw new ApiError(
        400,
        "unknown-lesson",
        said(`no lesson of the course is at ${where}`, `课程里没有位于 ${where} 的课`),
        { field: "path" },
      );
    }
    const user = await currentUser();
    if (user) await visitLesson(database(), user.id, lesson.url);
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof ApiError) return jsonResponse(error.status, error.body(requestLocale(request)), error.headers);
    throw error;
  }
}
