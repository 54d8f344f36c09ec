import { describe, expect, it } from "vitest";
import { absoluteUrl, requestOrigin, resolveBaseUrl } from "./base-url";

describe("resolveBaseUrl", () => {
  it("takes SITE_URL over the site config's baseURL", () => {
    expect(resolveBaseUrl({ siteUrl: "https://learn.example.org", baseURL: "https://old.example.org/" })).toEqual({
      base: { origin: "https://learn.example.org", from: "SITE_URL" },
      warning: undefined,
    });
  });

  it("takes the site config's baseURL without SITE_URL, normalized to an origin", () => {
    expect(resolveBaseUrl({ baseURL: "https://Example.org:443/" })).toEqual({
      base: { origin: "https://example.org", from: "baseURL" },
      warning: undefined,
    });
    expect(resolveBaseUrl({ siteUrl: "", baseURL: "http://localhost:1313/" }).base?.origin).toBe(
      "http://localhost:1313",
    );
  });

  it("keeps a baseURL's origin and says its path is not used", () => {
    const { base, warning } = resolveBaseUrl({ baseURL: "https://example.org/docs/" });
    expect(base).toEqual({ origin: "https://example.org", from: "baseURL" });
    expect(warning).toContain("/docs/");
  });

  it("without either, has no base and a warning naming both settings", () => {
    for (const settings of [{}, { siteUrl: undefined, baseURL: "" }]) {
      const { base, warning } = resolveBaseUrl(settings);
      expect(base).toBeUndefined();
      expect(warning).toContain("SITE_URL");
      expect(warning).toContain("baseURL");
    }
  });

  it("counts a baseURL that is not an absolute http(s) URL as none, and names it", () => {
    for (const baseURL of ["/", "example.org", "ftp://example.org/"]) {
      const { base, warning } = resolveBaseUrl({ baseURL });
      expect(base, baseURL).toBeUndefined();
      expect(warning, baseURL).toContain(`"${baseURL}" is not an absolute http(s) URL`);
    }
  });
});

describe("requestOrigin", () => {
  it("is the request's host over its scheme", () => {
    expect(requestOrigin("learn.example.org", true)).toBe("https://learn.example.org");
    expect(requestOrigin("127.0.0.1:3000", false)).toBe("http://127.0.0.1:3000");
    expect(requestOrigin("[::1]:3000", false)).toBe("http://[::1]:3000");
    expect(requestOrigin("teacher-laptop", false)).toBe("http://teacher-laptop");
  });

  it("is undefined for a Host that is not a host", () => {
    for (const host of [undefined, null, "", "a.org/x", 'a.org"><x', "user@a.org", "a.org:port", "a..org"]) {
      expect(requestOrigin(host, false), String(host)).toBeUndefined();
    }
  });
});

it("absoluteUrl puts a root-relative path under an origin", () => {
  expect(absoluteUrl("https://a.org", "/en/attention/")).toBe("https://a.org/en/attention/");
});
