import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { courseOrder, listMarkdownFiles, pageUrl } from "./course-files.ts";
import { createLocator, type Diagnostic, type SourcePoint, withoutByteOrderMark } from "./diagnostics.ts";
import { type CourseExercise, exerciseShortcode, indexExercise, type SiteExercise } from "./exercises.ts";
import { type FrontMatterResult, type LessonFrontMatter, parseFrontMatter } from "./front-matter.ts";
import type { FormulaRenderer } from "./math-render.ts";
import { MarkdownRenderer, type TocEntry } from "./pipeline.ts";
import type { ShortcodeDefinition } from "./shortcodes.ts";

/** Site-wide settings, from `content/_site.yaml` when it exists. */
export const siteSettingsSchema = z.strictObject({
  title: z.string().default("LLM Basics"),
  /** BCP 47 language of the content; a page's `lang` front matter overrides it. */
  language: z.string().default("zh-CN"),
  math: z.strictObject({ singleDollar: z.boolean().default(false) }).prefault({}),
});
export type SiteSettings = z.output<typeof siteSettingsSchema>;

/** The settings file inside the content directory. */
export const SITE_SETTINGS_FILE = "_site.yaml";

/** One page of the course: the home page or a lesson. */
export interface Page {
  /** Path relative to the content directory, `/`-separated: `matrix_basics.md`. */
  file: string;
  /** Root-relative URL with a trailing slash, as Hugo makes it: `/matrix_basics/`. */
  url: string;
  title: string;
  description: string | undefined;
  lang: string;
  weight: number;
  draft: boolean;
  frontMatter: LessonFrontMatter;
  html: string;
  /** True when the content starts its own level-1 heading (the seed does). */
  hasTitleHeading: boolean;
  /** Level 2–3 headings, for the table of contents. */
  toc: TocEntry[];
  /** Ids of every heading, for `ref "/page#id"` checks. */
  headingIds: ReadonlySet<string>;
  formulas: { display: number; inline: number };
  /** Ids of the page's exercises, in page order. */
  exercises: string[];
}

export type { SiteExercise } from "./exercises.ts";

/** A loaded course. */
export interface Site {
  settings: SiteSettings;
  home: Page | undefined;
  /** Every page except the home page, in course order (weight, then title). */
  lessons: Page[];
  /** Every problem found, in file order. */
  diagnostics: Diagnostic[];
  /** Finds a page by its URL (`/` or `/matrix_basics/`, with or without the trailing slash). */
  pageAt(url: string): Page | undefined;
  /** Every exercise that compiles, by id, in course order. */
  exercises: ReadonlyMap<string, SiteExercise>;
}

/** How to load a site. */
export interface LoadSiteOptions {
  contentDir: string;
  /** Show `draft: true` pages (development); production leaves them out. */
  includeDrafts: boolean;
  /** Shortcodes beside `ref` and `relref`. */
  shortcodes?: readonly ShortcodeDefinition[];
  /** Reuse rendered formulas across loads, as the dev server does. */
  formulas?: FormulaRenderer;
}

interface SourceFile {
  file: string;
  source: string;
  frontMatter: FrontMatterResult;
  url: string;
}

/**
 * Reads every Markdown file under `contentDir`, resolves `ref`s between them and renders them.
 * Never throws for a problem in the content: problems are `diagnostics`.
 */
export async function loadSite(options: LoadSiteOptions): Promise<Site> {
  const diagnostics: Diagnostic[] = [];
  const settings = await readSettings(options.contentDir, diagnostics);
  const files = await listMarkdownFiles(options.contentDir);
  const sources: SourceFile[] = await Promise.all(
    files.map(async (file) => {
      const source = withoutByteOrderMark(await readFile(path.join(options.contentDir, file), "utf8"));
      const frontMatter = parseFrontMatter(source, file);
      return { file, source, frontMatter, url: pageUrl(file, frontMatter.data.slug) };
    }),
  );

  const published = sources.filter((s) => options.includeDrafts || !s.frontMatter.data.draft);
  const byKey = new Map<string, SourceFile>();
  const draftKeys = new Set<string>();
  for (const s of sources) {
    for (const key of refKeys(s.file)) {
      if (published.includes(s)) byKey.set(key, s);
      else draftKeys.add(key);
    }
  }
  const byUrl = new Map<string, SourceFile>();
  for (const s of published) {
    const other = byUrl.get(s.url);
    if (other) {
      diagnostics.push({
        severity: "error",
        rule: "duplicate-url",
        message: `${s.url} is already the URL of ${other.file}; change this page's slug or file name`,
        file: s.file,
        line: 1,
        column: 1,
      });
    } else byUrl.set(s.url, s);
  }

  const exercisesByFile = new Map<string, CourseExercise[]>();
  const collectExercise = (exercise: CourseExercise, file: string): void => {
    const list = exercisesByFile.get(file) ?? [];
    list.push(exercise);
    exercisesByFile.set(file, list);
  };
  const renderer = new MarkdownRenderer({
    math: settings.math,
    language: settings.language,
    shortcodes: [exerciseShortcode(collectExercise), ...(options.shortcodes ?? [])],
    ...(options.formulas ? { formulas: options.formulas } : {}),
  });
  const anchorChecks: Array<{ from: string; at: SourcePoint; target: SourceFile; anchor: string; refText: string }> =
    [];
  const pages: Page[] = [];
  for (const s of published) {
    const rendered = await renderer.render(s.source, {
      file: s.file,
      frontMatter: s.frontMatter,
      resolveRef: (target, at) => {
        const [pathPart = "", anchor] = target.split("#", 2);
        if (pathPart === "" && anchor !== undefined) {
          anchorChecks.push({ from: s.file, at, target: s, anchor, refText: target });
          return { url: `#${anchor}` };
        }
        const found = resolveRefTarget(pathPart, s.file, byKey);
        if (!found) {
          const draft = resolveRefTarget(pathPart, s.file, new Map([...draftKeys].map((k) => [k, s])));
          return {
            error: draft
              ? `ref "${target}" points to a draft page, which production builds leave out`
              : `ref "${target}" matches no page under content/ (write it as /file_name, without .md)`,
          };
        }
        if (anchor) anchorChecks.push({ from: s.file, at, target: found, anchor, refText: target });
        return { url: anchor ? `${found.url}#${anchor}` : found.url };
      },
    });
    diagnostics.push(...rendered.diagnostics);
    const firstHeading = rendered.headings[0];
    const h1 = rendered.headings.find((h) => h.depth === 1);
    if (!s.frontMatter.data.title && s.frontMatter.diagnostics.length === 0) {
      diagnostics.push({
        severity: "warning",
        rule: "front-matter-title",
        message: "no title in front matter; the file name is used",
        file: s.file,
        line: 1,
        column: 1,
      });
    }
    pages.push({
      file: s.file,
      url: s.url,
      title: s.frontMatter.data.title ?? h1?.text ?? path.posix.basename(s.file, ".md"),
      description: s.frontMatter.data.description,
      lang: s.frontMatter.data.lang ?? settings.language,
      weight: s.frontMatter.data.weight,
      draft: s.frontMatter.data.draft,
      frontMatter: s.frontMatter.data,
      html: rendered.html,
      hasTitleHeading: firstHeading?.depth === 1,
      toc: rendered.headings.filter((h) => h.depth === 2 || h.depth === 3),
      headingIds: new Set(rendered.headings.map((h) => h.id)),
      formulas: rendered.formulas,
      exercises: (exercisesByFile.get(s.file) ?? []).map((e) => e.id),
    });
  }

  const pagesByFile = new Map(pages.map((p) => [p.file, p]));
  for (const check of anchorChecks) {
    const target = pagesByFile.get(check.target.file);
    if (target && !target.headingIds.has(check.anchor)) {
      diagnostics.push({
        severity: "error",
        rule: "ref-anchor-not-found",
        message: `ref "${check.refText}": ${check.target.file} has no heading with id "${check.anchor}"`,
        file: check.from,
        ...check.at,
      });
    }
  }

  const home = pages.find((p) => p.url === "/");
  const lessons = pages.filter((p) => p !== home).sort(courseOrder);
  const pageIndex = new Map(pages.map((p) => [p.url, p]));
  const exercises = new Map<string, SiteExercise>();
  for (const page of [...(home ? [home] : []), ...lessons]) {
    for (const exercise of exercisesByFile.get(page.file) ?? []) {
      indexExercise(exercises, exercise, page, diagnostics);
    }
  }
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return {
    settings,
    home,
    lessons,
    diagnostics,
    pageAt: (url) => pageIndex.get(url.endsWith("/") ? url : `${url}/`),
    exercises,
  };
}

/** The names a `ref` can use for a file: `matrix_basics.md` answers to `matrix_basics`. */
function refKeys(file: string): string[] {
  const bare = file.replace(/\.md$/, "");
  const keys = [bare];
  if (bare === "_index" || bare === "index") keys.push("");
  else if (bare.endsWith("/_index") || bare.endsWith("/index")) keys.push(bare.slice(0, bare.lastIndexOf("/")));
  return keys;
}

/** Hugo's lookup: relative to the page's own directory first, then from the content root. */
function resolveRefTarget<T>(target: string, fromFile: string, byKey: ReadonlyMap<string, T>): T | undefined {
  const clean = target.trim().replace(/\.md$/, "").replace(/\/+$/, "");
  if (clean.startsWith("/") || clean === "") return byKey.get(clean.replace(/^\/+/, ""));
  const dir = path.posix.dirname(fromFile);
  const relative = path.posix.normalize(dir === "." ? clean : `${dir}/${clean}`);
  return byKey.get(relative) ?? byKey.get(clean);
}

async function readSettings(contentDir: string, diagnostics: Diagnostic[]): Promise<SiteSettings> {
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
