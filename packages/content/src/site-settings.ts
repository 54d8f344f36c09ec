import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { createLocator, type Diagnostic } from "./diagnostics.ts";

/** Site-wide settings, from `content/_site.yaml` when it exists. */
export const siteSettingsSchema = z.strictObject({
  title: z.string().default("LLM Basics"),
  /** BCP 47 language of the content; a page's `lang` front matter overrides it. */
  language: z.string().default("zh-CN"),
  /**
   * The other languages, as Hugo names translations: `name.en.md` beside `name.md` is the
   * English page, at `/en/name/`. Each: the pages' `lang` (BCP 47) and the site title.
   */
  languages: z
    .record(
      z.string().regex(/^[a-z]{2,3}$/, "a language code is two or three lowercase letters, like en"),
      z.strictObject({ lang: z.string().optional(), title: z.string().optional() }),
    )
    .default({ en: {} }),
  math: z.strictObject({ singleDollar: z.boolean().default(false) }).prefault({}),
});
export type SiteSettings = z.output<typeof siteSettingsSchema>;

/** The settings file inside the content directory. */
export const SITE_SETTINGS_FILE = "_site.yaml";

/** A language of the site. */
export interface SiteLanguage {
  /** `zh`, `en`: the file suffix (`name.en.md`) and the URL prefix (`/en/`) of a translation. */
  code: string;
  /** BCP 47, for `lang` attributes: `zh-CN`, `en`. */
  lang: string;
  /** Root-relative URL prefix: `/` for the default language, `/en/`. */
  root: string;
  title: string;
  isDefault: boolean;
}

/** The language a file is in, from its name (`attention.en.md`), and the name without it. */
export function languageOfFile(
  file: string,
  languages: readonly SiteLanguage[],
): { language: SiteLanguage; baseFile: string } {
  const match = /\.([a-z]{2,3})\.md$/.exec(file);
  const found = match ? languages.find((l) => !l.isDefault && l.code === match[1]) : undefined;
  const defaultLanguage = languages[0] as SiteLanguage;
  if (!found || !match) return { language: defaultLanguage, baseFile: file };
  return { language: found, baseFile: `${file.slice(0, match.index)}.md` };
}

/** The site's languages: the default one (from `language`) first, then `languages`. */
export function siteLanguages(settings: SiteSettings): SiteLanguage[] {
  const defaultCode = settings.language.toLowerCase().split("-")[0] ?? "zh";
  return [
    { code: defaultCode, lang: settings.language, root: "/", title: settings.title, isDefault: true },
    ...Object.entries(settings.languages)
      .filter(([code]) => code !== defaultCode)
      .map(([code, l]) => ({
        code,
        lang: l.lang ?? code,
        root: `/${code}/`,
        title: l.title ?? settings.title,
        isDefault: false,
      })),
  ];
}

/** The site's settings from SITE_SETTINGS_FILE (the defaults without one); a problem in it is a diagnostic. */
export async function readSettings(contentDir: string, diagnostics: Diagnostic[]): Promise<SiteSettings> {
  let text: string;
  try {
    text = await readFile(path.join(contentDir, SITE_SETTINGS_FILE), "utf8");
  } catch {
    return siteSettingsSchema.parse({});
  }
  const doc = parseDocument(text);
  const locate = createLocator(text);
  const report = (offset: number, message: string): void => {
    diagnostics.push({
      severity: "error",
      rule: "site-settings",
      message,
      file: SITE_SETTINGS_FILE,
      ...locate(offset),
    });
  };
  for (const error of doc.errors) report(error.pos[0], `YAML: ${error.message.split("\n")[0]}`);
  const parsed = siteSettingsSchema.safeParse(doc.errors.length === 0 ? (doc.toJS() ?? {}) : {});
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".");
    const offset = text.search(new RegExp(`^\\s*${String(issue.path.at(-1) ?? "")}\\s*:`, "m"));
    report(Math.max(0, offset), `setting "${key}": ${issue.message}`);
  }
  return siteSettingsSchema.parse({});
}
