import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LessonView } from "@/components/lesson-view";
import { getSite } from "@/lib/site";

export async function generateMetadata(): Promise<Metadata> {
  const site = await getSite();
  if (!site.home) return {};
  return {
    // The root layout's title template does not apply to its own segment's page.
    title: { absolute: `${site.home.title} · ${site.settings.title}` },
    ...(site.home.description ? { description: site.home.description } : {}),
  };
}

/** `/`: content/_index.md. */
export default async function HomePage() {
  const site = await getSite();
  if (!site.home) notFound();
  return <LessonView site={site} page={site.home} />;
}
