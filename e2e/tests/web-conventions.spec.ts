import type { Page as CoursePage } from "@llm-basics/content";
import { expect, type Page, test } from "@playwright/test";
import { course } from "./course.ts";

// What the site tells search engines, feed readers, link previews and browsers about itself, over
// real HTTP from the production server: the sitemap lists every published page of the course (as
// the content package lists them, not a list written here) in both languages, robots.txt names
// it, each language has a feed and a web app manifest, and every lesson's head carries its
// Open Graph tags. These servers run without SITE_URL, so the documents that need absolute URLs
// take the request's host, and the pages leave out their canonical and language links.

const site = await course();
const LANGUAGES = site.languages.filter((l) => l.code === "zh" || l.code === "en");
/** Each served language's published pages: its home, then its lessons. */
const pagesIn = (code: string): CoursePage[] => [
  ...(site.homeIn(code) ? [site.homeIn(code) as CoursePage] : []),
  ...site.lessonsIn(code),
];
const PAGES = LANGUAGES.flatMap((l) => pagesIn(l.code));

/** GET without following redirects: each document is at its own URL, not redirected there. */
async function get(baseURL: string | undefined, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseURL}${path}`, { redirect: "manual", headers });
  return { response, body: response.status === 200 ? await response.text() : "" };
}

/** The document parsed by the browser's own XML parser: throws on a document that is not well-formed. */
async function parseXml(page: Page, xml: string): Promise<void> {
  const problem = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    return doc.querySelector("parsererror")?.textContent ?? null;
  }, xml);
  expect(problem, "well-formed XML").toBeNull();
}

test("the sitemap lists every published page in both languages, with its language versions", async ({
  page,
  baseURL,
}) => {
  expect(PAGES.length).toBeGreaterThan(LANGUAGES.length);
  const { response, body } = await get(baseURL, "/sitemap.xml");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
  expect(response.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+/);
  await parseXml(page, body);

  const entries = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    return [...doc.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "url")].map((url) => ({
      loc: url.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc")[0]?.textContent ?? "",
      lastmod: url.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "lastmod")[0]?.textContent,
      alternates: [...url.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link")].map((link) => ({
        hreflang: link.getAttribute("hreflang") ?? "",
        href: link.getAttribute("href") ?? "",
      })),
    }));
  }, body);

  // Every page, each once, absolute under the host the sitemap was asked for; nothing else.
  expect(entries.map((e) => e.loc).sort()).toEqual(PAGES.map((p) => `${baseURL}${p.url}`).sort());
  for (const entry of entries) {
    const coursePage = site.pageAt(new URL(entry.loc).pathname) as CoursePage;
    const { lastmod, date } = coursePage.frontMatter as { lastmod?: string; date?: string };
    expect(entry.lastmod, entry.loc).toBe(lastmod ?? date);
    const versions = [...site.translationsOf(coursePage).values()];
    if (versions.length > 1) {
      const expected = [
        ...versions.map((v) => ({ hreflang: v.lang, href: `${baseURL}${v.url}` })),
        { hreflang: "x-default", href: `${baseURL}${site.translationsOf(coursePage).get("zh")?.url}` },
      ];
      expect(entry.alternates, entry.loc).toEqual(expected);
    }
  }
  // ...and each of them is a page the server serves.
  for (const entry of entries) {
    expect((await fetch(entry.loc, { redirect: "manual" })).status, entry.loc).toBe(200);
  }
  // No account page, no draft.
  expect(body).not.toMatch(/\/(signin|signup|progress|instructor)\//);

  // Asked again with its ETag: a bodiless 304.
  const etag = response.headers.get("etag") as string;
  expect(etag).toBeTruthy();
  expect((await get(baseURL, "/sitemap.xml", { "If-None-Match": etag })).response.status).toBe(304);
});

test("robots.txt lets crawlers read the lessons, not the API or account pages, and names the sitemap", async ({
  baseURL,
}) => {
  const { response, body } = await get(baseURL, "/robots.txt");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(response.headers.get("cache-control")).toMatch(/^public, /);
  const lines = body.split("\n");
  expect(lines).toContain("User-agent: *");
  expect(lines).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  const disallowed = lines.filter((l) => l.startsWith("Disallow: ")).map((l) => l.slice("Disallow: ".length));
  for (const path of ["/api/", "/signin/", "/en/signup/", "/progress/", "/en/instructor/"]) {
    expect(disallowed, path).toContain(path);
  }
  for (const coursePage of PAGES) {
    expect(
      disallowed.some((path) => coursePage.url.startsWith(path)),
      `${coursePage.url} is open to crawlers`,
    ).toBe(false);
  }
});

for (const language of LANGUAGES) {
  const home = language.root;

  test(`${language.code}: the lessons' feed lists every lesson and is linked from the pages`, async ({
    page,
    baseURL,
  }) => {
    const feedUrl = `${home}index.xml`;
    const { response, body } = await get(baseURL, feedUrl);
    expect(response.status, feedUrl).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/^public, /);
    await parseXml(page, body);
    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const channel = doc.querySelector("rss > channel");
      return {
        language: channel?.querySelector(":scope > language")?.textContent,
        items: [...doc.querySelectorAll("item")].map((item) => ({
          title: item.querySelector("title")?.textContent ?? "",
          link: item.querySelector("link")?.textContent ?? "",
          pubDate: item.querySelector("pubDate")?.textContent ?? "",
          description: item.querySelector("description")?.textContent ?? "",
        })),
      };
    }, body);
    expect(feed.language).toBe(language.lang);
    const lessons = site.lessonsIn(language.code);
    expect(feed.items.map((i) => i.link).sort()).toEqual(lessons.map((l) => `${baseURL}${l.url}`).sort());
    for (const item of feed.items) {
      const lesson = site.pageAt(new URL(item.link).pathname) as CoursePage;
      // Titles as written (the parser undoes the escaping), dates that parse, the description.
      expect(item.title).toBe(lesson.title);
      expect(Number.isNaN(Date.parse(item.pubDate)), item.pubDate).toBe(false);
      expect(item.description).toBe(lesson.description ?? "");
    }
    // Newest first.
    const times = feed.items.map((i) => Date.parse(i.pubDate));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // Every page of the language names it in its head.
    await page.goto(home);
    await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
      "href",
      new RegExp(`${feedUrl.replace(/[.]/g, "\\.")}$`),
    );
  });

  test(`${language.code}: the web app manifest names the site and starts at its home`, async ({ page, baseURL }) => {
    await page.goto(home);
    const href = (await page.locator('head link[rel="manifest"]').getAttribute("href")) as string;
    const manifestUrl = new URL(href, page.url());
    expect(manifestUrl.pathname).toBe(`${home}manifest.webmanifest`);
    const response = await fetch(manifestUrl, { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/manifest+json; charset=utf-8");
    const manifest = (await response.json()) as {
      name: string;
      short_name: string;
      lang: string;
      start_url: string;
      display: string;
      theme_color: string;
      icons: { src: string; type: string }[];
    };
    expect(manifest).toMatchObject({ name: language.title, lang: language.lang, display: "standalone" });
    expect(manifest.short_name.length).toBeGreaterThan(0);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(new URL(manifest.start_url, manifestUrl).pathname).toBe(home);
    for (const icon of manifest.icons) {
      const iconResponse = await fetch(new URL(icon.src, manifestUrl));
      expect(iconResponse.status, icon.src).toBe(200);
      expect(iconResponse.headers.get("content-type")).toContain(icon.type);
    }
    expect(baseURL).toBeTruthy();
  });

  test(`${language.code}: every page's head has its Open Graph and Twitter card, and no relative canonical or language links`, async ({
    page,
    baseURL,
  }) => {
    const ogLocale = (lang: string) => (lang === "zh-CN" ? "zh_CN" : "en_US");
    for (const coursePage of pagesIn(language.code)) {
      // The document as served, read by the browser's HTML parser (the head is all this reads:
      // no need to load each lesson's fonts, scripts and exercises).
      const url = `${baseURL}${coursePage.url}`;
      const html = await (await fetch(url)).text();
      const head = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "text/html");
        const meta: Record<string, string[]> = {};
        for (const m of doc.head.querySelectorAll("meta[property], meta[name]")) {
          const key = m.getAttribute("property") ?? m.getAttribute("name") ?? "";
          meta[key] = [...(meta[key] ?? []), m.getAttribute("content") ?? ""];
        }
        return {
          canonical: [...doc.head.querySelectorAll('link[rel="canonical"]')].map((l) => l.getAttribute("href")),
          alternates: [...doc.head.querySelectorAll("link[rel=alternate][hreflang]")].map((l) => [
            l.getAttribute("hreflang"),
            l.getAttribute("href"),
          ]),
          meta,
        };
      }, html);
      const one = (key: string) => {
        expect(head.meta[key], `${coursePage.url}: ${key}`).toHaveLength(1);
        return head.meta[key]?.[0];
      };

      // Without a base URL a prerendered page cannot know its absolute address: no canonical and
      // no language links, which must be absolute (the sitemap above names the versions instead).
      // With SITE_URL they are there (page-metadata.test.ts).
      expect(head.canonical, coursePage.url).toEqual([]);
      expect(head.alternates, coursePage.url).toEqual([]);

      const isHome = coursePage === site.homeIn(language.code);
      expect(one("og:title")).toBe(isHome ? `${coursePage.title} · ${language.title}` : coursePage.title);
      expect(one("og:description")).toBeTruthy();
      if (coursePage.description) expect(one("og:description")).toBe(coursePage.description);
      expect(one("og:type")).toBe(isHome ? "website" : "article");
      expect(one("og:locale")).toBe(ogLocale(coursePage.lang));
      expect(one("og:locale:alternate")).toBe(ogLocale(coursePage.lang === "en" ? "zh-CN" : "en"));
      expect(one("og:site_name")).toBe(language.title);
      // og:url must be absolute: there (under SITE_URL) or left out, never relative.
      for (const ogUrl of head.meta["og:url"] ?? [])
        expect(ogUrl).toMatch(new RegExp(`^https?://[^/]+${coursePage.url}$`));
      expect(one("twitter:card")).toBe("summary");
      expect(one("twitter:title")).toBe(one("og:title"));
    }
  });
}

test("the documents are at their public URLs: not rewritten to /zh/, and /zh/index.xml is no second copy", async ({
  baseURL,
}) => {
  for (const [path, type] of [
    ["/sitemap.xml", "application/xml"],
    ["/robots.txt", "text/plain"],
    ["/index.xml", "application/rss+xml"],
    ["/en/index.xml", "application/rss+xml"],
    ["/manifest.webmanifest", "application/manifest+json"],
    ["/en/manifest.webmanifest", "application/manifest+json"],
  ] as const) {
    const { response } = await get(baseURL, path);
    expect(response.status, path).toBe(200);
    expect(response.headers.get("content-type"), path).toContain(type);
    expect(response.headers.get("set-cookie"), path).toBeNull();
    // With a trailing slash: redirected to the document, as any file.
    const slashed = await get(baseURL, `${path}/`);
    expect(slashed.response.status, `${path}/`).toBe(308);
    expect(slashed.response.headers.get("location"), `${path}/`).toBe(path);
  }
  for (const path of ["/zh/index.xml", "/zh/manifest.webmanifest", "/zh/sitemap.xml"]) {
    expect((await get(baseURL, path)).response.status, path).toBe(404);
  }
});
