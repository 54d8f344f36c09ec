import { createHash } from "node:crypto";
import { PAGE_CACHE_CONTROL } from "@/lib/http/page-cache";

// How the site's documents for machines (sitemap.xml, robots.txt, the feeds, the manifests) are
// sent: as the pages are, the same for everyone and cheap to ask for again. Browsers, crawlers
// and feed readers revalidate each time (an unchanged document is a bodiless 304); a shared
// cache keeps one five minutes, so a deploy reaches everyone within five minutes, as for pages
// (server/static-pages.ts). Without a base URL the documents name the host they were asked for;
// shared caches key on the host (nginx's proxy_cache_key has $host), so each host keeps its own.

/**
 * A 200 with `body` as `contentType` and a weak ETag (Next.js may compress it on the way out), or
 * a bodiless 304 when the request already holds that ETag.
 */
export function documentResponse(request: Request, body: string, contentType: string): Response {
  const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  const headers = { "Cache-Control": PAGE_CACHE_CONTROL, ETag: etag };
  const held = request.headers.get("if-none-match");
  if (held?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag.slice(2))) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { headers: { ...headers, "Content-Type": contentType } });
}

/** When the request's Host is not a host name and no base URL says where the site is. */
export function unknownHostResponse(): Response {
  return new Response(
    "Bad Request: the Host header does not name a host, and neither SITE_URL nor the site config's baseURL says where the site is\n",
    {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    },
  );
}
