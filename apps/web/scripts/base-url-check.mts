// Before `next build`: where the site lives on the web, as the pages about to be built and the
// server's sitemap, robots.txt and feeds will take it (lib/discovery/base-url.ts). Without a base
// URL the build still succeeds; this says so, once, naming both settings that give one.
//
//   pnpm --filter @llm-basics/web base-url        (`build` runs it first)
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "@llm-basics/content";
import { readSettings } from "@llm-basics/content/site-settings";
import { resolveBaseUrl } from "../src/lib/discovery/base-url.ts";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const contentDir = process.env.CONTENT_DIR ?? path.join(webDir, "../../content");

// A broken site config is reported by the build itself, with its position.
const settings = await readSettings(contentDir, [] as Diagnostic[]);
const { base, warning } = resolveBaseUrl({ siteUrl: process.env.SITE_URL, baseURL: settings.baseURL });
if (warning) console.warn(`⚠ base URL: ${warning}`);
if (base)
  console.log(`base URL: ${base.origin} (from ${base.from === "SITE_URL" ? "SITE_URL" : "the site config's baseURL"})`);
