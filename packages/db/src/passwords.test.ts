import { describe, expect, it } from "vitest";
import { passwordProblem } from "./passwords.ts";

// The rules every way in shares (sign-up, pnpm db:create-instructor); the forms' own test
// (apps/web lib/accounts/input.test.ts) goes through them case by case.
describe("passwordProblem", () => {
  it("accepts passphrases and any script", () => {
    for (const password of ["correct horse battery", "注意力就是一切吧", "Zx9!mQ2#", "abcdefgi", "31415926535"])
      expect([password, passwordProblem(password)]).toEqual([password, null]);
  });

  it("names the first rule a guessable password breaks", () => {
    expect(passwordProblem("")).toBe("blank");
    expect(passwordProblem("\u2060\u200b\u00ad\u180e\u3164\u115f\u2800".repeat(2))).toBe("blank");
    expect(passwordProblem("short")).toBe("too-short");
    expect(passwordProblem("x".repeat(129))).toBe("too-long");
    expect(passwordProblem("zzzzzzzzzz")).toBe("repeated");
    expect(passwordProblem("0987654321")).toBe("sequence");
    expect(passwordProblem("password1")).toBe("common");
  });

  it("refuses the context's words only when given them", () => {
    expect(passwordProblem("jamie.doe")).toBeNull();
    expect(passwordProblem("jamie.doe", { email: "Jamie.Doe@example.com" })).toBe("personal");
    expect(passwordProblem("Jamie Doe 1990", { displayName: "jamie doe" })).toBe("personal");
    expect(passwordProblem("jamie doe reads a lot", { displayName: "jamie doe" })).toBeNull();
    expect(passwordProblem("llm-basics!")).toBe("personal");
    // Digits of the word itself are part of it, not the digits around it.
    expect(passwordProblem("own-abc123def4562024", { email: "own-abc123def456@example.com" })).toBe("personal");
    expect(passwordProblem("8302958117", { email: "8302958117@qq.com" })).toBe("personal");
    expect(passwordProblem("98712300777", { email: "123@qq.com" })).toBeNull();
  });
});
