import "server-only";
import { type NewGuest, sessionUser } from "@llm-basics/db";
import { parse as parseCookies, serialize as serializeCookie } from "cookie";
import { database } from "@/lib/db";
import { ApiError, jsonResponse, readJsonBody, requestLocale, said } from "@/lib/http/json";
import { foreignOrigin } from "@/lib/http/post-guard";
import { secureCookiesFor } from "@/lib/http/request-scheme";
import { cookieOptions, isLearnerId, LEARNER_COOKIE } from "@/lib/session/learner-id";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/session/session-cookie";
import { SESSION_CHANGED_HEADER } from "./answer-client";
import { attemptContext } from "./context";
import { type Answerer, answerOnPage } from "./page";

// POST /api/answer: the lesson page's answers, as JSON, for lib/attempts/page.ts. An answer
// costs grading and recording, not a page render: the exercise form posts here rather than to
// a server action, and in production the app's server takes this path without Next.js's
// request pipeline (server/lean-api.ts); `next dev` serves it as a route handler.
//
// It is a cookie-authenticated endpoint, so it takes only what a page of this site sends: a
// same-origin Origin header (a cross-site page, a sandboxed frame's "null" and a client with
// none are refused) and a JSON body (which no cross-site form can send without a preflight).

/** The largest body an answer may have: every part at its cap, with room for JSON escaping. */
export const MAX_ANSWER_BODY_BYTES = 256 * 1024;

function refused(status: number, code: string, en: string, zh: string): ApiError {
  return new ApiError(status, code, said(en, zh));
}

/** Answers one POST /api/answer. */
export async function answerRequest(request: Request): Promise<Response> {
  const locale = requestLocale(request);
  try {
    if (request.headers.get("origin") === null || foreignOrigin(request)) {
      throw refused(
        403,
        "foreign-origin",
        "answers are taken from this site's own pages only (the Origin header names another site, or none)",
        "只接受本站页面提交的答案（Origin 请求头指向其他网站，或缺失）",
      );
    }
    const body = (await readJsonBody(request, MAX_ANSWER_BODY_BYTES)) as Record<string, unknown> | null;
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw refused(
        400,
        "invalid-body",
        "the body must be a JSON object: { exerciseId, answer, seed, locale }",
        "请求体必须是 JSON 对象：{ exerciseId, answer, seed, locale }",
      );
    }
    const cookies = parseCookies(request.headers.get("cookie") ?? "");
    const setCookies: string[] = [];
    const secure = secureCookiesFor(request.headers);
    const db = database();
    const sessionToken = cookies[SESSION_COOKIE];
    const visitorId = cookies[LEARNER_COOKIE];
    const answerer: Answerer = {
      user: () => (sessionToken ? sessionUser(db, sessionToken) : Promise.resolve(null)),
      visitorId: isLearnerId(visitorId) ? visitorId : undefined,
      keep: async (guest: NewGuest) => {
        setCookies.push(serializeCookie(SESSION_COOKIE, guest.token, sessionCookieOptions(guest.user.isGuest, secure)));
        if (guest.visitorId !== visitorId) {
          // The visitor id was another user's: the browser's follows the new guest (lib/session/learner.ts).
          setCookies.push(serializeCookie(LEARNER_COOKIE, guest.visitorId, cookieOptions(secure)));
        }
      },
    };
    const result = await answerOnPage(
      { exerciseId: body.exerciseId, answer: body.answer, seed: body.seed, locale: body.locale },
      answerer,
      await attemptContext(request.headers),
    );
    const response = jsonResponse(200, result);
    for (const cookie of setCookies) response.headers.append("Set-Cookie", cookie);
    if (setCookies.length > 0) response.headers.set(SESSION_CHANGED_HEADER, "1");
    return response;
  } catch (error) {
    if (error instanceof ApiError) return jsonResponse(error.status, error.body(locale), error.headers);
    throw error;
  }
}
