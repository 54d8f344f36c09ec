import "server-only";
import { FormulaRenderer, formatDiagnostic, hasErrors, loadSite, type Page, type Site } from "@llm-basics/content";
import { cache } from "react";
import { env } from "@/env";
import { contentGeneration } from "@/lib/content-changes";

let production: Promise<Site> | undefined;
// One formula cache for the dev server's lifetime: it survives content reloads.
let devFormulas: FormulaRenderer | undefined;
// The course as last read in development, and the content/ generation it was read at.
let devSite: { generation: number; site: Promise<Site> } | undefined;

/**
 * Development: the course read again only when content/ has changed since it was last read. A
 * lesson's first view asks for it from the page and from each /api/progress call (five times at
 * once); reading every lesson and rendering every formula each time took 1.2–1.6 s on an idle
 * machine and 4–6 s under CI's load, all on the server's one thread.
 */
function loadDevSite(): Promise<Site> {
  const generation = contentGeneration();
  if (devSite?.generation !== generation) {
    devFormulas ??= new FormulaRenderer();
    const site = loadSite({ contentDir: env.contentDir, includeDrafts: true, formulas: devFormulas });
    devSite = { generation, site };
    // A failed read is not kept: the next request reads again.
    site.catch(() => {
      if (devSite?.site === site) devSite = undefined;
    });
  }
  return devSite.site;
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
    production ??= loadProductionSite();
    return production;
  }
  return loadDevSite();
});

/** Home first, then lessons in course order. */
export function coursePages(site: Site): Page[] {
  return [...(site.home ? [site.home] : []), ...site.lessons];
}

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
