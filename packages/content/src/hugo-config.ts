import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { parseDocument } from "yaml";
import { createLocator, type Diagnostic } from "./diagnostics.ts";

// A Hugo site's configuration, read where Hugo reads it: `hugo.toml|yaml|yml|json` (or the
// older `config.*`) in the site's root, the directory that holds `content/`, and the files of
// `config/_default/` over it. Only what this site uses is taken; the rest is Hugo's business.

/** The root file names Hugo tries, in Hugo's order; the first found is the one read. */
export const HUGO_CONFIG_FILES = ["hugo", "config"].flatMap((base) =>
  ["toml", "yaml", "yml", "json"].map((ext) => `${base}.${ext}`),
);

/** One of the languages a Hugo site configures. */
export interface HugoLanguage {
  code: string;
  /** BCP 47 (`locale`, formerly `languageCode`). */
  lang?: string;
  title?: string;
  weight: number;
  /** The language's own content directory, absolute (`contentDir`, relative to the site root). */
  contentDir?: string;
}

/** What this site takes from a Hugo configuration. */
export interface HugoConfig {
  /** The files read, relative to the site root, the root file first. */
  files: string[];
  baseURL?: string;
  title?: string;
  defaultLanguage?: string;
  defaultLanguageInSubdir: boolean;
  /** Languages by weight, then code; empty when the site configures none. */
  languages: HugoLanguage[];
  params: Record<string, unknown>;
  /** `$ … $` is inline math (the passthrough extension's inline delimiters include it). */
  singleDollar?: boolean;
  /** `markup.goldmark.parser.attribute.block` / `.title`. */
  blockAttributes?: boolean;
  headingAttributes?: boolean;
}

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table =>
  value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);

/** A key of a table, whatever its case (Hugo's keys are case-insensitive). */
function get(table: unknown, ...keys: string[]): unknown {
  let current = table;
  for (const key of keys) {
    if (!isTable(current)) return undefined;
    const found = Object.keys(current).find((k) => k.toLowerCase() === key.toLowerCase());
    current = found === undefined ? undefined : current[found];
  }
  return current;
}

/** Deep merge, `over` winning: config/_default/ over the root file, as Hugo merges them. */
function merge(base: Table, over: Table): Table {
  const out: Table = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = Object.keys(out).find((k) => k.toLowerCase() === key.toLowerCase());
    const previous = existing === undefined ? undefined : out[existing];
    if (existing !== undefined && existing !== key) delete out[existing];
    out[key] = isTable(previous) && isTable(value) ? merge(previous, value) : value;
  }
  return out;
}

/** Parses one configuration file; a problem in it is a diagnostic at its line. */
function parseConfig(text: string, file: string, diagnostics: Diagnostic[]): Table | undefined {
  const report = (line: number, column: number, message: string): void => {
    diagnostics.push({ severity: "error", rule: "site-config", message, file, line, column });
  };
  const ext = path.extname(file);
  if (ext === ".toml") {
    try {
      return parseToml(text) as Table;
    } catch (error) {
      const e = error as { line?: number; column?: number; message: string };
      report(e.line ?? 1, e.column ?? 1, `TOML: ${e.message.split("\n")[0]}`);
      return undefined;
    }
  }
  if (ext === ".json") {
    try {
      const value = JSON.parse(text) as unknown;
      if (isTable(value)) return value;
      report(1, 1, "the configuration is not a JSON object");
    } catch (error) {
      report(1, 1, `JSON: ${(error as Error).message}`);
    }
    return undefined;
  }
  const doc = parseDocument(text);
  const locate = createLocator(text);
  for (const error of doc.errors) {
    const at = locate(error.pos[0]);
    report(at.line, at.column, `YAML: ${error.message.split("\n")[0]}`);
  }
  if (doc.errors.length > 0) return undefined;
  const value = doc.toJS() as unknown;
  return isTable(value) ? value : {};
}

/** Every file under a directory, relative, in name order. */
async function filesUnder(root: string, dir = ""): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await filesUnder(root, relative)));
    else if (/\.(toml|ya?ml|json)$/.test(entry.name)) found.push(relative);
  }
  return found;
}

/**
 * Reads the Hugo configuration of the site whose root is `siteRoot`; undefined when it has none.
 * Problems (a file that does not parse, a setting of the wrong type) are diagnostics.
 */
export async function readHugoConfig(siteRoot: string, diagnostics: Diagnostic[]): Promise<HugoConfig | undefined> {
  const files: string[] = [];
  let config: Table = {};
  for (const name of HUGO_CONFIG_FILES) {
    let text: string;
    try {
      text = await readFile(path.join(siteRoot, name), "utf8");
    } catch {
      continue;
    }
    files.push(name);
    config = parseConfig(text, name, diagnostics) ?? {};
    break;
  }
  // config/_default/: hugo.toml is the root; params.toml is [params]; menus.en.toml is [menus] of en.
  for (const file of await filesUnder(path.join(siteRoot, "config", "_default"))) {
    const shown = `config/_default/${file}`;
    const parsed = parseConfig(await readFile(path.join(siteRoot, shown), "utf8"), shown, diagnostics);
    if (!parsed) continue;
    files.push(shown);
    const key =
      path.posix
        .basename(file)
        .replace(/\.(toml|ya?ml|json)$/, "")
        .split(".")[0] ?? "";
    config = merge(config, key === "hugo" || key === "config" ? parsed : { [key]: parsed });
  }
  if (files.length === 0) return undefined;

  const problem = (setting: string, message: string): void => {
    diagnostics.push({
      severity: "warning",
      rule: "site-config",
      message: `${setting}: ${message}`,
      file: files[0] ?? "hugo.toml",
      line: 1,
      column: 1,
    });
  };
  const text = (setting: string, ...keys: string[]): string | undefined => {
    const value = get(config, ...keys);
    if (value === undefined) return undefined;
    if (typeof value === "string") return value;
    problem(setting, `is ${typeof value}, not text; it is ignored`);
    return undefined;
  };
  const flag = (setting: string, ...keys: string[]): boolean | undefined => {
    const value = get(config, ...keys);
    if (value === undefined || typeof value === "boolean") return value;
    problem(setting, `is ${typeof value}, not true or false; it is ignored`);
    return undefined;
  };

  const languages: HugoLanguage[] = [];
  const configured = get(config, "languages");
  if (isTable(configured)) {
    for (const [code, settings] of Object.entries(configured)) {
      if (get(settings, "disabled") === true) continue;
      const language: HugoLanguage = { code: code.toLowerCase(), weight: Number(get(settings, "weight") ?? 0) || 0 };
      const lang = get(settings, "locale") ?? get(settings, "languageCode");
      if (typeof lang === "string") language.lang = lang;
      const title = get(settings, "title");
      if (typeof title === "string") language.title = title;
      const contentDir = get(settings, "contentDir");
      if (typeof contentDir === "string") language.contentDir = path.resolve(siteRoot, contentDir);
      languages.push(language);
    }
    // Hugo's order: by weight (0 last), then by code.
    languages.sort(
      (a, b) =>
        (a.weight || Number.MAX_SAFE_INTEGER) - (b.weight || Number.MAX_SAFE_INTEGER) || a.code.localeCompare(b.code),
    );
  }

  const result: HugoConfig = {
    files,
    defaultLanguageInSubdir: flag("defaultContentLanguageInSubdir", "defaultContentLanguageInSubdir") ?? false,
    languages,
    params: isTable(get(config, "params")) ? (get(config, "params") as Table) : {},
  };
  const baseURL = text("baseURL", "baseURL");
  if (baseURL !== undefined) result.baseURL = baseURL;
  const title = text("title", "title");
  if (title !== undefined) result.title = title;
  // Hugo's default language is English unless the configuration says otherwise.
  result.defaultLanguage = (text("defaultContentLanguage", "defaultContentLanguage") ?? "en").toLowerCase();
  const block = flag("markup.goldmark.parser.attribute.block", "markup", "goldmark", "parser", "attribute", "block");
  if (block !== undefined) result.blockAttributes = block;
  const heading = flag("markup.goldmark.parser.attribute.title", "markup", "goldmark", "parser", "attribute", "title");
  if (heading !== undefined) result.headingAttributes = heading;

  const passthrough = get(config, "markup", "goldmark", "extensions", "passthrough");
  if (isTable(passthrough) && get(passthrough, "enable") === true) {
    const pairs = (kind: string): string[] => {
      const list = get(passthrough, "delimiters", kind);
      return Array.isArray(list) ? list.map((pair) => (Array.isArray(pair) ? pair.join(" … ") : String(pair))) : [];
    };
    const inline = pairs("inline");
    const block = pairs("block");
    result.singleDollar = inline.includes("$ … $");
    const known = new Set(["\\( … \\)", "$ … $", "\\[ … \\]", "$$ … $$"]);
    const other = [...inline, ...block].filter((d) => !known.has(d));
    if (other.length > 0) {
      problem(
        "markup.goldmark.extensions.passthrough",
        `only \\( \\), \\[ \\], $$ $$ and $ $ are math here; ${other.join(", ")} stay text`,
      );
    }
  }
  return result;
}
