import { getSite, languageOf } from "@/lib/course/site";
import { absoluteUrl } from "@/lib/discovery/base-url";
import { documentResponse, unknownHostResponse } from "@/lib/discovery/document-response";
import { robotsTxt } from "@/lib/discovery/robots";
import { documentOrigin } from "@/lib/discovery/site-base";
import { LOCALES } from "@/lib/i18n";

// Per request, as sitemap.xml: the Sitemap line must be an absolute URL.
export const dynamic = "force-dynamic";

/** GET /robots.txt: lessons open to crawlers; the API and the account pages not; where the sitemap is. */
export async function GET(request: Request): Promise<Response> {
  const site = await getSite();
  const origin = documentOrigin(site, request);
  if (!origin) return unknownHostResponse();
  const roots = LOCALES.map((locale) => languageOf(site, locale).root);
  return documentResponse(request, robotsTxt(roots, absoluteUrl(origin, "/sitemap.xml")), "text/plain; charset=utf-8");
}
