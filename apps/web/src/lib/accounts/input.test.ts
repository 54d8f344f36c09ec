import { describe, expect, it } from "vitest";
import { AFTER_SIGN_IN, parseSignIn, parseSignUp, safeNextPath } from "./input";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** What the sign-up form says about `password`, typed beside `email` and `displayName`. */
function newPasswordProblem(password: string, email = "ann@example.com", displayName = "") {
  const parsed = parseSignUp(form({ email, password, displayName }));
  return parsed.ok ? null : parsed.state.fields.password;
}

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query and anchor", () => {
    expect(safeNextPath("/attention/")).toBe("/attention/");
    expect(safeNextPath("/softmax/?tab=2#练习")).toBe("/softmax/?tab=2#%E7%BB%83%E4%B9%A0");
    expect(safeNextPath("/")).toBe("/");
  });

  it("sends anything that could leave the site to the default", () => {
    for (const next of [
      "//evil.example/",
      "/\\evil.example/",
      "/\t/evil.example/",
      "/\n/evil.example/",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      " /attention/",
      "",
    ]) {
      expect(safeNextPath(next), JSON.stringify(next)).toBe(AFTER_SIGN_IN);
    }
  });

  it("refuses a path that dot segments turn into another site's address", () => {
    expect(safeNextPath("/a/../../..//evil.example")).toBe(AFTER_SIGN_IN);
    expect(safeNextPath("/..//evil.example")).toBe(AFTER_SIGN_IN);
    expect(safeNextPath("/./\\evil.example")).toBe(AFTER_SIGN_IN);
    expect(safeNextPath("/lessons/../attention/")).toBe("/attention/");
    // Encoded slashes stay a path on this site.
    expect(safeNextPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("refuses what is not one string, and the account forms themselves", () => {
    expect(safeNextPath(undefined)).toBe(AFTER_SIGN_IN);
    expect(safeNextPath(["/a/", "/b/"])).toBe(AFTER_SIGN_IN);
    expect(safeNextPath(`/${"a".repeat(3000)}`)).toBe(AFTER_SIGN_IN);
    expect(safeNextPath("/signin/")).toBe(AFTER_SIGN_IN);
    expect(safeNextPath("/signup")).toBe(AFTER_SIGN_IN);
    expect(safeNextPath("/signup/?next=/x/")).toBe(AFTER_SIGN_IN);
  });
});

describe("parseSignUp", () => {
  it("normalizes the email, tidies the display name and keeps a safe next", () => {
    const parsed = parseSignUp(
      form({
        email: "  Ann@Example.COM ",
        password: "correct horse battery",
        displayName: " Ann  Lee ",
        next: "/softmax/",
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      data: { email: "ann@example.com", password: "correct horse battery", displayName: "Ann Lee", next: "/softmax/" },
      values: { email: "  Ann@Example.COM ", displayName: " Ann  Lee " },
    });
  });

  it("leaves an empty display name to the default and an unsafe next to the home page", () => {
    const parsed = parseSignUp(form({ email: "ann@example.com", password: "correct horse battery", next: "//evil/" }));
    expect(parsed.ok && parsed.data).toEqual({
      email: "ann@example.com",
      password: "correct horse battery",
      next: "/",
    });
  });

  it("names every field's problem at once, and gives back what was typed except the password", () => {
    const parsed = parseSignUp(form({ email: "ann@", password: "short", displayName: "x".repeat(51) }));
    expect(parsed).toEqual({
      ok: false,
      state: {
        fields: { email: "email-invalid", password: "too-short", displayName: "display-name-invalid" },
        values: { email: "ann@", displayName: "x".repeat(51) },
      },
    });
  });

  it("says which password rule is broken", () => {
    const problemOf = (password: string) => {
      const parsed = parseSignUp(form({ email: "ann@example.com", password }));
      return parsed.ok ? null : parsed.state.fields.password;
    };
    expect(problemOf("")).toBe("password-missing");
    expect(problemOf("1234567")).toBe("too-short");
    expect(problemOf("password1")).toBe("common");
    expect(problemOf("Password1")).toBe("common");
    expect(problemOf("a".repeat(129))).toBe("too-long");
    // Length is counted in characters, not bytes: eight Chinese characters are enough.
    expect(problemOf("注意力就是一切吧")).toBeNull();
  });

  it("refuses a password with nothing visible in it, however long", () => {
    const problemOf = (password: string) => newPasswordProblem(password);
    expect(problemOf(" ".repeat(8))).toBe("blank");
    expect(problemOf("\u200b".repeat(8))).toBe("blank"); // zero-width spaces
    expect(problemOf("\u3000\t\u00a0\u200d\ufeff\u2060\u3164 \u200c")).toBe("blank"); // ideographic space, fillers, joiners
    expect(problemOf(" ".repeat(20))).toBe("blank");
    expect(problemOf(" ".repeat(3))).toBe("blank");
  });

  it("refuses one character, or a short group, over and over", () => {
    const problemOf = (password: string) => newPasswordProblem(password);
    for (const password of [
      "aaaaaaaa",
      "AAAAaaaa",
      "0000000000",
      "密密密密密密密密",
      "a a a a a",
      "abababab",
      "abcdabcdabcd",
    ])
      expect([password, problemOf(password)]).toEqual([password, "repeated"]);
    // Full-width letters are the same letters after NFKC.
    expect(problemOf("ａａａａａａａａ")).toBe("repeated");
    expect(problemOf("aaaa bbbb cccc")).toBeNull();
  });

  it("refuses a run along the alphabet, the digits or the keyboard, either way", () => {
    const problemOf = (password: string) => newPasswordProblem(password);
    for (const password of [
      "abcdefgh",
      "ABCDEFGHIJ",
      "hgfedcba",
      "87654321",
      "34567890",
      "qwertyui",
      "poiuytrewq",
      "asdfghjkl",
      "zyxwvuts",
      "1qaz2wsx3edc",
    ])
      expect([password, problemOf(password)]).toEqual([password, "sequence"]);
    // Neither a run nor a repetition: a shuffled one, or a run inside a longer passphrase.
    expect(problemOf("hcfbgdea")).toBeNull();
    expect(problemOf("abcdefgh is my cat")).toBeNull();
  });

  it("refuses the account's own words: the email, the part before the @, the display name, the site's name", () => {
    const problemOf = (password: string, email = "ann.lee@example.com", displayName = "") =>
      newPasswordProblem(password, email, displayName);
    expect(problemOf("ann.lee@example.com")).toBe("personal");
    expect(problemOf("ANN.LEE@EXAMPLE.COM")).toBe("personal");
    expect(problemOf("annleeannlee")).toBe("personal");
    expect(problemOf("Ann Lee 2024!")).toBe("personal");
    expect(problemOf("2024annlee")).toBe("personal");
    expect(problemOf("Zhang Wei Xiao", "zw@example.com", "Zhang Weixiao")).toBe("personal");
    expect(problemOf("张伟小同学", "zw@example.com", "张伟小同学")).toBe("too-short");
    expect(problemOf("张伟小同学张伟小同学", "zw@example.com", "张伟小同学")).toBe("personal");
    expect(problemOf("LLM Basics")).toBe("personal");
    expect(problemOf("llmbasics123")).toBe("personal");
    // The email as typed counts, before it is normalized or even when it is malformed.
    expect(problemOf("mariagarcia", "  Maria.Garcia@Example.COM ")).toBe("personal");
    // Containing the name among other words is a passphrase, not the name.
    expect(problemOf("ann lee likes attention")).toBeNull();
    // A name of one or two letters would refuse far more than its own guesses.
    expect(problemOf("ababab-cd-ababab", "ab@example.com")).toBeNull();
  });

  it("tells a missing email from a malformed one, and treats a file or a missing field as empty", () => {
    const data = new FormData();
    data.set("email", new Blob(["ann@example.com"]));
    const parsed = parseSignUp(data);
    expect(parsed.ok ? null : parsed.state.fields).toEqual({ email: "email-missing", password: "password-missing" });
    const malformed = parseSignUp(form({ email: "ann example.com", password: "correct horse battery" }));
    expect(malformed.ok ? null : malformed.state.fields).toEqual({ email: "email-invalid" });
  });
});

describe("parseSignIn", () => {
  it("does not apply the new-password rules to a password being checked", () => {
    const parsed = parseSignIn(form({ email: "Ann@example.com", password: "password1", next: "/attention/" }));
    expect(parsed.ok && parsed.data).toEqual({ email: "ann@example.com", password: "password1", next: "/attention/" });
  });

  it("refuses empty fields and a password longer than any account may have, before anything is hashed", () => {
    const empty = parseSignIn(form({ email: " ", password: "" }));
    expect(empty.ok ? null : empty.state.fields).toEqual({ email: "email-missing", password: "password-missing" });
    const long = parseSignIn(form({ email: "ann@example.com", password: "密".repeat(129) }));
    expect(long.ok ? null : long.state.fields).toEqual({ password: "too-long" });
    const huge = parseSignIn(form({ email: "ann@example.com", password: "a".repeat(1_000_000) }));
    expect(huge.ok ? null : huge.state.fields).toEqual({ password: "too-long" });
  });
});
