import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LessonView } from "@/components/lesson-view";
import { getSite, urlFromSegments } from "@/lib/site";

// Every lesson is prerendered at build. Other URLs are looked up on request, so a lesson
// added under `pnpm dev` shows up at once; in production they are the 404 page.
export const dynamicParams = true;

type Params = { slug: string[] };

export async function generateStaticParams(): Promise<Params[]> {
  const site = await getSite();
  return site.lessons.map((page) => ({
    slug: page.url.split("/").filter(Boolean).map(decodeURIComponent),
  }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { slug } = await params;
  const page = (await getSite()).pageAt(urlFromSegments(slug));
  if (!page) return {};
  return { title: page.title, ...(page.description ? { description: page.description } : {}) };
}

export default async function LessonPage({ params }: { params: Promise<Params> }) {
  const { slug } = await params;
  const site = await getSite();
  const page = site.pageAt(urlFromSegments(slug));
  if (!page || page === site.home) notFound();
  return <LessonView site={site} page={page} />;
}
