import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LessonView } from "@/components/lesson-view";
import { getSite, languageOf, urlFromSegments } from "@/lib/course/site";
import { pageMetadata } from "@/lib/discovery/page-metadata";
import { siteBaseUrl } from "@/lib/discovery/site-base";
import { LOCALES, localeParam, uiText } from "@/lib/i18n";

// Every lesson is prerendered at build, in each language. Other URLs are looked up on request,
// so a lesson added under `pnpm dev` shows up at once; in production they are the 404 page.
export const dynamicParams = true;

type Params = { lang: string; slug: string[] };

export async function generateStaticParams(): Promise<Params[]> {
  const site = await getSite();
  return LOCALES.flatMap((lang) => {
    const root = languageOf(site, lang).root;
    return site.lessonsIn(lang).map((page) => ({
      lang,
      slug: page.url.slice(root.length).split("/").filter(Boolean).map(decodeURIComponent),
    }));
  });
}

async function pageFor(params: Promise<Params>) {
  const { lang, slug } = await params;
  const locale = localeParam(lang);
  const site = await getSite();
  if (!locale) return { site, locale, page: undefined };
  const language = languageOf(site, locale);
  if (language.code !== locale) return { site, locale, page: undefined };
  const page = site.pageAt(`${language.root.slice(0, -1)}${urlFromSegments(slug)}`);
  // Only this language's lessons: `/en/en/x/` or a home page under another URL are not pages.
  const found = page && page.language === locale && page !== site.homeIn(locale) ? page : undefined;
  return { site, locale, page: found };
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { site, locale, page } = await pageFor(params);
  if (!page || !locale) return {};
  return {
    title: page.title,
    ...(page.description ? { description: page.description } : {}),
    ...pageMetadata(site, page, {
      locales: LOCALES,
      base: siteBaseUrl(site),
      isHome: false,
      siteDescription: uiText(locale).siteDescription,
    }),
  };
}

export default async function LessonPage({ params }: { params: Promise<Params> }) {
  const { site, locale, page } = await pageFor(params);
  if (!page || !locale) notFound();
  return <LessonView site={site} page={page} locale={locale} />;
}
