import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadSite, type Site } from "@llm-basics/content";

// A tiny course for the discovery tests: both homes; a lesson in both languages whose title
// needs escaping; a later Chinese-only lesson; an undated English-only one; and a draft.
const FILES: Record<string, string> = {
  "_index.md": "---\ntitle: 首页\ndate: 2025-01-01T00:00:00+08:00\n---\n\n首页。\n",
  "_index.en.md": "---\ntitle: Home\ndescription: The English home.\n---\n\nHome.\n",
  "qa.md":
    '---\ntitle: "问答 Q&A <b>"\ndescription: "键 & 值 <i>"\nweight: 1\ndate: 2025-03-01T00:00:00+08:00\nlastmod: 2025-04-02\n---\n\n正文。\n',
  "qa.en.md": '---\ntitle: "Q&A <b>"\nweight: 1\ndate: 2025-03-01 08:00:00Z\n---\n\nText.\n',
  "later.md": "---\ntitle: 后来\ndescription: 后来的课。\nweight: 2\ndate: 2025-05-01T00:00:00+08:00\n---\n\n正文。\n",
  "undated.en.md": "---\ntitle: Undated\nweight: 3\n---\n\nText.\n",
  "wip.md": "---\ntitle: 草稿\nweight: 4\ndraft: true\ndate: 2025-06-01\n---\n\n草稿。\n",
};

/** Loads the tiny course (`includeDrafts` as a development server reads it) and a way to remove it. */
export async function loadTestSite(includeDrafts = false): Promise<{ site: Site; remove: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "llmb-discovery-"));
  const contentDir = path.join(dir, "content");
  mkdirSync(contentDir);
  for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(contentDir, name), text);
  const site = await loadSite({ contentDir, includeDrafts });
  return { site, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
