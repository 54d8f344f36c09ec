import { coursePagesIn, getSite } from "@/lib/course/site";
import { LOCALES, localeParam } from "@/lib/i18n";
import { buildSearchIndex } from "@/lib/search/search-index";

// The search index of each language (`/search-index/zh.json`, `/search-index/en.json`), built
// with the site and served as a file: the search dialog fetches it when a learner first opens it.

export const dynamic = "force-static";
export const dynamicParams = false;

export function generateStaticParams(): Array<{ file: string }> {
  return LOCALES.map((locale) => ({ file: `${locale}.json` }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const locale = file.endsWith(".json") ? localeParam(file.slice(0, -".json".length)) : undefined;
  if (!locale) return new Response("Not found", { status: 404 });
  const site = await getSite();
  return Response.json(buildSearchIndex(locale, coursePagesIn(site, locale)));
}
