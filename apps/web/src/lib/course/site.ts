import "server-only";
import {
  FormulaRenderer,
  formatDiagnostic,
  hasErrors,
  loadSite,
  type Page,
  type Site,
  type SiteLanguage,
} from "@llm-basics/content";
import { cache } from "react";
import { env } from "@/env";
import { contentGeneration } from "./content-changes";

// The course is read once per process and kept on globalThis: the instrumentation hook, which
// starts reading it when the server starts, is bundled apart from the routes, and `next dev`
// bundles this module once per route. In development each route read the course again the
// first time it was called: under CI's load one such read held the dev server's thread for
// 6–9 s, long enough for Node to drop a kept-alive connection whose next request was waiting
// (Playwright saw ECONNRESET).
const PRODUCTION_SITE = Symbol.for("llm-basics.production-site");
const DEV_SITE = Symbol.for("llm-basics.dev-site");
const processWide = globalThis as typeof globalThis & {
  [PRODUCTION_SITE]?: Promise<Site>;
  [DEV_SITE]?: {
    /** One formula cache for the dev server's lifetime: it survives content reloads. */
    formulas: FormulaRenderer;
    /** The course as last read, and the content/ generation it was read at. */
    last?: { generation: number; site: Promise<Site> };
  };
};

/**
 * Development: the course read again only when content/ has changed since it was last read. A
 * lesson's first view asks for it from the page and from each /api/progress call (five times at
 * once); reading every lesson and rendering every formula each time took 1.2–1.6 s on an idle
 * machine and 4–6 s under CI's load, all on the server's one thread.
 */
function loadDevSite(): Promise<Site> {
  const generation = contentGeneration();
  processWide[DEV_SITE] ??= { formulas: new FormulaRenderer() };
  const dev = processWide[DEV_SITE];
  if (dev.last?.generation !== generation) {
    const site = loadSite({ contentDir: env.contentDir, includeDrafts: true, formulas: dev.formulas });
    dev.last = { generation, site };
    // A failed read is not kept: the next request reads again.
    site.catch(() => {
      if (dev.last?.site === site) dev.last = undefined;
    });
  }
  return dev.last.site;
}

async function loadProductionSite(): Promise<Site> {
  const site = await loadSite({ contentDir: env.contentDir, includeDrafts: false });
  if (hasErrors(site.diagnostics)) {
    // A formula KaTeX rejects, a broken ref or bad front matter never ships to learners.
    const lines = site.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d, "content/"));
    throw new Error(`Content has errors (run \`pnpm content:check\`):\n${lines.join("\n")}`);
  }
  return site;
}

/**
 * The course as this server shows it. Production loads it once and refuses content with
 * errors; development reads `content/` again whenever a file under it has changed (drafts
 * included), so an edit shows up without a restart.
 */
export const getSite = cache(async (): Promise<Site> => {
  if (!env.isDev) {
    processWide[PRODUCTION_SITE] ??= loadProductionSite();
    return processWide[PRODUCTION_SITE];
  }
  return loadDevSite();
});

/** The URL a catch-all route's segments stand for: `["matrix_basics"]` → `/matrix_basics/`. */
export function urlFromSegments(segments: readonly string[]): string {
  return `/${segments.map((s) => encodeURIComponent(safeDecode(s))).join("/")}/`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The site's language for a locale (its title and BCP 47 `lang`); the default one if the site lacks it. */
export function languageOf(site: Site, locale: string): SiteLanguage {
  return site.languages.find((l) => l.code === locale) ?? (site.languages[0] as SiteLanguage);
}

/** A language's pages: its home first, then its lessons in course order. */
export function coursePagesIn(site: Site, locale: string): Page[] {
  const home = site.homeIn(locale);
  return [...(home ? [home] : []), ...site.lessonsIn(locale)];
}

/**
 * Where the language switcher goes from each page: its translation, or (when it has none) the
 * other language's home page, marked as such.
 */
export function translationLinks(
  site: Site,
  from: string,
  to: string,
): Record<string, { url: string; exact: boolean }> {
  const links: Record<string, { url: string; exact: boolean }> = {};
  const fallback = languageOf(site, to).root;
  for (const page of coursePagesIn(site, from)) {
    const translation = site.translationsOf(page).get(to);
    links[page.url] = translation ? { url: translation.url, exact: true } : { url: fallback, exact: false };
  }
  return links;
}

/** The page progress counts for a page in any language: its default-language original. */
export function progressPageOf(site: Site, page: Page): Page | undefined {
  return site.translationsOf(page).get(site.languages[0]?.code ?? "");
}
