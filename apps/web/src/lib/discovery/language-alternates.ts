import type { Page, Site } from "@llm-basics/content";

/** One language version of a page, as `hreflang` names it: `{ hreflang: "en", path: "/en/attention/" }`. */
export interface LanguageAlternate {
  /** The page's BCP 47 language (`zh-CN`, `en`), or `x-default` for the version shown to anyone else. */
  hreflang: string;
  /** Root-relative: `/attention/`. */
  path: string;
}

/**
 * The language versions of a page, itself included, for `<link rel="alternate" hreflang>` and the
 * sitemap's `xhtml:link`: each published translation in a language the app serves, then
 * `x-default`, the default language's version (Chinese at the root). Empty when the page has no
 * translation: a lone page has nothing to point to.
 */
export function languageAlternates(site: Site, page: Page, locales: readonly string[]): LanguageAlternate[] {
  const versions = [...site.translationsOf(page).values()].filter((p) => !p.draft && locales.includes(p.language));
  if (versions.length < 2) return [];
  const alternates = versions.map((p) => ({ hreflang: p.lang, path: p.url }));
  const fallback = versions.find((p) => p.language === site.languages[0]?.code);
  return fallback ? [...alternates, { hreflang: "x-default", path: fallback.url }] : alternates;
}
