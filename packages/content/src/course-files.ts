import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

// What a site and the exercise index both need to know about files, without the Markdown
// pipeline: importing this module costs no KaTeX, unified or highlight.js.

/** What the course order looks at. */
export interface OrderedPage {
  weight: number;
  title: string;
  file: string;
}

/** Hugo's order: pages with a weight first, lightest first; then by title; then by path. */
export function courseOrder(a: OrderedPage, b: OrderedPage): number {
  const wa = a.weight === 0 ? Number.POSITIVE_INFINITY : a.weight;
  const wb = b.weight === 0 ? Number.POSITIVE_INFINITY : b.weight;
  if (wa !== wb) return wa < wb ? -1 : 1;
  return a.title.localeCompare(b.title, "zh-CN") || a.file.localeCompare(b.file);
}

/**
 * Hugo's URL for a content file: `a/b.md` → `/a/b/`, `a/_index.md` and `a/index.md` → `/a/`,
 * `_index.md` → `/`. A `slug` replaces the last segment; ASCII letters are lowercased.
 */
export function pageUrl(file: string, slug?: string): string {
  const segments = file.replace(/\.md$/, "").split("/");
  const last = segments.pop() ?? "";
  if (last !== "_index" && last !== "index") segments.push(slug ?? last);
  else if (slug && segments.length > 0) segments[segments.length - 1] = slug;
  const joined = segments.map((s) => encodeURIComponent(s.replace(/[A-Z]/g, (c) => c.toLowerCase()))).join("/");
  return joined === "" ? "/" : `/${joined}/`;
}

/** Every `.md` file under `root`, relative and `/`-separated, in name order; dot files are skipped. */
export function listMarkdownFiles(root: string): Promise<string[]> {
  return listFiles(root, (name) => name.endsWith(".md"));
}

/**
 * Every file under `root` whose name `keep` accepts, relative and `/`-separated, in name order;
 * dot files and directories are skipped. Rejects when `root` cannot be read.
 */
export async function listFiles(root: string, keep: (name: string) => boolean, dir = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const relative = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await listFiles(root, keep, relative)));
    else if (entry.isFile() && keep(entry.name)) found.push(relative);
  }
  return found;
}

/**
 * The course of the workspace a command runs in: `content/` beside the nearest
 * `pnpm-workspace.yaml` up from `from`, else `from`'s own `content/`.
 */
export function workspaceContentDir(from: string = process.cwd()): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return path.join(dir, "content");
    if (path.dirname(dir) === dir) return path.join(from, "content");
  }
}
