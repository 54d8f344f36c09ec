import type { Page } from "@llm-basics/content";

// A page's dates as its front matter gives them (the content package has checked that each is a
// date and keeps it as written: `2025-03-01T00:00:00+08:00`). Shown under a lesson's title, and
// given to the sitemap (lastmod), the feeds (pubDate) and Open Graph (article times).

interface DatedFrontMatter {
  date?: string;
  lastmod?: string;
}

const DATED = /^\d{4}-\d{2}-\d{2}/;

/** When the page was last changed: its `lastmod`, else its `date`; undefined without either. */
export function pageUpdatedOn(page: Page): string | undefined {
  const { lastmod, date } = page.frontMatter as DatedFrontMatter;
  const when = lastmod ?? date;
  return when && DATED.test(when) ? when : undefined;
}

/** When the page was published: its `date`, else its `lastmod`; undefined without either. */
export function pagePublishedOn(page: Page): string | undefined {
  const { lastmod, date } = page.frontMatter as DatedFrontMatter;
  const when = date ?? lastmod;
  return when && DATED.test(when) ? when : undefined;
}
