import type { Site } from "@llm-basics/content";
import { env } from "@/env";
import { requestIsHttps } from "@/lib/http/request-scheme";
import { type BaseUrl, requestOrigin, resolveBaseUrl } from "./base-url";

/** This site's base URL: SITE_URL, else the site config's `baseURL` (see resolveBaseUrl); undefined without either. */
export function siteBaseUrl(site: Site): BaseUrl | undefined {
  return resolveBaseUrl({ siteUrl: env.siteUrl, baseURL: site.settings.baseURL }).base;
}

/**
 * The origin the absolute URLs of a document answering `request` go under: the base URL, else
 * the origin the request was made to (its Host, over https as TRUST_PROXY lets the server tell).
 * Undefined when there is no base URL and the request's Host is not a host name.
 */
export function documentOrigin(site: Site, request: Request): string | undefined {
  return (
    siteBaseUrl(site)?.origin ??
    requestOrigin(request.headers.get("host"), requestIsHttps(request.headers, env.gradingApi.trustProxy))
  );
}
