import type { Site } from "@llm-basics/content";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sitemapEntries, sitemapXml, w3cDatetime } from "./sitemap";
import { loadTestSite } from "./test-site";
import { escapeXml } from "./xml";

let site: Site;
let drafts: Site;
const removals: Array<() => void> = [];

beforeAll(async () => {
  for (const includeDrafts of [false, true]) {
    const loaded = await loadTestSite(includeDrafts);
    removals.push(loaded.remove);
    if (includeDrafts) drafts = loaded.site;
    else site = loaded.site;
  }
}, 60_000);
afterAll(() => {
  for (const remove of removals) remove();
});

describe("sitemapEntries", () => {
  it("lists each language's home and published lessons, never a draft", () => {
    const paths = (s: Site) => sitemapEntries(s, ["zh", "en"]).map((e) => e.path);
    const expected = ["/", "/qa/", "/later/", "/en/", "/en/qa/", "/en/undated/"];
    expect(paths(site)).toEqual(expected);
    // A development server reads drafts; the sitemap still leaves them out.
    expect(paths(drafts)).toEqual(expected);
  });

  it("only lists the languages asked for", () => {
    expect(sitemapEntries(site, ["en"]).map((e) => e.path)).toEqual(["/en/", "/en/qa/", "/en/undated/"]);
  });

  it("gives each translated page its language versions and x-default, a lone page none", () => {
    const byPath = new Map(sitemapEntries(site, ["zh", "en"]).map((e) => [e.path, e]));
    const qaVersions = [
      { hreflang: "zh-CN", path: "/qa/" },
      { hreflang: "en", path: "/en/qa/" },
      { hreflang: "x-default", path: "/qa/" },
    ];
    expect(byPath.get("/qa/")?.alternates).toEqual(qaVersions);
    expect(byPath.get("/en/qa/")?.alternates).toEqual(qaVersions);
    expect(byPath.get("/later/")?.alternates).toEqual([]);
    // Only the languages served: an English page's Chinese version is not named when Chinese is not.
    expect(sitemapEntries(site, ["en"]).find((e) => e.path === "/en/qa/")?.alternates).toEqual([]);
  });

  it("dates each page by lastmod, else date, as W3C datetimes", () => {
    const byPath = new Map(sitemapEntries(site, ["zh", "en"]).map((e) => [e.path, e.lastmod]));
    expect(byPath.get("/qa/")).toBe("2025-04-02");
    expect(byPath.get("/later/")).toBe("2025-05-01T00:00:00+08:00");
    expect(byPath.get("/en/qa/")).toBe("2025-03-01T08:00:00.000Z");
    expect(byPath.get("/en/undated/")).toBeUndefined();
  });
});

it("w3cDatetime keeps W3C dates as written and writes others in UTC", () => {
  expect(w3cDatetime("2025-03-01")).toBe("2025-03-01");
  expect(w3cDatetime("2025-03-01T08:00:00+08:00")).toBe("2025-03-01T08:00:00+08:00");
  expect(w3cDatetime("2025-03-01T08:00Z")).toBe("2025-03-01T08:00Z");
  expect(w3cDatetime("2025-03-01 08:00:00Z")).toBe("2025-03-01T08:00:00.000Z");
});

describe("sitemapXml", () => {
  it("writes every URL absolute under the origin, with lastmod and xhtml:link alternates", () => {
    const xml = sitemapXml(sitemapEntries(site, ["zh", "en"]), "https://learn.example.org");
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9" xmlns:xhtml="http:\/\/www.w3.org\/1999\/xhtml">\n/,
    );
    expect([...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual([
      "https://learn.example.org/",
      "https://learn.example.org/qa/",
      "https://learn.example.org/later/",
      "https://learn.example.org/en/",
      "https://learn.example.org/en/qa/",
      "https://learn.example.org/en/undated/",
    ]);
    expect(xml).toContain(
      [
        "  <url>",
        "    <loc>https://learn.example.org/en/qa/</loc>",
        "    <lastmod>2025-03-01T08:00:00.000Z</lastmod>",
        '    <xhtml:link rel="alternate" hreflang="zh-CN" href="https://learn.example.org/qa/"/>',
        '    <xhtml:link rel="alternate" hreflang="en" href="https://learn.example.org/en/qa/"/>',
        '    <xhtml:link rel="alternate" hreflang="x-default" href="https://learn.example.org/qa/"/>',
        "  </url>",
      ].join("\n"),
    );
    expect(xml.trimEnd().endsWith("</urlset>")).toBe(true);
  });

  it("escapes what XML gives meaning to in a URL", () => {
    const xml = sitemapXml([{ path: "/a&b/", lastmod: undefined, alternates: [] }], "https://x.org");
    expect(xml).toContain("<loc>https://x.org/a&amp;b/</loc>");
  });
});

it("escapeXml escapes the five XML characters, keeps CJK and drops characters XML cannot carry", () => {
  expect(escapeXml(`Q&A <b> "注意力" 'x'`)).toBe("Q&amp;A &lt;b&gt; &quot;注意力&quot; &apos;x&apos;");
  expect(escapeXml("a\u0000b\u0008c\td\n😀")).toBe("abc\td\n😀");
});
