// /robots.txt: lessons are for everyone to read and index; the API, the account pages, a
// learner's progress and the instructor view are not pages a search engine has any use for.

/** The app's pages that belong to someone (signed in or not), under each language's root. */
export const ACCOUNT_PAGES = ["signin", "signup", "progress", "instructor"] as const;

/**
 * robots.txt for a site whose languages live under `roots` (`["/", "/en/"]`), naming the sitemap
 * at `sitemapUrl` (an absolute URL: the protocol requires one).
 *
 * `robotsTxt(["/"], "https://a.org/sitemap.xml")` → `"User-agent: *\nAllow: /\nDisallow: /api/\n…Sitemap: https://a.org/sitemap.xml\n"`
 */
export function robotsTxt(roots: readonly string[], sitemapUrl: string): string {
  const accountPaths = roots.flatMap((root) => ACCOUNT_PAGES.map((name) => `${root}${name}/`));
  return [
    "User-agent: *",
    "Allow: /",
    "Disallow: /api/",
    ...accountPaths.map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${sitemapUrl}`,
    "",
  ].join("\n");
}
