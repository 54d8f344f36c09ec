import type { Diagnostic } from "./diagnostics.ts";
import { loadSite } from "./site.ts";

/** What `content:check` found. */
export interface ContentReport {
  pages: number;
  formulas: number;
  diagnostics: Diagnostic[];
}

/**
 * Checks a content directory the way both builds see it: with drafts (so a draft's own
 * problems show) and without (so a published page that links to a draft is caught).
 */
export async function checkContent(contentDir: string): Promise<ContentReport> {
  const [withDrafts, published] = await Promise.all([
    loadSite({ contentDir, includeDrafts: true }),
    loadSite({ contentDir, includeDrafts: false }),
  ]);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const d of [...withDrafts.diagnostics, ...published.diagnostics]) {
    const key = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const pages = [...(withDrafts.home ? [withDrafts.home] : []), ...withDrafts.lessons];
  return {
    pages: pages.length,
    formulas: pages.reduce((sum, p) => sum + p.formulas.display + p.formulas.inline, 0),
    diagnostics,
  };
}
