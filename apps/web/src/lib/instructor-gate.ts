import "server-only";
import { sessionUser } from "@llm-basics/db";
import { type NextRequest, NextResponse } from "next/server";
import { database } from "./db";
import { SESSION_COOKIE } from "./learner";

// The instructor view's server actions, before Next decodes them: a POST to /instructor/ from
// anyone but an instructor ends here with 401 or 403. The actions check the role themselves
// too (lib/instructor.ts), but Next answers an action's forbidden() with a 404 page when the
// form was posted without JavaScript; this gate gives every such request its real status.

/** A 401 / 403 for a POST to the instructor view by a visitor / a learner; undefined for an instructor. */
export async function refuseNonInstructorPost(request: NextRequest): Promise<NextResponse | undefined> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  const user = token ? await sessionUser(database(), token) : null;
  const account = user && !user.isGuest ? user : null;
  if (account?.role === "instructor") return undefined;
  const [status, text] = account
    ? [403, "403 · 没有权限：教师面板的操作只对教师开放。"]
    : [401, "401 · 需要登录：请先用教师账户登录，再使用教师面板。"];
  return new NextResponse(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
