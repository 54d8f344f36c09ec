import type { MetadataRoute } from "next";

// The web app manifest, one per language (`/manifest.webmanifest`, `/en/manifest.webmanifest`):
// installed from an English page, the course opens in English and is named as the English site.

/** Where a language's manifest is: `manifestPath("/en/")` → `"/en/manifest.webmanifest"`. */
export function manifestPath(root: string): string {
  return `${root}manifest.webmanifest`;
}

/** The site's colours (app/globals.css: --accent and --bg of the light theme). */
export const THEME_COLOR = "#0b5cad";
export const BACKGROUND_COLOR = "#ffffff";

/**
 * A language's manifest: its site title as the name, its home as where the app starts, every
 * page of the site in scope (a link to the other language stays inside the installed app), and
 * the site's icon (app/icon.svg, drawn to scale to any size).
 */
export function webManifest(language: {
  title: string;
  lang: string;
  root: string;
  description: string;
}): MetadataRoute.Manifest {
  return {
    id: language.root,
    name: language.title,
    // Home screens show about twelve characters.
    short_name: language.title.length <= 12 ? language.title : [...language.title].slice(0, 12).join(""),
    description: language.description,
    lang: language.lang,
    dir: "ltr",
    start_url: language.root,
    scope: "/",
    display: "standalone",
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
  };
}
