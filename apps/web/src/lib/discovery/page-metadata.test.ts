import type { Page, Site } from "@llm-basics/content";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGraphLocale, pageMetadata } from "./page-metadata";
import { loadTestSite } from "./test-site";

let site: Site;
let remove: () => void;
beforeAll(async () => {
  ({ site, remove } = await loadTestSite());
}, 60_000);
afterAll(() => remove());

const LOCALES = ["zh", "en"];
const page = (url: string): Page => site.pageAt(url) as Page;
const options = { locales: LOCALES, base: undefined, isHome: false, siteDescription: "站点描述" };

it("openGraphLocale writes language_TERRITORY", () => {
  expect(openGraphLocale("zh-CN")).toBe("zh_CN");
  expect(openGraphLocale("en")).toBe("en_US");
  expect(openGraphLocale("en-GB")).toBe("en_GB");
  expect(openGraphLocale("fr")).toBe("fr_FR");
});

describe("pageMetadata", () => {
  it("gives a lesson its canonical and language versions under the base URL, and its language's feed", () => {
    const metadata = pageMetadata(site, page("/en/qa/"), {
      ...options,
      base: { origin: "https://a.org", from: "SITE_URL" },
    });
    // Root-relative here: the layout's metadataBase makes them absolute.
    expect(metadata.alternates).toEqual({
      canonical: "/en/qa/",
      languages: { "zh-CN": "/qa/", en: "/en/qa/", "x-default": "/qa/" },
      types: { "application/rss+xml": [{ url: "/en/index.xml", title: "LLM Basics" }] },
    });
  });

  it("without a base URL leaves out what must be absolute: canonical, language versions, og:url", () => {
    const metadata = pageMetadata(site, page("/en/qa/"), options);
    expect(metadata.alternates).toEqual({
      types: { "application/rss+xml": [{ url: "/en/index.xml", title: "LLM Basics" }] },
    });
    expect(metadata.openGraph).not.toHaveProperty("url");
  });

  it("describes a lesson for link previews as an article in its language", () => {
    const metadata = pageMetadata(site, page("/qa/"), {
      ...options,
      base: { origin: "https://a.org", from: "SITE_URL" },
    });
    expect(metadata.openGraph).toEqual({
      type: "article",
      title: "问答 Q&A <b>",
      description: "键 & 值 <i>",
      siteName: "LLM Basics",
      locale: "zh_CN",
      alternateLocale: ["en_US"],
      url: "https://a.org/qa/",
      publishedTime: "2025-03-01T00:00:00+08:00",
      modifiedTime: "2025-04-02",
    });
    expect(metadata.twitter).toEqual({ card: "summary", title: "问答 Q&A <b>", description: "键 & 值 <i>" });
  });

  it("describes a page without a description as the site is, and a lone page without alternates", () => {
    const metadata = pageMetadata(site, page("/en/undated/"), {
      ...options,
      base: { origin: "https://a.org", from: "baseURL" },
      siteDescription: "About the site.",
    });
    expect(metadata.openGraph).toMatchObject({ description: "About the site.", locale: "en_US" });
    expect(metadata.openGraph).not.toHaveProperty("alternateLocale");
    expect(metadata.openGraph).not.toHaveProperty("publishedTime");
    expect(metadata.alternates).not.toHaveProperty("languages");
    expect(metadata.alternates?.canonical).toBe("/en/undated/");
  });

  it("makes a home page a website named with the site's title", () => {
    const metadata = pageMetadata(site, page("/en/"), {
      ...options,
      base: { origin: "https://a.org", from: "SITE_URL" },
      isHome: true,
    });
    expect(metadata.openGraph).toMatchObject({
      type: "website",
      title: "Home · LLM Basics",
      description: "The English home.",
    });
    expect(metadata.openGraph).not.toHaveProperty("publishedTime");
    expect(metadata.alternates?.languages).toEqual({ "zh-CN": "/", en: "/en/", "x-default": "/" });
  });
});
