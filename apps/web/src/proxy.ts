import { type NextRequest, NextResponse } from "next/server";

/** The instructor view's actions only: every other request passes without touching the database. */
const instructorPost = (request: NextRequest) =>
  request.method === "POST" && /^(?:\/en)?\/instructor(?:\/|$)/.test(request.nextUrl.pathname);

/**
 * Guards the POSTs to pages (server actions): an undecodable one is refused, and a POST to the
 * instructor view (its server actions) from anyone but an instructor is refused here with 401 /
 * 403 (lib/instructor/gate.ts). Page views pass untouched: a page is the same for everyone and
 * sets no cookie (a learner's id is given when their first exercise asks for its numbers, by
 * GET /api/my-exercises).
 */
export async function proxy(request: NextRequest): Promise<Response> {
  if (request.method !== "POST") return NextResponse.next();
  // Loaded only for POSTs: page views pass without it.
  const { refuseUndecodablePost } = await import("@/lib/http/post-guard");
  const refused = await refuseUndecodablePost(request);
  if (refused) return refused;
  if (instructorPost(request)) {
    // Loaded only for these requests, so the proxy bundles no database for the others.
    const { refuseNonInstructorPost } = await import("@/lib/instructor/gate");
    const refused = await refuseNonInstructorPost(request);
    if (refused) return refused;
  }
  return NextResponse.next();
}

export const config = {
  // Pages and their server actions; not Next's assets, the dev-only API or files such as icon.svg.
  matcher: ["/((?!_next/|api/|.*\\.[A-Za-z0-9]+$).*)"],
};
