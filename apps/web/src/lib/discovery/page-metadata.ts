import type { Page, Site } from "@llm-basics/content";
import type { Metadata } from "next";
import { pagePublishedOn, pageUpdatedOn } from "@/lib/course/page-dates";
import { absoluteUrl, type BaseUrl } from "./base-url";
import { feedPath } from "./feed";
import { languageAlternates } from "./language-alternates";

// What a home page or lesson says about itself in <head> for search engines, feed readers and
// link previews: canonical and language links, the feed, Open Graph and the Twitter card. Next's
// Metadata API writes the tags; the layout's metadataBase (the base URL) makes the links
// absolute. Without a base URL the page cannot know its absolute address (it is prerendered, for
// any host), and the canonical and language links are left out with og:url: HTML would take them
// relative, but the hreflang convention search engines follow wants fully qualified URLs, and
// Lighthouse rates relative canonical and hreflang links invalid (SEO 83 on every page). The
// sitemap, built per request, carries the language versions under the request's own host then.

/** Open Graph's `language_TERRITORY` for a BCP 47 tag: `zh-CN` → `zh_CN`, `en` → `en_US`. */
export function openGraphLocale(lang: string): string {
  const [language = "", region] = lang.split("-");
  const territory = region && /^[A-Za-z]{2}$/.test(region) ? region : DEFAULT_TERRITORY[language.toLowerCase()];
  return `${language.toLowerCase()}_${(territory ?? language).toUpperCase()}`;
}

/** Where a language without a region is mostly read, for og:locale. */
const DEFAULT_TERRITORY: Record<string, string> = { en: "US", zh: "CN", ja: "JP", ko: "KR", pt: "BR", sv: "SE" };

/**
 * Metadata for a page of the course (`page`, in a language the app serves, one of `locales`). A
 * home page is a `website` named with the site's title, a lesson an `article` with its dates; a
 * page without a description of its own is described as the site is (`siteDescription`).
 */
export function pageMetadata(
  site: Site,
  page: Page,
  options: { locales: readonly string[]; base: BaseUrl | undefined; isHome: boolean; siteDescription: string },
): Metadata {
  const language = site.languages.find((l) => l.code === page.language) ?? site.languages[0];
  const siteTitle = language?.title ?? page.title;
  const alternates = languageAlternates(site, page, options.locales);
  const otherLocales = alternates
    .filter((a) => a.hreflang !== "x-default" && a.hreflang !== page.lang)
    .map((a) => openGraphLocale(a.hreflang));
  const title = options.isHome ? `${page.title} · ${siteTitle}` : page.title;
  const description = page.description ?? options.siteDescription;
  const published = pagePublishedOn(page);
  const updated = pageUpdatedOn(page);
  const common = {
    title,
    description,
    siteName: siteTitle,
    locale: openGraphLocale(page.lang),
    ...(otherLocales.length > 0 ? { alternateLocale: otherLocales } : {}),
    ...(options.base ? { url: absoluteUrl(options.base.origin, page.url) } : {}),
  };
  return {
    alternates: {
      ...(options.base ? { canonical: page.url } : {}),
      ...(options.base && alternates.length > 0
        ? { languages: Object.fromEntries(alternates.map((a) => [a.hreflang, a.path])) }
        : {}),
      types: { "application/rss+xml": [{ url: feedPath(language?.root ?? "/"), title: siteTitle }] },
    },
    openGraph: options.isHome
      ? { ...common, type: "website" }
      : {
          ...common,
          type: "article",
          ...(published ? { publishedTime: published } : {}),
          ...(updated ? { modifiedTime: updated } : {}),
        },
    twitter: { card: "summary", title, description },
  };
}
