import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/json";
import { bearerToken, tokenRequired } from "./bearer";

const refusal = (header: string) => {
  const result = bearerToken(header);
  if (!(result instanceof ApiError)) throw new Error(`expected a refusal of ${JSON.stringify(header)}`);
  return result;
};

describe("bearerToken", () => {
  it("reads the token of a Bearer header, the scheme in any case, with extra spaces", () => {
    expect(bearerToken("Bearer lbk_Abc-123_x")).toBe("lbk_Abc-123_x");
    expect(bearerToken("bearer   lbk_Abc ")).toBe("lbk_Abc");
    expect(bearerToken("BEARER lbk_a=")).toBe("lbk_a=");
  });

  it("refuses other schemes, a missing token and extra words with a 401 that says which", () => {
    const basic = refusal("Basic dXNlcjpwYXNz");
    expect(basic.status).toBe(401);
    expect(basic.code).toBe("invalid-token");
    expect(basic.message).toContain("not a Basic credential");
    expect(basic.headers["WWW-Authenticate"]).toBe('Bearer realm="llm-basics grading API", error="invalid_token"');
    expect(refusal("Bearer").message).toContain('no token after "Bearer"');
    expect(refusal("Bearer   ").message).toContain('no token after "Bearer"');
    expect(refusal("").message).toContain('must be "Bearer lbk_…"');
    expect(refusal("Bearer lbk_a lbk_b").message).toContain("one token");
    expect(refusal("Bearer lbk_a,x").message).toContain("one token");
  });

  it("refuses a token that is not one of ours before any lookup", () => {
    expect(refusal("Bearer ghp_0123456789").message).toContain('start with "lbk_"');
  });
});

describe("tokenRequired", () => {
  it("is a 401 naming the field, with a challenge", () => {
    const error = tokenRequired("answers[2].learner");
    expect(error.status).toBe(401);
    expect(error.body()).toMatchObject({ error: { code: "token-required", field: "answers[2].learner" } });
    expect(error.message).toMatch(/^answers\[2\]\.learner: recording answers for a learner needs an API token/);
    expect(error.headers["WWW-Authenticate"]).toBe('Bearer realm="llm-basics grading API"');
  });
});
