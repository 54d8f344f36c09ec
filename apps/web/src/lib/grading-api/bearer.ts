import { ApiError, type Said, said } from "@/lib/http/json";

// The grading API's credentials: an instructor's API token, sent as `Authorization: Bearer lbk_…`
// (RFC 6750). A request without one is anonymous; a request with a wrong one is refused, never
// served as anonymous, so a client learns at once that its token stopped working.

/** The `WWW-Authenticate` challenge sent with every 401. */
export const BEARER_CHALLENGE = 'Bearer realm="llm-basics grading API"';

/** Where an instructor makes tokens. */
const TOKENS_PAGE = "/instructor/";

/** A 401 for a token that is malformed, unknown or revoked. */
export function invalidToken(message: Said): ApiError {
  return new ApiError(
    401,
    "invalid-token",
    message,
    {},
    { "WWW-Authenticate": `${BEARER_CHALLENGE}, error="invalid_token"` },
  );
}

/** A 401 for a request that needs a token and has none (recording answers for a learner). */
export function tokenRequired(field: string): ApiError {
  return new ApiError(
    401,
    "token-required",
    said(
      `${field}: recording answers for a learner needs an API token: send Authorization: Bearer lbk_… (instructors make them at ${TOKENS_PAGE})`,
      `${field}：为学习者记录答案需要 API 令牌：请发送 Authorization: Bearer lbk_…（教师在 ${TOKENS_PAGE} 创建令牌）`,
    ),
    { field },
    { "WWW-Authenticate": BEARER_CHALLENGE },
  );
}

/**
 * A 401 for grading without a token. Anonymous grading would be an answer oracle: a learner
 * could try answers to their own page's variant (or to an exercise whose numbers never vary)
 * here, then submit the right one on the page without a wrong attempt.
 */
export function gradingNeedsToken(): ApiError {
  return new ApiError(
    401,
    "token-required",
    said(
      `grading answers needs an API token: send Authorization: Bearer lbk_… (instructors make them at ${TOKENS_PAGE}); learners answer on the lesson pages`,
      `评分需要 API 令牌：请发送 Authorization: Bearer lbk_…（教师在 ${TOKENS_PAGE} 创建令牌）；学习者请在课程页面上作答`,
    ),
    {},
    { "WWW-Authenticate": BEARER_CHALLENGE },
  );
}

/** The message for a well-formed token the database does not know or has revoked. */
export const UNKNOWN_TOKEN_MESSAGE = said(
  `this API token is not valid: it was revoked, or never existed; an instructor can make a new one at ${TOKENS_PAGE}`,
  `这个 API 令牌无效：它已被撤销，或从未存在；教师可以在 ${TOKENS_PAGE} 创建新令牌`,
);

/**
 * The token an Authorization header carries, or a 401 saying what is wrong with it.
 * `bearerToken("Bearer lbk_abc")` → "lbk_abc"; `bearerToken("Basic dTpw")` → ApiError.
 */
export function bearerToken(header: string): string | ApiError {
  const match = /^\s*(\S+)(?:\s+(.*?))?\s*$/.exec(header);
  const scheme = match?.[1] ?? "";
  const credentials = match?.[2] ?? "";
  if (scheme.toLowerCase() !== "bearer") {
    return invalidToken(
      said(
        `the Authorization header must be "Bearer lbk_…" with an API token${scheme ? `, not a ${scheme} credential` : ""}`,
        `Authorization 请求头应为“Bearer lbk_…”加 API 令牌${scheme ? `，而不是 ${scheme} 凭据` : ""}`,
      ),
    );
  }
  if (!/^[A-Za-z0-9._~+/-]+=*$/.test(credentials)) {
    return invalidToken(
      credentials === ""
        ? said('the Authorization header has no token after "Bearer"', "Authorization 请求头的“Bearer”后面没有令牌")
        : said(
            'the Authorization header must be "Bearer" and one token (letters, digits, - and _), nothing else',
            "Authorization 请求头只能是“Bearer”加一个令牌（字母、数字、- 和 _），不能有别的",
          ),
    );
  }
  if (!credentials.startsWith("lbk_")) {
    return invalidToken(
      said(
        `this is not an LLM Basics API token (those start with "lbk_"); get one at ${TOKENS_PAGE}`,
        `这不是 LLM Basics 的 API 令牌（它们以“lbk_”开头）；请到 ${TOKENS_PAGE} 获取`,
      ),
    );
  }
  return credentials;
}
