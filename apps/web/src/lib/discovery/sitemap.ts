import type { Site } from "@llm-basics/content";
import { pageUpdatedOn } from "@/lib/course/page-dates";
import { absoluteUrl } from "./base-url";
import { type LanguageAlternate, languageAlternates } from "./language-alternates";
import { escapeXml } from "./xml";

// /sitemap.xml: every published page of the course, in every language, each with its language
// versions (Google's xhtml:link form of hreflang) and when it last changed. Account, progress
// and instructor pages are not in it; robots.txt keeps crawlers out of them.

/** A page as the sitemap lists it. */
export interface SitemapEntry {
  /** Root-relative: `/en/attention/`. */
  path: string;
  /** W3C datetime (`2025-03-01T00:00:00+08:00` or `2025-03-01`), from the front matter. */
  lastmod: string | undefined;
  alternates: LanguageAlternate[];
}

/**
 * The sitemap's pages: each language's home and then its lessons, in course order, languages in
 * the order given; drafts never (a development server reads them, and they are not published).
 */
export function sitemapEntries(site: Site, locales: readonly string[]): SitemapEntry[] {
  return locales.flatMap((locale) =>
    [site.homeIn(locale), ...site.lessonsIn(locale)]
      .filter((page) => page !== undefined)
      .filter((page) => !page.draft && page.language === locale)
      .map((page) => {
        const updated = pageUpdatedOn(page);
        return {
          path: page.url,
          lastmod: updated === undefined ? undefined : w3cDatetime(updated),
          alternates: languageAlternates(site, page, locales),
        };
      }),
  );
}

/**
 * A date as the sitemap protocol takes it (W3C datetime): a front matter date written that way
 * is kept as written, others (`2025-03-01 08:00:00`) become UTC.
 *
 * `w3cDatetime("2025-03-01 08:00:00Z")` → `"2025-03-01T08:00:00.000Z"`
 */
export function w3cDatetime(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(date)) return date;
  return new Date(date).toISOString();
}

/** The sitemap's XML, every URL absolute under `origin` (the protocol has no relative URLs). */
export function sitemapXml(entries: readonly SitemapEntry[], origin: string): string {
  const url = (path: string) => escapeXml(absoluteUrl(origin, path));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  for (const entry of entries) {
    lines.push("  <url>", `    <loc>${url(entry.path)}</loc>`);
    if (entry.lastmod) lines.push(`    <lastmod>${escapeXml(entry.lastmod)}</lastmod>`);
    for (const alternate of entry.alternates) {
      lines.push(
        `    <xhtml:link rel="alternate" hreflang="${escapeXml(alternate.hreflang)}" href="${url(alternate.path)}"/>`,
      );
    }
    lines.push("  </url>");
  }
  lines.push("</urlset>", "");
  return lines.join("\n");
}
