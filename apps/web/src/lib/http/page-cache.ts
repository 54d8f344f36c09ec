/**
 * How the pages and the documents that go with them (the search index, sitemap.xml, robots.txt,
 * the feeds, the manifests) may be cached. Browsers revalidate every view (a 304 when nothing
 * changed); shared caches (nginx's proxy_cache, a CDN) keep one five minutes and then revalidate
 * it, serving the stale copy meanwhile for up to a day: a deploy reaches every reader within five
 * minutes.
 */
export const PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=300, stale-while-revalidate=86400";
