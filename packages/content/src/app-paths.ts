// The paths the web app serves itself, at the top of each language's URLs. A page of the course
// at one of them would be hidden behind the app's own (content/progress.md behind the progress
// page), so `content:check` reports it and `content:new` refuses the slug. apps/web's
// app-paths test compares this list with the app's route directories, so the two stay in step.

/** First path segments the app serves itself: `/progress/`, `/en/progress/`, `/api/…`. */
export const APP_PATHS: readonly string[] = [
  // apps/web/src/app/[lang]/…
  "index.xml",
  "instructor",
  "manifest.webmanifest",
  "progress",
  "signin",
  "signup",
  // apps/web/src/app/…, the same in every language's URLs as the prefix is then taken
  "api",
  "icon.svg",
  "robots.txt",
  "search-index",
  "sitemap.xml",
  // Next.js's own files
  "_next",
];

/**
 * The app's path that `url` (a page's, root-relative) would fall on, or `undefined`: its first
 * segment under its language's `root`, or, in the language at the site's root, another
 * language's prefix. `appPathOf("/en/progress/", "/en/", ["en"])` → `"progress"`.
 */
export function appPathOf(url: string, root: string, languagePrefixes: readonly string[]): string | undefined {
  if (!url.startsWith(root)) return undefined;
  const first = decodeURIComponent(url.slice(root.length).split("/")[0] ?? "").toLowerCase();
  if (first === "") return undefined;
  if (APP_PATHS.includes(first)) return first;
  if (root === "/" && languagePrefixes.includes(first)) return first;
  return undefined;
}
