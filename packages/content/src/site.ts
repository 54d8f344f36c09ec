import { readFile } from "node:fs/promises";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Value } from "@llm-basics/grading";
import { appPathOf } from "./app-paths.ts";
import { courseOrder, listMarkdownFiles, pageUrl } from "./course-files.ts";
import { type Diagnostic, type SourcePoint, withoutByteOrderMark } from "./diagnostics.ts";
import { type CourseExercise, exerciseShortcode, indexExercise, type SiteExercise } from "./exercises.ts";
import { type FrontMatterResult, type LessonFrontMatter, parseFrontMatter } from "./front-matter.ts";
import type { FormulaRenderer } from "./math-render.ts";
import { evaluatePageValues } from "./page-values.ts";
import { MarkdownRenderer, type TocEntry } from "./pipeline.ts";
import { readingMinutes } from "./reading.ts";
import type { SearchSection } from "./search-sections.ts";
import type { ShortcodeDefinition } from "./shortcodes.ts";
import { languageOfFile, readSettings, type SiteLanguage, type SiteSettings, siteLanguages } from "./site-settings.ts";
import { translationWarnings } from "./translations.ts";
import { widgetShortcode } from "./widgets.ts";

/** One page of the course: the home page or a lesson. */
export interface Page {
  /** Path relative to the content directory, `/`-separated: `matrix_basics.md`. */
  file: string;
  /** Root-relative URL with a trailing slash, as Hugo makes it: `/matrix_basics/`. */
  url: string;
  title: string;
  description: string | undefined;
  lang: string;
  /** The language code: `zh` for the default language (its pages are at the root), `en`, … */
  language: string;
  /** What a page and its translations share: the file without its language, `attention.md`. */
  translationKey: string;
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
  /** Whole minutes to read the page's prose and formulas (exercises not counted), at least 1. */
  readingMinutes: number;
  /** The page cut at its level 1–3 headings, for search. */
  sections: SearchSection[];
  /** Ids of the page's exercises, in page order. */
  exercises: string[];
}

export type { SiteExercise } from "./exercises.ts";

/** A loaded course. */
export interface Site {
  settings: SiteSettings;
  /** Every language, the default (at the root) first. */
  languages: SiteLanguage[];
  /** The default language's home page. */
  home: Page | undefined;
  /** The default language's pages except its home page, in course order (weight, then title). */
  lessons: Page[];
  /** The home page of a language (`en`), if it has one. */
  homeIn(language: string): Page | undefined;
  /** A language's lessons in course order. */
  lessonsIn(language: string): Page[];
  /** The page's translations (the page itself included), by language code. */
  translationsOf(page: Page): ReadonlyMap<string, Page>;
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
  language: SiteLanguage;
  /** The file without its language suffix. */
  translationKey: string;
}
/**
 * Reads every Markdown file under `contentDir`, resolves `ref`s between them and renders them.
 * Never throws for a problem in the content: problems are `diagnostics`.
 */
export async function loadSite(options: LoadSiteOptions): Promise<Site> {
  const diagnostics: Diagnostic[] = [];
  const settings = await readSettings(options.contentDir, diagnostics);
  const languages = siteLanguages(settings);
  // Languages with a content directory of their own (Hugo's `contentDir`) are read from it;
  // the others share the content directory, told apart by the file name (`name.en.md`).
  const shared = languages.filter((l) => !l.contentDir);
  const listed: Array<{ file: string; absolute: string; language?: SiteLanguage }> = [];
  const ownDirs = languages.flatMap((l) => (l.contentDir ? [`${path.resolve(l.contentDir)}${path.sep}`] : []));
  try {
    for (const file of await listMarkdownFiles(options.contentDir)) {
      const absolute = path.resolve(options.contentDir, file);
      // content/en/ as the English contentDir: its files are English pages, not shared ones.
      if (ownDirs.some((dir) => absolute.startsWith(dir))) continue;
      listed.push({ file, absolute });
    }
  } catch (error) {
    if (shared.length === languages.length) throw error;
  }
  for (const language of languages) {
    if (!language.contentDir) continue;
    const dir = language.contentDir;
    for (const file of await listMarkdownFiles(dir).catch(() => [])) {
      const relative = path.relative(options.contentDir, path.join(dir, file)).split(path.sep).join("/");
      listed.push({ file: relative, absolute: path.join(dir, file), language });
    }
  }
  const sources: SourceFile[] = await Promise.all(
    listed.map(async ({ file, absolute, language: own }) => {
      const source = withoutByteOrderMark(await readFile(absolute, "utf8"));
      const frontMatter = parseFrontMatter(source, file);
      const { language, baseFile } = own
        ? {
            language: own,
            baseFile: path
              .relative(own.contentDir as string, absolute)
              .split(path.sep)
              .join("/"),
          }
        : languageOfFile(file, shared.length > 0 ? shared : languages);
      const url = pageUrl(baseFile, frontMatter.data.slug);
      return {
        file,
        source,
        frontMatter,
        url: language.root === "/" ? url : `${language.root}${url.slice(1)}`,
        language,
        translationKey: baseFile,
      };
    }),
  );

  const published = sources.filter((s) => options.includeDrafts || !s.frontMatter.data.draft);
  // `ref` looks in the page's own language first (Hugo's rule), then in the default language.
  const byKey = new Map<string, Map<string, SourceFile>>(languages.map((l) => [l.code, new Map()]));
  const draftKeys = new Set<string>();
  for (const s of sources) {
    for (const key of refKeys(s.translationKey)) {
      if (published.includes(s)) byKey.get(s.language.code)?.set(key, s);
      else draftKeys.add(key);
    }
  }
  const defaultKeys = byKey.get(languages[0]?.code ?? "") ?? new Map<string, SourceFile>();
  // Hugo's last resort for a ref without a `/`: the page by its name, when only one has it.
  const byName = new Map<string, Map<string, SourceFile[]>>(languages.map((l) => [l.code, new Map()]));
  for (const s of published) {
    const names = byName.get(s.language.code);
    const name = pageName(s.translationKey);
    if (names && name) names.set(name, [...(names.get(name) ?? []), s]);
  }
  // Worked examples' numbers: a translation without `values:` uses its original's.
  const pageValues = new Map<SourceFile, ReadonlyMap<string, Value>>();
  for (const s of sources.filter((x) => x.language.isDefault || x.frontMatter.data.values !== undefined)) {
    const evaluated = evaluatePageValues(s.frontMatter.data.values, s.file, s.source);
    diagnostics.push(...evaluated.diagnostics);
    pageValues.set(s, evaluated.values);
  }
  for (const s of sources) {
    if (pageValues.has(s)) continue;
    const original = sources.find((o) => o.language.isDefault && o.translationKey === s.translationKey);
    pageValues.set(s, (original && pageValues.get(original)) ?? new Map());
  }
  const byUrl = new Map<string, SourceFile>();
  const languagePrefixes = languages.filter((l) => l.root !== "/").map((l) => l.root.slice(1, -1));
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
    const taken = appPathOf(s.url, s.language.root, languagePrefixes);
    if (taken) {
      diagnostics.push({
        severity: "error",
        rule: "reserved-url",
        message: `${s.url} is a page of the site itself (/${taken}/ is served by the app), so this page would never be shown; change its slug or file name`,
        file: s.file,
        line: 1,
        column: 1,
      });
    }
  }

  const exercisesByFile = new Map<string, CourseExercise[]>();
  const collectExercise = (exercise: CourseExercise, file: string): void => {
    const list = exercisesByFile.get(file) ?? [];
    list.push(exercise);
    exercisesByFile.set(file, list);
  };
  const placedExercises: Array<{ id: string; file: string; line: number; column: number }> = [];
  const renderers = new Map(
    languages.map((language) => [
      language.code,
      new MarkdownRenderer({
        math: settings.math,
        language: language.lang,
        siteParams: settings.params,
        themeShortcodes: { render: new Set(settings.shortcodes.render), drop: new Set(settings.shortcodes.drop) },
        blockAttributes: settings.markdown.blockAttributes,
        headingAttributes: settings.markdown.headingAttributes,
        shortcodes: [
          exerciseShortcode(collectExercise, (placed) => placedExercises.push(placed)),
          widgetShortcode,
          ...(options.shortcodes ?? []),
        ],
        ...(options.formulas ? { formulas: options.formulas } : {}),
      }),
    ]),
  );
  const anchorChecks: Array<{ from: string; at: SourcePoint; target: SourceFile; anchor: string; refText: string }> =
    [];
  const pages: Page[] = [];
  for (const s of published) {
    // A server reads the course while it serves (`next dev` after every edit): rendering a page
    // never awaits anything that leaves the microtask queue, so without this turn a whole course
    // held the server's thread at once (6–9 s under CI's load; a lesson takes 0.1–1 s).
    await nextTurn();
    const renderer = renderers.get(s.language.code) as MarkdownRenderer;
    const values = pageValues.get(s);
    const rendered = await renderer.render(s.source, {
      file: s.file,
      frontMatter: s.frontMatter,
      ...(values ? { values } : {}),
      resolveRef: (target, at, refOptions) => {
        const [pathPart = "", anchor] = target.split("#", 2);
        if (pathPart === "" && anchor !== undefined) {
          anchorChecks.push({ from: s.file, at, target: s, anchor, refText: target });
          return { url: `#${anchor}` };
        }
        const language =
          refOptions?.lang === undefined ? s.language : languages.find((l) => l.code === refOptions.lang);
        if (!language) {
          return {
            error: `ref "${target}": no language "${refOptions?.lang}" (the site has ${languages.map((l) => l.code).join(", ")})`,
          };
        }
        const ownKeys = byKey.get(language.code) ?? defaultKeys;
        let found =
          resolveRefTarget(pathPart, s.translationKey, ownKeys) ??
          resolveRefTarget(pathPart, s.translationKey, defaultKeys);
        const name = pathPart.trim().replace(/\.md$/, "");
        if (!found && !name.includes("/") && !name.startsWith(".") && name !== "") {
          const named = byName.get(language.code)?.get(name) ?? byName.get(languages[0]?.code ?? "")?.get(name) ?? [];
          if (named.length > 1) {
            return {
              error: `ref "${target}" is ambiguous: ${named.length} pages are named ${name} (${named.map((p) => p.file).join(", ")}); write the path, like "/${named[0]?.translationKey.replace(/\.md$/, "")}"`,
            };
          }
          found = named[0];
        }
        if (!found) {
          const draft = resolveRefTarget(pathPart, s.translationKey, new Map([...draftKeys].map((k) => [k, s])));
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
    if (!s.frontMatter.data.title && !h1 && s.frontMatter.diagnostics.length === 0) {
      diagnostics.push({
        severity: "warning",
        rule: "front-matter-title",
        message: "no title in front matter and no # heading; the file name is used",
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
      lang: s.frontMatter.data.lang ?? s.language.lang,
      language: s.language.code,
      translationKey: s.translationKey,
      weight: s.frontMatter.data.weight,
      draft: s.frontMatter.data.draft,
      frontMatter: s.frontMatter.data,
      html: rendered.html,
      hasTitleHeading: firstHeading?.depth === 1,
      toc: rendered.headings.filter((h) => h.depth === 2 || h.depth === 3),
      headingIds: new Set(rendered.headings.map((h) => h.id)),
      formulas: rendered.formulas,
      readingMinutes: readingMinutes(rendered.prose, rendered.formulas.display),
      sections: rendered.sections,
      exercises: placedExercises.filter((e) => e.file === s.file).map((e) => e.id),
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

  const homes = new Map<string, Page>();
  const lessonsByLanguage = new Map<string, Page[]>(languages.map((l) => [l.code, []]));
  for (const page of pages) {
    const language = languages.find((l) => l.code === page.language) as SiteLanguage;
    if (page.url === language.root) homes.set(page.language, page);
    else lessonsByLanguage.get(page.language)?.push(page);
  }
  for (const list of lessonsByLanguage.values()) list.sort(courseOrder);
  const defaultCode = languages[0]?.code ?? "";
  const home = homes.get(defaultCode);
  const lessons = lessonsByLanguage.get(defaultCode) ?? [];
  const pageIndex = new Map(pages.map((p) => [p.url, p]));
  const exercises = new Map<string, SiteExercise>();
  for (const language of languages) {
    const own = homes.get(language.code);
    for (const page of [...(own ? [own] : []), ...(lessonsByLanguage.get(language.code) ?? [])]) {
      for (const exercise of exercisesByFile.get(page.file) ?? []) {
        indexExercise(exercises, exercise, page, diagnostics);
      }
    }
  }
  for (const placed of placedExercises) {
    if (exercises.has(placed.id) || (exercisesByFile.get(placed.file) ?? []).some((e) => e.id === placed.id)) continue;
    if ([...exercisesByFile.values()].some((list) => list.some((e) => e.id === placed.id))) continue; // a draft's
    diagnostics.push({
      severity: "error",
      rule: "exercise-not-found",
      message: `no exercise has the id "${placed.id}": an exercise without a body shows the one defined (with its YAML) elsewhere in the course`,
      file: placed.file,
      line: placed.line,
      column: placed.column,
    });
  }
  const translations = new Map<string, Map<string, Page>>();
  const languageOrder = (p: Page) => languages.findIndex((l) => l.code === p.language);
  for (const page of [...pages].sort((a, b) => languageOrder(a) - languageOrder(b))) {
    const group = translations.get(page.translationKey) ?? new Map<string, Page>();
    group.set(page.language, page);
    translations.set(page.translationKey, group);
  }
  diagnostics.push(
    ...translationWarnings(pages, languages, translations, exercises, {
      missingPages: settings.translations.warnMissing,
    }),
  );
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return {
    settings,
    languages,
    home,
    lessons,
    homeIn: (code) => homes.get(code),
    lessonsIn: (code) => lessonsByLanguage.get(code) ?? [],
    translationsOf: (page) => translations.get(page.translationKey) ?? new Map([[page.language, page]]),
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

/** A page's name for a ref by name: the file's, or its directory's for `_index.md` and `index.md`. */
function pageName(file: string): string {
  const parts = file.replace(/\.md$/, "").split("/");
  const last = parts.pop() ?? "";
  return last === "_index" || last === "index" ? (parts.pop() ?? "") : last;
}

/** Hugo's lookup: relative to the page's own directory first, then from the content root. */
function resolveRefTarget<T>(target: string, fromFile: string, byKey: ReadonlyMap<string, T>): T | undefined {
  const clean = target.trim().replace(/\.md$/, "").replace(/\/+$/, "");
  if (clean.startsWith("/") || clean === "") return byKey.get(clean.replace(/^\/+/, ""));
  const dir = path.posix.dirname(fromFile);
  const relative = path.posix.normalize(dir === "." ? clean : `${dir}/${clean}`);
  return byKey.get(relative) ?? byKey.get(clean);
}
