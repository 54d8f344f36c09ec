import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LessonView } from "@/components/lesson-view";
import { getSite, languageOf } from "@/lib/course/site";
import { pageMetadata } from "@/lib/discovery/page-metadata";
import { siteBaseUrl } from "@/lib/discovery/site-base";
import { LOCALES, localeParam, uiText } from "@/lib/i18n";

type Params = { lang: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const locale = localeParam((await params).lang) ?? "zh";
  const site = await getSite();
  const home = site.homeIn(locale);
  if (!home) return {};
  const base = siteBaseUrl(site);
  return {
    // The root layout's title template does not apply to its own segment's page.
    title: { absolute: `${home.title} · ${languageOf(site, locale).title}` },
    ...(home.description ? { description: home.description } : {}),
    ...pageMetadata(site, home, {
      locales: LOCALES,
      base,
      isHome: true,
      siteDescription: uiText(locale).siteDescription,
    }),
  };
}

/** `/`: content/_index.md; `/en/`: content/_index.en.md. */
export default async function HomePage({ params }: { params: Promise<Params> }) {
  const locale = localeParam((await params).lang);
  const site = await getSite();
  const home = locale ? site.homeIn(locale) : undefined;
  if (!locale || !home) notFound();
  return <LessonView site={site} page={home} locale={locale} />;
}
