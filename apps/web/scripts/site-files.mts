// The files a Hugo site publishes as they are (its `static/` directory and the images beside
// its pages; see siteFiles in @llm-basics/content), copied into public/ before `next build`
// and `next dev`, which serve public/ at the site's root. public/ is made here and not in git.
//
//   pnpm --filter @llm-basics/web site-files        (`build` and `dev` run it first)
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { siteFiles } from "@llm-basics/content";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const publicDir = path.join(webDir, "public");
const contentDir = process.env.CONTENT_DIR ?? path.join(webDir, "../../content");

rmSync(publicDir, { recursive: true, force: true });
const files = await siteFiles(contentDir);
for (const file of files) {
  const target = path.join(publicDir, ...decodeURIComponent(file.url).split("/"));
  // The app's own paths are never shadowed by a file of the site.
  if (/^\/(?:_next|api|en|zh)\//.test(file.url)) {
    console.warn(`site files: ${file.url} is the app's own path; ${file.source} is not published`);
    continue;
  }
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(file.source, target);
}
console.log(`public/: ${files.length} file${files.length === 1 ? "" : "s"} from the site's static/ and page bundles`);
