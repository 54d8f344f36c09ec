import { parse as parseToml, TomlError } from "smol-toml";
import { isMap, isScalar, parseDocument } from "yaml";
import { z } from "zod";
import { createLocator, type Diagnostic, withoutByteOrderMark } from "./diagnostics.ts";

/** Hugo's dates: a TOML date-time or any string `Date` can read (kept as written). */
const hugoDate = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const parsed = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(parsed.getTime()) || (typeof value === "string" && !/^\d{4}-\d{2}-\d{2}/.test(value))) {
    ctx.addIssue({
      code: "custom",
      message: `"${String(value)}" is not a date; write 2025-01-31 or 2025-01-31T08:00:00+08:00`,
    });
    return z.NEVER;
  }
  return value instanceof Date ? value.toISOString() : value;
});

/** The front matter keys Hugo defines that lessons use; any other key is kept as written. */
export const lessonFrontMatterSchema = z.looseObject({
  title: z.string().optional(),
  date: hugoDate.optional(),
  /** When the page last changed (shown as "last updated"; else its date). */
  lastmod: hugoDate.optional(),
  draft: z.boolean().default(false),
  weight: z.number().int().default(0),
  description: z.string().optional(),
  slug: z
    .string()
    .regex(/^(?!\.+$)[^/\\?#\s]+$/, "a slug is one URL segment: no /, \\, ?, # or spaces, and not . or ..")
    .optional(),
  tags: z.array(z.string()).default([]),
  lang: z.string().optional(),
  /** Worked examples' numbers: name → expression, evaluated in order (see page-values.ts). */
  values: z.unknown().optional(),
});

/** A lesson's front matter after validation. */
export type LessonFrontMatter = z.output<typeof lessonFrontMatterSchema>;

/** Where the front matter sits in the source and what it said. */
export interface FrontMatterResult {
  format: "yaml" | "toml" | "none";
  data: LessonFrontMatter;
  /** Offset of the first character after the closing delimiter line. */
  end: number;
  diagnostics: Diagnostic[];
}

const DEFAULTS: LessonFrontMatter = lessonFrontMatterSchema.parse({});

/**
 * Finds the `---` (YAML) or `+++` (TOML) block at the top of a file and validates it.
 * Never throws: syntax and type problems come back as diagnostics at the offending key.
 */
export function parseFrontMatter(input: string, file: string): FrontMatterResult {
  const source = withoutByteOrderMark(input);
  const block = findFrontMatterBlock(source);
  if (!block) return { format: "none", data: { ...DEFAULTS }, end: 0, diagnostics: [] };

  const locate = createLocator(source);
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number, rule: string, message: string): void => {
    diagnostics.push({ severity: "error", rule, message, file, ...locate(offset) });
  };
  const text = source.slice(block.contentStart, block.contentEnd);

  let raw: unknown = {};
  const keyOffsets = new Map<string, number>();
  if (block.format === "yaml") {
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    for (const error of doc.errors) {
      at(block.contentStart + (error.pos[0] ?? 0), "front-matter-syntax", `YAML: ${firstLine(error.message)}`);
    }
    if (doc.errors.length > 0) return { format: "yaml", data: { ...DEFAULTS }, end: block.end, diagnostics };
    if (isMap(doc.contents)) {
      for (const item of doc.contents.items) {
        if (isScalar(item.key) && item.key.range) {
          keyOffsets.set(String(item.key.value), block.contentStart + item.key.range[0]);
        }
      }
    }
    try {
      raw = doc.toJS({ maxAliasCount: 100 }) ?? {};
    } catch (error) {
      at(block.contentStart, "front-matter-syntax", `YAML: ${firstLine(String((error as Error).message))}`);
      return { format: "yaml", data: { ...DEFAULTS }, end: block.end, diagnostics };
    }
  } else {
    try {
      raw = parseToml(text);
    } catch (error) {
      if (error instanceof TomlError) {
        const line = locate(block.contentStart).line + error.line - 1;
        diagnostics.push({
          severity: "error",
          rule: "front-matter-syntax",
          message: `TOML: ${firstLine(error.message)}`,
          file,
          line,
          column: error.column,
        });
        return { format: "toml", data: { ...DEFAULTS }, end: block.end, diagnostics };
      }
      throw error;
    }
    // TOML keys: the first `key =` at the start of a line names where a field is set.
    const keyPattern = /^[ \t]*("?)([A-Za-z0-9_-]+)\1[ \t]*=/gm;
    for (const match of text.matchAll(keyPattern)) {
      const key = match[2] ?? "";
      if (!keyOffsets.has(key)) keyOffsets.set(key, block.contentStart + (match.index ?? 0) + match[0].indexOf(key));
    }
  }

  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    at(block.contentStart, "front-matter-syntax", "front matter must be a set of `key: value` fields");
    return { format: block.format, data: { ...DEFAULTS }, end: block.end, diagnostics };
  }

  const result = lessonFrontMatterSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "");
      const value = (raw as Record<string, unknown>)[key];
      at(
        keyOffsets.get(key) ?? block.contentStart,
        "front-matter-type",
        `front matter field "${key}": ${issue.message} (found ${describeValue(value)})`,
      );
    }
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { format: block.format, data: { ...DEFAULTS }, end: block.end, diagnostics };
  }
  return { format: block.format, data: result.data, end: block.end, diagnostics };
}

interface FrontMatterBlock {
  format: "yaml" | "toml";
  contentStart: number;
  contentEnd: number;
  end: number;
}

/** The same rule remark-frontmatter applies: the fence is the whole first line, closed by the same fence. */
export function findFrontMatterBlock(source: string): FrontMatterBlock | undefined {
  const opener = /^(---|\+\+\+)[ \t]*\r?\n/.exec(source);
  if (!opener) return undefined;
  const fence = opener[1] === "---" ? "---" : "\\+\\+\\+";
  const contentStart = opener[0].length;
  // The closing fence is a whole line, found from the opener's own line ending (so an empty
  // block closes at once); the line ending before it is not part of the content.
  const closer = new RegExp(`\\r?\\n${fence}[ \\t]*(\\r?\\n|$)`, "g");
  closer.lastIndex = contentStart - (source[contentStart - 2] === "\r" ? 2 : 1);
  const close = closer.exec(source);
  if (!close) return undefined;
  return {
    format: opener[1] === "---" ? "yaml" : "toml",
    contentStart,
    contentEnd: Math.max(contentStart, close.index),
    end: close.index + close[0].length,
  };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  if (Array.isArray(value)) return `a list ${JSON.stringify(value)}`;
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
