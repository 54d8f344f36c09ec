import { type NextRequest, NextResponse } from "next/server";
import { secureCookiesFor } from "@/lib/http/request-scheme";
import { cookieOptions, isLearnerId, LEARNER_COOKIE, newLearnerId } from "@/lib/session/learner-id";

/** The instructor view's actions only: every other request passes without touching the database. */
const instructorPost = (request: NextRequest) =>
  request.method === "POST" && /^(?:\/en)?\/instructor(?:\/|$)/.test(request.nextUrl.pathname);

/**
 * Gives every learner a random id on their first request: set as a cookie for next time, and
 * passed on to this request's render, so the exercises on the very first page view already
 * show the learner's own numbers. A POST to the instructor view (its server actions) from
 * anyone but an instructor is refused here with 401 / 403 (lib/instructor/gate.ts).
 */
export async function proxy(request: NextRequest): Promise<Response> {
  if (request.method === "POST") {
    // Loaded only for POSTs: page views pass without it.
    const { refuseUndecodablePost } = await import("@/lib/http/post-guard");
    const refused = await refuseUndecodablePost(request);
    if (refused) return refused;
  }
  if (instructorPost(request)) {
    // Loaded only for these requests, so the proxy bundles no database for the others.
    const { refuseNonInstructorPost } = await import("@/lib/instructor/gate");
    const refused = await refuseNonInstructorPost(request);
    if (refused) return refused;
  }
  if (isLearnerId(request.cookies.get(LEARNER_COOKIE)?.value)) return NextResponse.next();
  // An id is made up for page views only: a POST without one (a script, a cross-site form)
  // has no page whose numbers it answers, and must not become a guest.
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  const learnerId = newLearnerId();
  request.cookies.set(LEARNER_COOKIE, learnerId);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(LEARNER_COOKIE, learnerId, cookieOptions(secureCookiesFor(request.headers)));
  // A response that sets someone's id must never be stored in a shared cache and replayed to others.
  response.headers.set("Cache-Control", "private, no-store");
  return response;
}

export const config = {
  // Pages and their server actions; not Next's assets, the dev-only API or files such as icon.svg.
  matcher: ["/((?!_next/|api/|.*\\.[A-Za-z0-9]+$).*)"],
};
