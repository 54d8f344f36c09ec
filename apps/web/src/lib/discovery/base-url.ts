// Where the site lives on the web, for the URLs that must be absolute (a sitemap's, a feed's,
// og:url) and those that are better so (canonical and language links). One rule decides it,
// used by the pages, the sitemap, robots.txt, the feeds and the build's warning alike. Pure: the
// app passes env.siteUrl and the site's settings in.

/** The site's public origin and the setting it came from. */
export interface BaseUrl {
  /** `https://learn.example.org`: scheme, host and port; no path, no trailing slash. */
  origin: string;
  from: "SITE_URL" | "baseURL";
}

/** What the settings say about the base URL: the origin when one is usable, and what to warn about. */
export interface BaseUrlResolution {
  base: BaseUrl | undefined;
  /** For the build's log: why there is no base URL, or what of the one given is not used. */
  warning: string | undefined;
}

const WITHOUT_BASE =
  "pages have no canonical, language or og:url links, and sitemap.xml, robots.txt " +
  "and the feeds take their host from each request";

/**
 * The base URL: the SITE_URL environment setting over the site configuration's `baseURL`
 * (content/_site.yaml, or a Hugo configuration's). A `baseURL` that is not an absolute http(s)
 * URL (Hugo's `/`, say) counts as none; its path, if any, is dropped, because the app serves the
 * site at the root of its host.
 *
 * `resolveBaseUrl({ baseURL: "https://example.org/docs/" })` → `{ base: { origin: "https://example.org", from: "baseURL" }, warning: "…path /docs/…" }`
 */
export function resolveBaseUrl(settings: {
  siteUrl?: string | undefined;
  baseURL?: string | undefined;
}): BaseUrlResolution {
  const fromEnv = httpUrl(settings.siteUrl);
  if (fromEnv) return { base: { origin: fromEnv.origin, from: "SITE_URL" }, warning: undefined };
  const fromConfig = httpUrl(settings.baseURL);
  if (fromConfig) {
    const path = fromConfig.pathname;
    return {
      base: { origin: fromConfig.origin, from: "baseURL" },
      warning:
        path === "/"
          ? undefined
          : `the site config's baseURL ${settings.baseURL} has the path ${path}, which is not used: ` +
            `the app serves the site at the root of ${fromConfig.origin}`,
    };
  }
  const unusable =
    settings.baseURL !== undefined && settings.baseURL.trim() !== ""
      ? ` (the site config's baseURL "${settings.baseURL}" is not an absolute http(s) URL)`
      : "";
  return {
    base: undefined,
    warning:
      `no base URL: set SITE_URL (e.g. SITE_URL=https://learn.example.org) or baseURL in the site ` +
      `config (content/_site.yaml or the Hugo configuration)${unusable}; until then ${WITHOUT_BASE}`,
  };
}

function httpUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

// A Host header is a name or an address, and a port: nothing that could end an XML attribute,
// start a path or smuggle a user name in.
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin a request was made to, for the documents that need absolute URLs when no base URL
 * is configured: its Host header, over https or http as the request came (`https` as
 * lib/http/request-scheme.ts decides it). Undefined when the Host header is missing or not a host.
 *
 * `requestOrigin("learn.example.org", true)` → `"https://learn.example.org"`
 */
export function requestOrigin(host: string | null | undefined, https: boolean): string | undefined {
  if (!host || !HOST.test(host)) return undefined;
  return new URL(`${https ? "https" : "http"}://${host}`).origin;
}

/** A root-relative path (`/attention/`) under an origin: `absoluteUrl("https://a.org", "/x/")` → `"https://a.org/x/"`. */
export function absoluteUrl(origin: string, path: string): string {
  return `${origin}${path}`;
}
