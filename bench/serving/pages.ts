// The pages a serving bench measures, fetched as a first-time visitor's browser asks for them:
// GET with `Accept-Encoding: gzip` and no cookie. The bytes are kept as they came over the wire
// (`sent`) and decoded (`html`), so a bench can compare servers byte for byte.
import { request } from "node:http";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { loadExercises } from "@llm-basics/content";
import { repositoryRoot } from "./app-server.ts";

export interface FetchedPage {
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent (gzip when Content-Encoding says so). */
  sent: Buffer;
  /** The body decoded: the page's HTML. */
  html: Buffer;
}

/** GET `url` like a first-time visitor's browser (gzip accepted, no cookie), keeping the raw bytes. */
export function fetchPage(url: string, headers: Record<string, string> = {}): Promise<FetchedPage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": "gzip", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.once("error", reject);
      res.once("end", () => {
        const sent = Buffer.concat(chunks);
        const encoding = String(res.headers["content-encoding"] ?? "identity");
        if (encoding !== "identity" && encoding !== "gzip") {
          reject(new Error(`${url} came with Content-Encoding ${encoding}, which this bench cannot decode`));
          return;
        }
        resolve({
          url,
          status: res.statusCode ?? 0,
          headers: res.headers,
          sent,
          html: encoding === "gzip" ? gunzipSync(sent) : sent,
        });
      });
    });
    req.once("error", reject);
    req.end();
  });
}

/** A response header as one line (several values joined), or `—` when absent. */
export function header(page: FetchedPage, name: string): string {
  const value = page.headers[name.toLowerCase()];
  if (value === undefined) return "—";
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The URL paths of the published lessons that have exercises (the original language's). */
export async function lessonsWithExercises(contentDir: string): Promise<string[]> {
  const index = await loadExercises({ contentDir, includeDrafts: false });
  return [...new Set([...index.exercises.values()].map((exercise) => exercise.pageUrl))];
}

/** Fetches every one of `paths` from `origin` and returns them largest HTML first. */
export async function bySize(origin: string, paths: string[]): Promise<FetchedPage[]> {
  const pages: FetchedPage[] = [];
  // One at a time: a cold server renders each page once.
  for (const p of paths) pages.push(await fetchPage(`${origin}${p}`));
  return pages.sort((a, b) => b.html.length - a.html.length);
}

/**
 * The pages a serving bench measures, fetched from `origin`: the paths given (`"/,/softmax/"`),
 * or the home page and the lesson with exercises whose HTML is the largest (all are listed).
 */
export async function benchPages(origin: string, paths?: string): Promise<FetchedPage[]> {
  if (paths) {
    const pages: FetchedPage[] = [];
    for (const p of paths.split(",")) pages.push(await fetchPage(`${origin}${p}`));
    return pages;
  }
  const lessons = await bySize(origin, await lessonsWithExercises(path.join(repositoryRoot, "content")));
  const listed = lessons.map((l) => `${new URL(l.url).pathname} ${kilobytes(l.html.length)}`);
  console.log(`lessons with exercises, by the size of their HTML: ${listed.join(", ")}`);
  const longest = lessons[0];
  if (!longest) throw new Error("content/ has no published lesson with exercises");
  return [await fetchPage(`${origin}/`), longest];
}

/** The file under `root` that a static server maps `urlPath` to (`/x/` → `x/index.html`). */
export function staticFile(root: string, urlPath: string): string {
  const relative = decodeURIComponent(urlPath).replace(/^\/+/, "");
  return path.join(root, relative.endsWith("/") || relative === "" ? `${relative}index.html` : relative);
}

/** Where two buffers first differ, with a little text around it from each; undefined when equal. */
export function firstDifference(a: Buffer, b: Buffer): string | undefined {
  if (a.equals(b)) return undefined;
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const around = (buffer: Buffer) => JSON.stringify(buffer.subarray(Math.max(0, at - 40), at + 40).toString("utf8"));
  return `sizes ${a.length} and ${b.length} bytes, first difference at byte ${at}: ${around(a)} vs ${around(b)}`;
}

/** `95311` → `93.1 KB` */
export const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
