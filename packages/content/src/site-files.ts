import { readdir } from "node:fs/promises";
import path from "node:path";

/** A file the site serves as it is: from where, and at which URL path. */
export interface SiteFile {
  source: string;
  /** Root-relative: `/images/heatmap.svg`. */
  url: string;
}

/** What a page bundle may hold besides its Markdown: images, media and downloads. */
const RESOURCE = /\.(?:png|jpe?g|gif|svg|webp|avif|ico|pdf|mp3|mp4|ogg|webm|csv|txt|zip)$/i;

async function walk(root: string, dir = ""): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const relative = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await walk(root, relative)));
    else if (entry.isFile()) found.push(relative);
  }
  return found;
}

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
  for (const file of await walk(contentDir)) {
    if (!RESOURCE.test(file)) continue;
    const parts = file.split("/");
    const name = parts.pop() as string;
    const dirs = parts.map((p) => encodeURIComponent(p.replace(/[A-Z]/g, (c) => c.toLowerCase())));
    const url = `/${[...dirs, encodeURIComponent(name)].join("/")}`;
    byUrl.set(url, { source: path.join(contentDir, file), url });
  }
  for (const file of await walk(staticDir)) {
    const url = `/${file.split("/").map(encodeURIComponent).join("/")}`;
    byUrl.set(url, { source: path.join(staticDir, file), url });
  }
  return [...byUrl.values()].sort((a, b) => a.url.localeCompare(b.url));
}
