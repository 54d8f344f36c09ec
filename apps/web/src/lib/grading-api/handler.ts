import "server-only";
import { authenticateApiToken } from "@llm-basics/db";
import type { Locale } from "@llm-basics/grading";
import { env } from "@/env";
import { database } from "@/lib/db";
import { clientKey } from "@/lib/http/client-address";
import { ApiError, jsonResponse, readJsonBody, requestLocale, said } from "@/lib/http/json";
import { type Limiter, namedLimiter } from "@/lib/http/limits";
import { overtimeUnits, type RateDecision, rateLimitHeaders } from "@/lib/http/rate-limit";
import { bearerToken, invalidToken, UNKNOWN_TOKEN_MESSAGE } from "./bearer";

/** The API token a request came with, once it is known to be live. */
export interface ApiToken {
  id: string;
  name: string;
  createdById: string;
}

/** What a route may do beyond its first unit of cost. */
export interface ApiContext {
  /**
   * Says what the request costs in all (a batch: one unit per answer). The unit charged on
   * arrival counts; the rest is charged now, or a 429 is thrown.
   */
  costs(units: number): Promise<void>;
  /**
   * Reports the time grading `answers` answers took (lib/http/grading-clock.ts). Past 1 ms an answer, and past
   * 10 ms a request whatever its size (only pathological answers take that long; a garbage
   * collection pause may fall into any), each millisecond costs a unit more, charged after the
   * fact: the client may go into debt and wait it off.
   */
  graded(answers: number, milliseconds: number): Promise<void>;
  /**
   * Reports a body's size before it is parsed: each 64 KiB past the first costs a unit, so
   * large bodies are paid for even when they turn out to be malformed. Counts toward `costs`.
   */
  received(bytes: number): Promise<void>;
  /** The live API token the request came with; null for an anonymous request. */
  token: ApiToken | null;
  /**
   * Reads the JSON body (at most `maxBytes`, paid for as `received` says). When it carries a
   * `locale` of the API, the request's errors are in that language from then on.
   */
  body(maxBytes: number): Promise<unknown>;
  /** The language of this request's errors (see `requestLocale`), as the body may have changed it. */
  errorLocale(): Locale;
}

/** Body bytes one unit of the rate limit pays for. */
export const BYTES_PER_UNIT = 64 * 1024;

// The limits every route shares (lib/http/limits.ts: in memory with SQLite, in the database with
// PostgreSQL): clients told apart by address, and API tokens.

function limiter(): Limiter | undefined {
  const { rateLimit, rateWindowSeconds } = env.gradingApi;
  return namedLimiter("grading", rateLimit, rateWindowSeconds);
}

/** Each API token's allowance: a higher limit (GRADING_API_TOKEN_RATE_LIMIT), the same window. */
function tokenLimiter(): Limiter | undefined {
  const { tokenRateLimit, rateWindowSeconds } = env.gradingApi;
  return namedLimiter("grading-token", tokenRateLimit, rateWindowSeconds);
}

/** Charges a client's address for one new guest (GUEST_RATE_LIMIT); undefined when there is no limit. */
export async function chargeNewGuest(headers: Headers): Promise<RateDecision | undefined> {
  const { rateLimit, rateWindowSeconds } = env.guests;
  return namedLimiter("guests", rateLimit, rateWindowSeconds)?.charge(clientKey(headers, env.gradingApi.trustProxy), 1);
}

/**
 * Charges a client (told apart as the API does) for `units` of work done outside the API, such
 * as the lesson page's server actions; undefined when there is no limit.
 */
export async function chargeClient(headers: Headers, units: number): Promise<RateDecision | undefined> {
  return limiter()?.charge(clientKey(headers, env.gradingApi.trustProxy), units);
}

/** Charges a client, after the fact, for grading that took longer than it paid for. */
export async function chargeGradingTime(headers: Headers, answers: number, milliseconds: number): Promise<void> {
  const extra = overtimeUnits(answers, milliseconds);
  if (extra > 0) await limiter()?.debit(clientKey(headers, env.gradingApi.trustProxy), extra);
}

/**
 * Runs an API route: a request with an Authorization header is authenticated first (a token
 * that is not live is a 401, never an anonymous request); every request costs its caller (the
 * token, or else the address) one unit of its rate limit; errors thrown as ApiError become
 * their JSON error response, anything else a 500. Every response carries the rate limit headers.
 */
export async function apiRoute(request: Request, run: (context: ApiContext) => Promise<Response>): Promise<Response> {
  let limits = limiter();
  let client = clientKey(request.headers, env.gradingApi.trustProxy);
  let token: ApiToken | null = null;
  let decision: RateDecision | undefined;
  const charge = async (units: number, total: number): Promise<void> => {
    if (!limits || units <= 0) return;
    if (total > limits.limit) {
      throw new ApiError(
        413,
        "batch-too-large",
        said(
          `${total} answers are more than this server grades for one client in ${limits.windowSeconds} s (${limits.limit}); send smaller batches`,
          `${total} 个答案超过了本服务器 ${limits.windowSeconds} 秒内为一个客户端评分的上限（${limits.limit}）；请分成更小的批次发送`,
        ),
        { field: "answers" },
      );
    }
    decision = await limits.charge(client, units);
    if (!decision.allowed) {
      throw new ApiError(
        429,
        "rate-limited",
        said(
          `too many answers graded: at most ${limits.limit} per ${limits.windowSeconds} s; retry in ${decision.retryAfterSeconds} s`,
          `评分的答案太多了：每 ${limits.windowSeconds} 秒最多 ${limits.limit} 个；请 ${decision.retryAfterSeconds} 秒后重试`,
        ),
      );
    }
  };
  let response: Response;
  let locale = requestLocale(request);
  // Units charged so far; `costs` and `received` both say what the request costs in all.
  let paid = 0;
  const costsInAll = async (units: number): Promise<void> => {
    const owed = units - paid;
    paid = Math.max(paid, units);
    if (owed > 0) await charge(owed, units);
  };
  try {
    const authorization = request.headers.get("authorization");
    if (authorization !== null) {
      const presented = bearerToken(authorization);
      token = typeof presented === "string" ? await authenticateApiToken(database(), presented) : null;
      if (!token) {
        // Paid for by the address, as an anonymous request would be: guessing costs too.
        await costsInAll(1);
        throw presented instanceof ApiError ? presented : invalidToken(UNKNOWN_TOKEN_MESSAGE);
      }
      limits = tokenLimiter();
      client = `token:${token.id}`;
    }
    await costsInAll(1);
    const received = (bytes: number) => costsInAll(1 + Math.floor(bytes / BYTES_PER_UNIT));
    response = await run({
      token,
      costs: costsInAll,
      received,
      body: async (maxBytes) => {
        let size = 0;
        const value = await readJsonBody(request, maxBytes, (bytes) => {
          size = bytes;
        });
        await received(size);
        const asked = (value as { locale?: unknown } | null)?.locale;
        if (asked === "zh" || asked === "en") locale = asked;
        return value;
      },
      errorLocale: () => locale,
      graded: async (answers, milliseconds) => {
        const extra = overtimeUnits(answers, milliseconds);
        if (limits && extra > 0) decision = await limits.debit(client, extra);
      },
    });
  } catch (error) {
    if (error instanceof ApiError) response = jsonResponse(error.status, error.body(locale), error.headers);
    else {
      console.error("grading API:", error);
      const failed = said("the server failed; try again later", "服务器出错了；请稍后重试");
      response = jsonResponse(500, new ApiError(500, "internal-error", failed).body(locale));
    }
  }
  if (decision) {
    for (const [name, value] of Object.entries(rateLimitHeaders(decision))) response.headers.set(name, value);
  }
  return response;
}

/** A handler for the methods a route does not serve: 405 with the methods it does. */
export function methodNotAllowed(...allowed: string[]): (request: Request) => Response {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return (request) =>
    jsonResponse(
      405,
      new ApiError(
        405,
        "method-not-allowed",
        said(
          `${request.method} is not allowed here; use ${allowed.join(" or ")}`,
          `这里不接受 ${request.method}；请用 ${allowed.join(" 或 ")}`,
        ),
      ).body(requestLocale(request)),
      { Allow: allow },
    );
}

/** OPTIONS: which methods the route serves (Next's own answer would list the 405 handlers too). */
export function allowedMethods(...allowed: string[]): () => Response {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return () => new Response(null, { status: 204, headers: { Allow: allow } });
}
