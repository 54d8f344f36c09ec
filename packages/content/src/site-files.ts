import path from "node:path";
import { listFiles } from "./course-files.ts";

/** A file the site serves as it is: from where, and at which URL path. */
export interface SiteFile {
  source: string;
  /** Root-relative: `/images/heatmap.svg`. */
  url: string;
}

/** What a page bundle may hold besides its Markdown: images, media and downloads. */
const RESOURCE = /\.(?:png|jpe?g|gif|svg|webp|avif|ico|pdf|mp3|mp4|ogg|webm|csv|txt|zip)$/i;

/**
 * The files a Hugo site publishes as they are: everything under `static/` beside the content
 * directory, at the site's root (`static/images/a.png` → `/images/a.png`), and the images and
 * other resources inside the content directory next to their page (`docs/attention/heat.png` →
 * `/docs/attention/heat.png`, directories lowercased as page URLs are). A file in `static/`
 * wins over a resource at the same URL, as in Hugo.
 */
export async function siteFiles(contentDir: string): Promise<SiteFile[]> {
  const staticDir = path.join(path.dirname(path.resolve(contentDir)), "static");
  const byUrl = new Map<string, SiteFile>();
  const none = (): string[] => [];
  for (const file of await listFiles(contentDir, (name) => RESOURCE.test(name)).catch(none)) {
    const parts = file.split("/");
    const name = parts.pop() as string;
    const dirs = parts.map((p) => encodeURIComponent(p.replace(/[A-Z]/g, (c) => c.toLowerCase())));
    const url = `/${[...dirs, encodeURIComponent(name)].join("/")}`;
    byUrl.set(url, { source: path.join(contentDir, file), url });
  }
  for (const file of await listFiles(staticDir, () => true).catch(none)) {
    const url = `/${file.split("/").map(encodeURIComponent).join("/")}`;
    byUrl.set(url, { source: path.join(staticDir, file), url });
  }
  return [...byUrl.values()].sort((a, b) => a.url.localeCompare(b.url));
}
