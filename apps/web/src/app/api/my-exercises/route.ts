import { EXERCISE_ID } from "@llm-basics/content";
import { sessionUser } from "@llm-basics/db";
import { parse as parseCookies, serialize as serializeCookie } from "cookie";
import { getSite } from "@/lib/course/site";
import { database } from "@/lib/db";
import { learnerExercises } from "@/lib/exercises/learner-exercises";
import { exerciseRenderer } from "@/lib/exercises/renderer";
import { ApiError, jsonResponse, requestLocale, said } from "@/lib/http/json";
import { secureCookiesFor } from "@/lib/http/request-scheme";
import { cookieOptions, isLearnerId, LEARNER_COOKIE, newLearnerId } from "@/lib/session/learner-id";
import { SESSION_COOKIE } from "@/lib/session/session-cookie";

/** More exercises than any lesson has; a request for more is not from a page of this site. */
const MAX_IDS = 64;

const PRIVATE = { "Cache-Control": "private, no-store", Vary: "Cookie" };

/**
 * `GET /api/my-exercises?ids=softmax-probability,attention-weights&locale=zh`: the learner's own
 * variant of each exercise on a lesson page (lib/exercises/learner-exercises.ts), for the page's
 * exercise islands. The lesson itself is the same for everyone and cacheable; this is where a
 * first-time visitor gets their random id (the `lb_learner` cookie): when their first exercise
 * needs numbers. Never cached.
 */
export async function GET(request: Request): Promise<Response> {
  const locale = requestLocale(request);
  try {
    const ids = readIds(new URL(request.url).searchParams.getAll("ids"));
    const cookies = parseCookies(request.headers.get("cookie") ?? "");
    const db = database();
    const token = cookies[SESSION_COOKIE];
    const user = token ? await sessionUser(db, token) : null;
    const sentId = cookies[LEARNER_COOKIE];
    const visitorId = isLearnerId(sentId) ? sentId : newLearnerId();
    const exercises = await learnerExercises(
      { db, site: await getSite(), renderer: exerciseRenderer() },
      { user, visitorId },
      ids,
      locale,
    );
    const response = jsonResponse(200, { exercises }, PRIVATE);
    if (visitorId !== sentId) {
      response.headers.append(
        "Set-Cookie",
        serializeCookie(LEARNER_COOKIE, visitorId, cookieOptions(secureCookiesFor(request.headers))),
      );
    }
    return response;
  } catch (error) {
    if (error instanceof ApiError)
      return jsonResponse(error.status, error.body(locale), { ...error.headers, ...PRIVATE });
    throw error;
  }
}

/** `ids=a,b` (or `ids=a&ids=b`): distinct exercise ids, at least one and at most MAX_IDS. */
function readIds(values: string[]): string[] {
  const ids = [...new Set(values.flatMap((v) => v.split(",")).filter((id) => id !== ""))];
  const bad = ids.find((id) => !EXERCISE_ID.test(id));
  if (ids.length === 0 || ids.length > MAX_IDS || bad !== undefined) {
    const named = bad === undefined ? undefined : JSON.stringify(bad.slice(0, 80));
    throw new ApiError(
      400,
      "invalid-ids",
      said(
        `ids must list 1 to ${MAX_IDS} exercise ids, separated by commas${named ? ` (${named} is not one)` : ""}`,
        `ids 必须列出 1 到 ${MAX_IDS} 个练习编号，以逗号分隔${named ? `（${named} 不是练习编号）` : ""}`,
      ),
      { field: "ids" },
    );
  }
  return ids;
}
