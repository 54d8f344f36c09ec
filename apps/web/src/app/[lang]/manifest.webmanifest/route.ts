import { getSite, languageOf } from "@/lib/course/site";
import { documentResponse } from "@/lib/discovery/document-response";
import { webManifest } from "@/lib/discovery/manifest";
import { localeParam, uiText } from "@/lib/i18n";

// Its URLs are relative (the manifest standard resolves them against the manifest's own), so it
// is the same for every host; built per request anyway, as the other documents for machines, so
// it is sent with their caching (lib/discovery/document-response.ts) rather than Next's.
export const dynamic = "force-dynamic";

/** GET /manifest.webmanifest (Chinese; next.config.ts rewrites it here) and /en/manifest.webmanifest. */
export async function GET(request: Request, { params }: { params: Promise<{ lang: string }> }): Promise<Response> {
  const locale = localeParam((await params).lang);
  const site = await getSite();
  if (!locale) return new Response("Not Found\n", { status: 404, headers: { "Content-Type": "text/plain" } });
  const language = languageOf(site, locale);
  const manifest = webManifest({
    title: language.title,
    lang: language.lang,
    root: language.root,
    description: site.homeIn(locale)?.description ?? uiText(locale).siteDescription,
  });
  return documentResponse(request, JSON.stringify(manifest), "application/manifest+json; charset=utf-8");
}
