import { randomBytes } from "node:crypto";
import type { Element, ElementContent, RootContent as HastContent, Root as HastRoot } from "hast";
import { toHtml } from "hast-util-to-html";
import { toString as hastToString } from "hast-util-to-string";
import type { Nodes as MdastNodes, Root as MdastRoot } from "mdast";
import { mathFromMarkdown } from "mdast-util-math";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { type Processor, unified } from "unified";
import { VFile } from "vfile";
import { createLocator, type Diagnostic, type SourcePoint, withoutByteOrderMark } from "./diagnostics.ts";
import { type FrontMatterResult, type LessonFrontMatter, parseFrontMatter } from "./front-matter.ts";
import { FormulaRenderer } from "./math-render.ts";
import { displayMathFromMarkdown, type HugoMathOptions, hugoMath } from "./math-syntax.ts";
import { promoteDisplayMath } from "./math-tree.ts";
import { valueShortcode } from "./page-values.ts";
import {
  builtinShortcodes,
  restoreShortcodes,
  type ShortcodeContext,
  type ShortcodeDefinition,
  type ShortcodeScan,
  type SlotNode,
  scanShortcodes,
} from "./shortcodes.ts";

/** One heading of a page, for its table of contents. */
export interface TocEntry {
  depth: number;
  id: string;
  /** Plain text (formulas as their TeX source), for titles and search. */
  text: string;
  /** The heading's content as sanitized HTML, formulas rendered, for the table of contents. */
  html: string;
}

/** A Markdown file turned into safe HTML, with what its author needs to know. */
export interface RenderedDocument {
  frontMatter: LessonFrontMatter;
  /** Sanitized HTML; formulas are KaTeX HTML + MathML, code is highlighted. */
  html: string;
  /** Every heading (level 1–6) in order, with its id. */
  headings: TocEntry[];
  formulas: { display: number; inline: number };
  diagnostics: Diagnostic[];
}

/** How to render: settings shared by every page of a site. */
export interface MarkdownRendererOptions {
  /** Extra shortcodes beside `ref` and `relref`. */
  shortcodes?: readonly ShortcodeDefinition[];
  math?: HugoMathOptions;
  /** Language of the pages (BCP 47), for the words the renderer adds itself (footnotes). */
  language?: string;
  /** Share rendered formulas with other renderers (the dev server keeps one across reloads). */
  formulas?: FormulaRenderer;
}

/** What one page needs from its site while it renders. */
export interface RenderContext {
  /** Path relative to the content directory, used in diagnostics. */
  file: string;
  resolveRef: ShortcodeContext["resolveRef"];
  /** The file's front matter when the caller has already parsed it. */
  frontMatter?: FrontMatterResult;
  /** The page's front-matter `values:`, evaluated, for the `value` shortcode. */
  values?: ShortcodeContext["values"];
}

interface Formula {
  tex: string;
  display: boolean;
  /** Offset of the whole math node (delimiters included) in the source. */
  start: number;
  end: number;
}

interface PageState {
  /** Unguessable per render, so raw HTML in the page cannot pose as a formula placeholder. */
  nonce: string;
  /** Offsets of `<script`-like tags turned into text before parsing. */
  disarmedTags: number[];
  /**
   * Line and column of an offset in the author's file. Shortcode placeholders keep every
   * offset but not every line break, so positions come from offsets, never from the parser.
   */
  locate: (offset: number) => SourcePoint;
  scan: ShortcodeScan;
  context: ShortcodeContext;
  formulas: Formula[];
  diagnostics: Diagnostic[];
  headings: TocEntry[];
}

const FORMULA_ATTRIBUTE = "dataFormula";
/** Carries a slot (see `slotNode`) through the sanitizer, with the page's nonce. */
const SLOT_ATTRIBUTE = "dataSlot";

/** GitHub's sanitizing rules, plus the placeholder elements formulas travel in. */
const sanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    span: [...(defaultSchema.attributes?.span ?? []), FORMULA_ATTRIBUTE],
    div: [...(defaultSchema.attributes?.div ?? []), FORMULA_ATTRIBUTE, SLOT_ATTRIBUTE],
  },
};

/**
 * Renders Hugo-style Markdown pages. Build one per site and reuse it: the unified processor
 * and the KaTeX cache are shared by every page.
 */
export class MarkdownRenderer {
  readonly formulas: FormulaRenderer;
  readonly #shortcodes: ReadonlyMap<string, ShortcodeDefinition>;
  readonly #processor: Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;

  constructor(options: MarkdownRendererOptions = {}) {
    this.formulas = options.formulas ?? new FormulaRenderer();
    this.#shortcodes = new Map(
      [...builtinShortcodes, valueShortcode, ...(options.shortcodes ?? [])].map((d) => [d.name, d]),
    );
    const formulas = this.formulas;
    const mathOptions = options.math ?? {};
    this.#processor = unified()
      .use(remarkParse)
      .use(function hugoMathSyntax(this: Processor) {
        const data = this.data();
        data.micromarkExtensions = [...(data.micromarkExtensions ?? []), hugoMath(mathOptions)];
        data.fromMarkdownExtensions = [
          ...(data.fromMarkdownExtensions ?? []),
          mathFromMarkdown(),
          displayMathFromMarkdown(),
        ];
      })
      .use(remarkFrontmatter, ["yaml", "toml"])
      .use(remarkGfm, { singleTilde: false })
      .use(() => (tree: MdastRoot, file: VFile) => prepareMarkdownTree(tree, file))
      // Sanitizing prefixes ids once (`user-content-`); remark-rehype must not add its own.
      .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: "", ...footnoteWords(options.language) })
      .use(rehypeRawWhenPresent)
      .use(rehypeSanitize, sanitizeSchema)
      .use(() => linkFootnotesToPrefixedIds)
      .use(rehypeSlug)
      .use(() => (tree: HastRoot, file: VFile) => renderFormulas(tree, file, formulas))
      .use(highlightWhenPresent)
      .use(rehypeStringify, { allowDangerousHtml: true }) as unknown as Processor<
      MdastRoot,
      MdastRoot,
      HastRoot,
      HastRoot,
      string
    >;
    this.#processor.freeze();
  }

  /** Renders one file. Never rejects for a problem in the file: it becomes a diagnostic. */
  async render(input: string, context: RenderContext): Promise<RenderedDocument> {
    const source = withoutByteOrderMark(input);
    try {
      return await this.#render(source, context);
    } catch (error) {
      // Pathological nesting can exhaust the parser's stack; say which file, never crash.
      return {
        frontMatter: (context.frontMatter ?? parseFrontMatter(source, context.file)).data,
        html: "",
        headings: [],
        formulas: { display: 0, inline: 0 },
        diagnostics: [
          {
            severity: "error",
            rule: "render-failed",
            message: `this file could not be rendered (${(error as Error).message}); look for very deep nesting`,
            file: context.file,
            line: 1,
            column: 1,
          },
        ],
      };
    }
  }

  async #render(source: string, context: RenderContext): Promise<RenderedDocument> {
    const frontMatter = context.frontMatter ?? parseFrontMatter(source, context.file);
    const shortcodeContext: ShortcodeContext = {
      file: context.file,
      resolveRef: context.resolveRef,
      ...(context.values ? { values: context.values } : {}),
    };
    const scan = scanShortcodes(source, this.#shortcodes, shortcodeContext, frontMatter.end);
    const state: PageState = {
      nonce: randomBytes(6).toString("hex"),
      disarmedTags: [],
      locate: createLocator(source),
      scan,
      context: shortcodeContext,
      formulas: [],
      diagnostics: [...frontMatter.diagnostics, ...scan.diagnostics],
      headings: [],
    };
    const file = new VFile({
      value: disarmSwallowingTags(scan.text, state),
      path: context.file,
      data: { page: state },
    });
    const tree = this.#processor.parse(file);
    const hast = await this.#processor.run(tree, file);
    const html = this.#processor.stringify(hast, file);
    for (const message of file.messages) {
      const offset = message.place && "offset" in message.place ? message.place.offset : undefined;
      state.diagnostics.push({
        severity: "warning",
        rule: message.ruleId ?? message.source ?? "markdown",
        message: message.reason,
        file: context.file,
        ...(offset === undefined ? { line: message.line ?? 1, column: message.column ?? 1 } : state.locate(offset)),
      });
    }
    state.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    const display = state.formulas.filter((f) => f.display).length;
    return {
      frontMatter: frontMatter.data,
      html,
      headings: state.headings,
      formulas: { display, inline: state.formulas.length - display },
      diagnostics: state.diagnostics,
    };
  }
}

const ID_PREFIX = "user-content-";

/** The sanitizer prefixed footnote ids; point the footnote links at them too. */
function linkFootnotesToPrefixedIds(tree: HastRoot): void {
  const visit = (node: HastRoot | Element): void => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      const href = child.properties.href;
      const isFootnoteLink =
        child.properties.dataFootnoteRef !== undefined || child.properties.dataFootnoteBackref !== undefined;
      if (isFootnoteLink && typeof href === "string" && href.startsWith("#") && !href.startsWith(`#${ID_PREFIX}`)) {
        child.properties.href = `#${ID_PREFIX}${href.slice(1)}`;
      }
      visit(child);
    }
  };
  visit(tree);
}

function footnoteWords(language = "zh-CN"): { footnoteLabel: string; footnoteBackLabel: (n: number) => string } {
  return language.toLowerCase().startsWith("zh")
    ? { footnoteLabel: "脚注", footnoteBackLabel: (n) => `返回第 ${n + 1} 处引用` }
    : { footnoteLabel: "Footnotes", footnoteBackLabel: (n) => `Back to reference ${n + 1}` };
}

/**
 * rehype-raw re-parses the whole tree through an HTML parser (parse5); most lessons hold no
 * raw HTML, so it is loaded and run only when there is some to parse.
 */
function rehypeRawWhenPresent(): (tree: HastRoot, file: VFile) => Promise<HastRoot> {
  let raw: ((tree: HastRoot, file: VFile) => HastRoot) | undefined;
  return async (tree, file) => {
    if (!containsNode(tree, (node) => node.type === ("raw" as string))) return tree;
    raw ??= (await import("rehype-raw")).default();
    return raw(tree, file);
  };
}

/** Highlights fenced code; highlight.js and its grammars load only once a page has code. */
function highlightWhenPresent(): (tree: HastRoot, file: VFile) => Promise<void> {
  let highlight: typeof import("./code-highlight.ts").highlightCodeBlocks | undefined;
  return async (tree, file) => {
    if (!containsNode(tree, (node) => node.type === "element" && node.tagName === "pre")) return;
    highlight ??= (await import("./code-highlight.ts")).highlightCodeBlocks;
    highlight(tree, (node, message) => warnAt(file, node, "code-language", message));
  };
}

function warnAt(file: VFile, node: Element, rule: string, message: string): void {
  reportAt(pageState(file), node.position?.start.offset ?? 0, "warning", rule, message);
}

/** Records a problem at an offset of the page's file. */
function reportAt(
  state: PageState,
  offset: number,
  severity: Diagnostic["severity"],
  rule: string,
  message: string,
): void {
  state.diagnostics.push({ severity, rule, message, file: state.context.file, ...state.locate(offset) });
}

/** True when `test` holds for the node or any node below it. */
function containsNode(
  node: HastRoot | HastContent | ElementContent,
  test: (node: HastRoot | HastContent | ElementContent) => boolean,
): boolean {
  if (test(node)) return true;
  return "children" in node && node.children.some((child) => containsNode(child, test));
}

function pageState(file: VFile): PageState {
  return (file.data as { page: PageState }).page;
}

/**
 * GitHub's tag filter, plus `template` and `select`: elements whose content the parsers read
 * as raw text (or drop), so one left open would take the rest of the lesson with it.
 */
const SWALLOWING_TAG =
  /<(?=\/?(?:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext|template|select)(?:[\s/>]|$))/gi;
/** Stands in for the `<` of such a tag until the tree is built; it becomes text again. */
const DISARMED_LT = "\uE002";

function warnDisarmedTags(state: PageState, node: MdastNodes): void {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? 0;
  for (const offset of state.disarmedTags) {
    if (offset < start || offset >= end) continue;
    reportAt(
      state,
      offset,
      "warning",
      "html-disallowed",
      "raw <script>, <style>, <textarea>, <template>, <iframe> and the like are not allowed (an unclosed one hides the rest of the page); it is shown as text",
    );
  }
}

/** Turns those tags into text before parsing (same length, so positions stay exact). */
function disarmSwallowingTags(text: string, state: PageState): string {
  return text.replace(SWALLOWING_TAG, (_lt, offset: number) => {
    state.disarmedTags.push(offset);
    return DISARMED_LT;
  });
}

/** Puts shortcode output back, makes `$$`/`\[` display math, and tags formulas for KaTeX. */
function prepareMarkdownTree(tree: MdastRoot, file: VFile): void {
  const state = pageState(file);
  const source = String(file.value);
  restoreShortcodes(tree, state.scan, state.context, state.diagnostics, state.locate);
  promoteDisplayMath(tree, source);
  /** `depth`: 0 for the root's own children, deeper inside lists, quotes and tables. */
  const visit = (node: MdastNodes, depth: number): void => {
    const record = node as unknown as Record<string, unknown>;
    for (const field of ["value", "url", "alt", "title"] as const) {
      const value = record[field];
      if (typeof value === "string" && value.includes(DISARMED_LT)) {
        record[field] = value.replaceAll(DISARMED_LT, node.type === "html" ? "&lt;" : "<");
        // In code it is an example, as intended; anywhere else the author meant real HTML.
        if (node.type !== "code" && node.type !== "inlineCode") warnDisarmedTags(state, node);
      }
    }
    if (node.type === "text" && node.value.includes("$$") && node.position) {
      // A `$$` left in the text opened no formula: its closer is missing (or in another paragraph).
      reportAt(
        state,
        source.indexOf("$$", node.position.start.offset ?? 0),
        "warning",
        "math-unclosed",
        "this $$ is never closed, so it shows as text; close it with $$ (a blank line ends a formula)",
      );
    }
    if ((node as { type: string }).type === "slot") {
      const slot = node as unknown as SlotNode;
      if (depth > 0) {
        // The app cuts the page's HTML at each slot: one inside a list or a quote would cut it apart.
        reportAt(
          state,
          node.position?.start.offset ?? 0,
          "error",
          "shortcode-placement",
          `the ${slot.name} shortcode must stand at the top level of the lesson, not inside a list, quote or table`,
        );
        node.data = { hName: "div", hChildren: [] };
        return;
      }
      node.data = {
        hName: "div",
        hProperties: { [SLOT_ATTRIBUTE]: `${state.nonce}:${slot.name}:${slot.value}` },
      };
      return;
    }
    if (node.type === "math" || node.type === "inlineMath") {
      const index = state.formulas.length;
      state.formulas.push({
        tex: node.value,
        display: node.type === "math",
        start: node.position?.start.offset ?? 0,
        end: node.position?.end.offset ?? 0,
      });
      const tagName = node.type === "math" ? "div" : "span";
      node.data = {
        hName: tagName,
        hProperties: { [FORMULA_ATTRIBUTE]: `${state.nonce}:${index}` },
        hChildren: [{ type: "text", value: node.value }],
      };
      return;
    }
    if ("children" in node) for (const child of node.children) visit(child, depth + 1);
  };
  visit(tree, -1);
}

/** Replaces each formula placeholder with KaTeX's HTML, and collects the headings. */
function renderFormulas(tree: HastRoot, file: VFile, renderer: FormulaRenderer): void {
  const state = pageState(file);
  const source = String(file.value);
  const headings: Array<{ entry: TocEntry; node: Element }> = [];

  const visit = (parent: HastRoot | Element): void => {
    const children = parent.children as Array<HastContent | ElementContent>;
    for (let i = 0; i < children.length; i++) {
      const node = children[i];
      if (node?.type !== "element") continue;
      if (/^h[1-6]$/.test(node.tagName) && !String(node.properties.id ?? "").endsWith("footnote-label")) {
        const entry: TocEntry = {
          depth: Number(node.tagName.slice(1)),
          id: String(node.properties.id ?? ""),
          text: hastToString(node).replace(/\s+/g, " ").trim(),
          html: "",
        };
        headings.push({ entry, node });
        state.headings.push(entry);
      }
      const slot = node.properties[SLOT_ATTRIBUTE];
      if (slot !== undefined) {
        delete node.properties[SLOT_ATTRIBUTE];
        const [nonce, name, value] = String(slot).split(":", 3);
        if (nonce === state.nonce && name && value !== undefined) {
          node.properties = { [`data${name[0]?.toUpperCase()}${name.slice(1)}`]: value };
          node.children = [];
        }
      }
      const marker = String(node.properties[FORMULA_ATTRIBUTE] ?? "");
      const formula = marker.startsWith(`${state.nonce}:`)
        ? state.formulas[Number(marker.slice(state.nonce.length + 1))]
        : undefined;
      if (marker !== "" && !formula) delete node.properties[FORMULA_ATTRIBUTE];
      if (!formula) {
        visit(node);
        continue;
      }
      const rendered = renderer.render(formula.tex, formula.display);
      for (const problem of rendered.problems) {
        reportAt(
          state,
          problem.offset === undefined ? formula.start : sourceOffsetOfTex(source, formula, problem.offset),
          problem.severity,
          problem.rule,
          `${problem.message} in ${formula.display ? "display" : "inline"} formula ${JSON.stringify(abbreviate(formula.tex))}`,
        );
      }
      children[i] = {
        type: "element",
        tagName: formula.display ? "div" : "span",
        properties: { className: ["math", formula.display ? "math-display" : "math-inline"] },
        children: [
          rendered.html === undefined
            ? // Unrenderable (already a build error): show the source quietly, never red text.
              {
                type: "element",
                tagName: "code",
                properties: { className: ["math-source"] },
                children: [{ type: "text", value: formula.tex }],
              }
            : ({ type: "raw", value: rendered.html } as unknown as ElementContent),
        ],
      };
    }
  };
  visit(tree);
  // Only now are the headings' own formulas rendered.
  for (const { entry, node } of headings) entry.html = toHtml(node.children, { allowDangerousHtml: true });
}

/**
 * Where in the file a position inside a formula's (trimmed) TeX is. The TeX is not always a
 * slice of the file: inside a list or a blockquote each line lost its indent or `> `, so the
 * lines are found one by one.
 */
function sourceOffsetOfTex(source: string, formula: Formula, trimmedOffset: number): number {
  const target = trimmedOffset + (formula.tex.length - formula.tex.trimStart().length);
  // Every opener (`$$`, `\(`, `\[`) is two characters long.
  let cursor = formula.start + 2;
  let consumed = 0;
  for (const line of formula.tex.split("\n")) {
    const at = source.indexOf(line, cursor);
    if (at === -1 || at > formula.end) break;
    if (target <= consumed + line.length) return at + (target - consumed);
    consumed += line.length + 1;
    cursor = at + line.length;
  }
  return formula.start;
}

function abbreviate(tex: string): string {
  const flat = tex.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
