import "server-only";
import { sessionUser } from "@llm-basics/db";
import { type NextRequest, NextResponse } from "next/server";
import { database } from "@/lib/db";
import { localeOfPath } from "@/lib/i18n";
import { SESSION_COOKIE } from "@/lib/session/learner";
import { instructorText } from "./text";

// The instructor view's server actions, before Next decodes them: a POST to /instructor/ from
// anyone but an instructor ends here with 401 or 403. The actions check the role themselves
// too (lib/instructor/access.ts), but Next answers an action's forbidden() with a 404 page when the
// form was posted without JavaScript; this gate gives every such request its real status.

/**
 * A 401 / 403 for a POST to the instructor view by a visitor / a learner, in the page's
 * language; undefined for an instructor.
 */
export async function refuseNonInstructorPost(request: NextRequest): Promise<NextResponse | undefined> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  const user = token ? await sessionUser(database(), token) : null;
  const account = user && !user.isGuest ? user : null;
  if (account?.role === "instructor") return undefined;
  // In the language of the page the form was on: /instructor/ or /en/instructor/.
  const t = instructorText(localeOfPath(request.nextUrl.pathname));
  const [status, text] = account ? [403, t.gateForbidden] : [401, t.gateUnauthorized];
  return new NextResponse(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
