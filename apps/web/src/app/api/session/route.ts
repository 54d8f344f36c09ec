import { currentUser } from "@/lib/session/learner";

/** What the header needs to know about the browser's session. */
export interface SessionResponse {
  user: { displayName: string; role: "learner" | "instructor"; isGuest: boolean } | null;
}

/**
 * `GET /api/session`: who this browser is signed in as, or `{ "user": null }`. The header asks
 * here from the browser, so the pages it sits on can stay prerendered; never cached.
 */
export async function GET(): Promise<Response> {
  const user = await currentUser();
  const body: SessionResponse = {
    user: user ? { displayName: user.displayName, role: user.role, isGuest: user.isGuest } : null,
  };
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
}
