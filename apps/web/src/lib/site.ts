import "server-only";
import { FormulaRenderer, formatDiagnostic, hasErrors, loadSite, type Page, type Site } from "@llm-basics/content";
import { cache } from "react";
import { env } from "@/env";

let production: Promise<Site> | undefined;
// One formula cache for the dev server's lifetime: it survives content reloads.
let devFormulas: FormulaRenderer | undefined;

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
 * errors; development re-reads `content/` on every request (drafts included), so an edit
 * shows up without a restart.
 */
export const getSite = cache(async (): Promise<Site> => {
  if (!env.isDev) {
    production ??= loadProductionSite();
    return production;
  }
  devFormulas ??= new FormulaRenderer();
  return loadSite({ contentDir: env.contentDir, includeDrafts: true, formulas: devFormulas });
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
