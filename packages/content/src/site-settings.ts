import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { createLocator, type Diagnostic } from "./diagnostics.ts";
import { type HugoConfig, readHugoConfig } from "./hugo-config.ts";

const LANGUAGE_CODE = /^[a-z]{2,3}(?:-[a-z0-9]+)*$/;

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
      z.string().regex(LANGUAGE_CODE, "a language code is lowercase letters, like en or zh-cn"),
      z.strictObject({ lang: z.string().optional(), title: z.string().optional() }),
    )
    .default({ en: {} }),
  math: z.strictObject({ singleDollar: z.boolean().default(false) }).prefault({}),
  /** The site's address (`https://example.org/`), for absolute URLs; none: relative ones. */
  baseURL: z.string().optional(),
  /** Values for Hugo's `param` shortcode, after a page's own front matter. */
  params: z.record(z.string(), z.unknown()).default({}),
  /**
   * A Hugo theme's shortcodes, until they are rewritten: shown as their body (`render`) or
   * left out (`drop`), each with a warning instead of an error.
   */
  shortcodes: z
    .strictObject({ render: z.array(z.string()).default([]), drop: z.array(z.string()).default([]) })
    .prefault({}),
  /**
   * Warn about a page without its translation in every language (on for the course; off
   * when the settings come from a Hugo configuration, where a missing translation is normal).
   */
  translations: z.strictObject({ warnMissing: z.boolean().default(true) }).prefault({}),
  /** Hugo's Markdown attributes: `{#id}` after headings (on), attribute lists after blocks (off). */
  markdown: z
    .strictObject({ headingAttributes: z.boolean().default(true), blockAttributes: z.boolean().default(false) })
    .prefault({}),
});
export type SiteSettings = z.output<typeof siteSettingsSchema> & {
  /** What a Hugo configuration beside the content said about languages, when there is one. */
  hugo?: {
    files: string[];
    /** The default language's code (Hugo's `defaultContentLanguage`). */
    defaultCode: string;
    /** The default language's pages under `/code/` too (`defaultContentLanguageInSubdir`). */
    defaultInSubdir: boolean;
    /** Languages with a content directory of their own, absolute. */
    contentDirs: Record<string, string>;
  };
};

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
  /** The language's own content directory (Hugo's per-language `contentDir`), absolute. */
  contentDir?: string;
  title: string;
  isDefault: boolean;
}

/** The language a file is in, from its name (`attention.en.md`), and the name without it. */
export function languageOfFile(
  file: string,
  languages: readonly SiteLanguage[],
): { language: SiteLanguage; baseFile: string } {
  const match = /\.([a-z]{2,3}(?:-[a-z0-9]+)*)\.md$/.exec(file);
  const found = match ? languages.find((l) => !l.isDefault && l.code === match[1]) : undefined;
  const defaultLanguage = languages[0] as SiteLanguage;
  if (!found || !match) return { language: defaultLanguage, baseFile: file };
  return { language: found, baseFile: `${file.slice(0, match.index)}.md` };
}

/** The site's languages: the default one (from `language`) first, then `languages`. */
export function siteLanguages(settings: SiteSettings): SiteLanguage[] {
  const defaultCode = settings.hugo?.defaultCode ?? settings.language.toLowerCase().split("-")[0] ?? "zh";
  const dirs = settings.hugo?.contentDirs ?? {};
  const withDir = (language: SiteLanguage): SiteLanguage => {
    const dir = dirs[language.code];
    return dir ? { ...language, contentDir: dir } : language;
  };
  return [
    withDir({
      code: defaultCode,
      lang: settings.language,
      root: settings.hugo?.defaultInSubdir ? `/${defaultCode}/` : "/",
      title: settings.title,
      isDefault: true,
    }),
    ...Object.entries(settings.languages)
      .filter(([code]) => code !== defaultCode)
      .map(([code, l]) =>
        withDir({ code, lang: l.lang ?? code, root: `/${code}/`, title: l.title ?? settings.title, isDefault: false }),
      ),
  ];
}

/** A Hugo configuration as settings (`_site.yaml` then says what it says over them). */
function settingsFromHugo(config: HugoConfig): Record<string, unknown> {
  const defaultCode = config.defaultLanguage ?? "en";
  const own = config.languages.find((l) => l.code === defaultCode);
  const settings: Record<string, unknown> = {
    language: own?.lang ?? defaultCode,
    languages: Object.fromEntries(
      config.languages
        .filter((l) => l.code !== defaultCode)
        .map((l) => [l.code, { ...(l.lang ? { lang: l.lang } : {}), ...(l.title ? { title: l.title } : {}) }]),
    ),
    params: config.params,
    translations: { warnMissing: false },
  };
  const title = own?.title ?? config.title;
  if (title !== undefined) settings.title = title;
  if (config.baseURL !== undefined) settings.baseURL = config.baseURL;
  if (config.singleDollar !== undefined) settings.math = { singleDollar: config.singleDollar };
  const markdown: Record<string, boolean> = {};
  if (config.blockAttributes !== undefined) markdown.blockAttributes = config.blockAttributes;
  if (config.headingAttributes !== undefined) markdown.headingAttributes = config.headingAttributes;
  if (Object.keys(markdown).length > 0) settings.markdown = markdown;
  return settings;
}

/** `over` on top of `base`, maps merged key by key. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const previous = out[key];
    const bothMaps = [previous, value].every((v) => v !== null && typeof v === "object" && !Array.isArray(v));
    out[key] = bothMaps ? deepMerge(previous as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

/**
 * The site's settings: a Hugo configuration in the site's root (the directory holding the
 * content directory) first, when there is one, then SITE_SETTINGS_FILE over it (in the content
 * directory, or beside the Hugo configuration when the content lives in per-language
 * directories); the defaults without either. A problem in either file is a diagnostic.
 */
export async function readSettings(contentDir: string, diagnostics: Diagnostic[]): Promise<SiteSettings> {
  const siteRoot = path.dirname(path.resolve(contentDir));
  const hugoDiagnostics: Diagnostic[] = [];
  const hugo = await readHugoConfig(siteRoot, hugoDiagnostics);
  // Diagnostics name files relative to the content directory.
  const fromContent = (file: string): string => path.posix.join("..", file);
  diagnostics.push(...hugoDiagnostics.map((d) => ({ ...d, file: fromContent(d.file) })));
  const base = hugo ? settingsFromHugo(hugo) : {};
  const finish = (settings: z.output<typeof siteSettingsSchema>): SiteSettings => {
    if (!hugo) return settings;
    const contentDirs = Object.fromEntries(
      hugo.languages.filter((l) => l.contentDir !== undefined).map((l) => [l.code, l.contentDir as string]),
    );
    return {
      ...settings,
      hugo: {
        files: hugo.files,
        defaultCode: hugo.defaultLanguage ?? "en",
        defaultInSubdir: hugo.defaultLanguageInSubdir,
        contentDirs,
      },
    };
  };

  let text: string | undefined;
  let file = SITE_SETTINGS_FILE;
  for (const candidate of [
    path.join(contentDir, SITE_SETTINGS_FILE),
    ...(hugo ? [path.join(siteRoot, SITE_SETTINGS_FILE)] : []),
  ]) {
    try {
      text = await readFile(candidate, "utf8");
      file = path.relative(contentDir, candidate).split(path.sep).join("/");
      break;
    } catch {}
  }
  if (text === undefined) return finish(parseWithDefaults(base, diagnostics, hugo));
  const doc = parseDocument(text);
  const locate = createLocator(text);
  const report = (offset: number, message: string): void => {
    diagnostics.push({ severity: "error", rule: "site-settings", message, file, ...locate(offset) });
  };
  for (const error of doc.errors) report(error.pos[0], `YAML: ${error.message.split("\n")[0]}`);
  const own = doc.errors.length === 0 ? ((doc.toJS() ?? {}) as Record<string, unknown>) : {};
  const parsed = siteSettingsSchema.safeParse(deepMerge(base, own));
  if (parsed.success) return finish(parsed.data);
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".");
    const offset = text.search(new RegExp(`^\\s*${String(issue.path.at(-1) ?? "")}\\s*:`, "m"));
    report(Math.max(0, offset), `setting "${key}": ${issue.message}`);
  }
  return finish(parseWithDefaults(base, diagnostics, hugo));
}

/** Settings from a Hugo configuration alone, or the defaults when even that does not fit. */
function parseWithDefaults(
  base: Record<string, unknown>,
  diagnostics: Diagnostic[],
  hugo: HugoConfig | undefined,
): z.output<typeof siteSettingsSchema> {
  const parsed = siteSettingsSchema.safeParse(base);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    diagnostics.push({
      severity: "error",
      rule: "site-config",
      message: `${issue.path.join(".")}: ${issue.message}`,
      file: `../${hugo?.files[0] ?? "hugo.toml"}`,
      line: 1,
      column: 1,
    });
  }
  return siteSettingsSchema.parse({});
}
