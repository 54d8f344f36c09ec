import { getSite, languageOf } from "@/lib/course/site";
import { documentResponse, unknownHostResponse } from "@/lib/discovery/document-response";
import { lessonFeedXml } from "@/lib/discovery/feed";
import { documentOrigin } from "@/lib/discovery/site-base";
import { localeParam, uiText } from "@/lib/i18n";

// Per request, as sitemap.xml: a feed's links must be absolute URLs.
export const dynamic = "force-dynamic";

/** GET /index.xml (Chinese; next.config.ts rewrites it here) and /en/index.xml: a language's lessons as RSS 2.0. */
export async function GET(request: Request, { params }: { params: Promise<{ lang: string }> }): Promise<Response> {
  const locale = localeParam((await params).lang);
  const site = await getSite();
  if (!locale) return new Response("Not Found\n", { status: 404, headers: { "Content-Type": "text/plain" } });
  const origin = documentOrigin(site, request);
  if (!origin) return unknownHostResponse();
  const language = languageOf(site, locale);
  const channel = {
    title: language.title,
    lang: language.lang,
    root: language.root,
    description: site.homeIn(locale)?.description ?? uiText(locale).siteDescription,
  };
  return documentResponse(request, lessonFeedXml(site, locale, channel, origin), "application/rss+xml; charset=utf-8");
}
