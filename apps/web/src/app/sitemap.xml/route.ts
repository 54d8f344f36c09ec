import { getSite } from "@/lib/course/site";
import { documentResponse, unknownHostResponse } from "@/lib/discovery/document-response";
import { documentOrigin } from "@/lib/discovery/site-base";
import { sitemapEntries, sitemapXml } from "@/lib/discovery/sitemap";
import { LOCALES } from "@/lib/i18n";

// Built per request (from the course in memory, a fraction of a millisecond): without a base URL
// its absolute URLs take the request's host, which a build cannot know.
export const dynamic = "force-dynamic";

/** GET /sitemap.xml: every published page in every language, with its language versions. */
export async function GET(request: Request): Promise<Response> {
  const site = await getSite();
  const origin = documentOrigin(site, request);
  if (!origin) return unknownHostResponse();
  return documentResponse(request, sitemapXml(sitemapEntries(site, LOCALES), origin), "application/xml; charset=utf-8");
}
