import type { Page, Site } from "@llm-basics/content";
import { Feed, type Item } from "feed";
import { pagePublishedOn, pageUpdatedOn } from "@/lib/course/page-dates";
import { absoluteUrl } from "./base-url";

// Each language's lessons as an RSS 2.0 feed at `<root>index.xml` (`/index.xml`, `/en/index.xml`):
// the format and the URLs a Hugo site publishes, so a site moved here from Hugo keeps its
// subscribers. The XML is written by the `feed` package (titles and descriptions in CDATA, the
// channel's text escaped), not by hand.

/** Where a language's feed is: `feedPath("/en/")` → `"/en/index.xml"`. */
export function feedPath(root: string): string {
  return `${root}index.xml`;
}

/** What the feed says about itself: its language's site title, `lang` and description. */
export interface FeedChannel {
  title: string;
  /** BCP 47: `zh-CN`, `en`. */
  lang: string;
  /** The language's root: `/`, `/en/`. */
  root: string;
  description: string;
}

/**
 * A language's lessons (not its home page, not drafts) as RSS 2.0, newest first, every link
 * absolute under `origin`. The channel's lastBuildDate is the newest lesson's change, so the
 * document only changes when the course does.
 */
export function lessonFeedXml(site: Site, locale: string, channel: FeedChannel, origin: string): string {
  const lessons = site.lessonsIn(locale).filter((page) => !page.draft && page.language === locale);
  const dated = lessons.map((page) => ({ page, published: dateOf(pagePublishedOn(page)) }));
  // Newest first, as feed readers list them; undated lessons last, in course order.
  dated.sort((a, b) => (b.published?.getTime() ?? -Infinity) - (a.published?.getTime() ?? -Infinity));
  const changes = lessons.map((page) => dateOf(pageUpdatedOn(page))?.getTime() ?? Number.NaN).filter(Number.isFinite);
  const home = absoluteUrl(origin, channel.root);
  const feed = new Feed({
    title: channel.title,
    description: channel.description,
    id: home,
    link: home,
    language: channel.lang,
    generator: channel.title,
    feedLinks: { rss: absoluteUrl(origin, feedPath(channel.root)) },
    ...(changes.length > 0 ? { updated: new Date(Math.max(...changes)) } : {}),
  });
  for (const { page, published } of dated) feed.addItem(feedItem(page, published, origin));
  return feed.rss2();
}

function feedItem(page: Page, published: Date | undefined, origin: string): Item {
  const link = absoluteUrl(origin, page.url);
  const item = { title: page.title, link, ...(page.description ? { description: page.description } : {}) };
  // `feed` types an item's date as required but writes pubDate only when there is one: an
  // undated lesson is listed without it rather than with an invented date.
  return published ? { ...item, date: published } : (item as Item);
}

function dateOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
