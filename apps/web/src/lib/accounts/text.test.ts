import { describe, expect, it } from "vitest";
import { accountText } from "./text";

describe("accountText", () => {
  it("says how long to wait, never shorter than the real wait", () => {
    expect(accountText("zh").rateLimited(45)).toBe("尝试次数太多了。为了保护账户，请在 45 秒后再试。");
    expect(accountText("zh").rateLimited(61)).toBe("尝试次数太多了。为了保护账户，请在 2 分钟后再试。");
    expect(accountText("en").rateLimited(1)).toContain("in 1 second.");
    expect(accountText("en").rateLimited(90)).toContain("in 2 minutes.");
    expect(accountText("en").rateLimited(60)).toContain("in 1 minute.");
  });

  it("has the same problems in both languages", () => {
    expect(Object.keys(accountText("en").fieldProblems).sort()).toEqual(
      Object.keys(accountText("zh").fieldProblems).sort(),
    );
    expect(accountText("zh").formProblems.credentials).toBe("邮箱或密码不对。");
  });
});
