import { randomBytes } from "node:crypto";
import type { Element, ElementContent, RootContent as HastContent, Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
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
import { applyTrustedProperties } from "./attributes.ts";
import { createLocator, type Diagnostic, withoutByteOrderMark } from "./diagnostics.ts";
import { type FrontMatterResult, type LessonFrontMatter, parseFrontMatter } from "./front-matter.ts";
import { placeholderFormula, renderFormulas } from "./html-tree.ts";
import { hugoShortcodes } from "./hugo-shortcodes.ts";
import { disarmSwallowingTags, prepareMarkdownTree } from "./markdown-tree.ts";
import { FormulaRenderer } from "./math-render.ts";
import { displayMathFromMarkdown, type HugoMathOptions, hugoMath } from "./math-syntax.ts";
import {
  FORMULA_ATTRIBUTE,
  type PageState,
  pageState,
  reportAt,
  SLOT_ATTRIBUTE,
  type TocEntry,
  TRUSTED_ATTRIBUTE,
} from "./page-state.ts";
import { valueShortcode } from "./page-values.ts";
import { type ProseCount, proseCount } from "./reading.ts";
import { type SearchSection, searchSections } from "./search-sections.ts";
import {
  builtinShortcodes,
  hideContainers,
  type ShortcodeContext,
  type ShortcodeDefinition,
  scanShortcodes,
  type ThemeShortcodes,
} from "./shortcodes.ts";

export type { TocEntry } from "./page-state.ts";

/** A Markdown file turned into safe HTML, with what its author needs to know. */
export interface RenderedDocument {
  frontMatter: LessonFrontMatter;
  /** Sanitized HTML; formulas are KaTeX HTML + MathML, code is highlighted. */
  html: string;
  /** Every heading (level 1–6) in order, with its id. */
  headings: TocEntry[];
  formulas: { display: number; inline: number };
  /** The prose's Han characters and Latin-script words (code and formulas left out). */
  prose: ProseCount;
  /** The page cut at its level 1–3 headings, for search. */
  sections: SearchSection[];
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
  /** A Hugo theme's shortcodes shown as their body or left out (the site's `shortcodes`). */
  themeShortcodes?: ThemeShortcodes;
  /** The site's `params` (Hugo configuration), for the `param` shortcode. */
  siteParams?: Readonly<Record<string, unknown>>;
  /** Read attribute lists after blocks (Hugo's `markup.goldmark.parser.attribute.block`). */
  blockAttributes?: boolean;
  /** Read `{#id .class}` after headings (Hugo's `markup.goldmark.parser.attribute.title`; on by default). */
  headingAttributes?: boolean;
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

/** GitHub's sanitizing rules, plus the placeholder elements formulas travel in. */
const sanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), "figure", "figcaption"],
  attributes: {
    ...defaultSchema.attributes,
    "*": [...(defaultSchema.attributes?.["*"] ?? []), TRUSTED_ATTRIBUTE],
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
  readonly #theme: ThemeShortcodes | undefined;
  readonly #blockAttributes: boolean;
  readonly #headingAttributes: boolean;
  readonly #language: string;
  readonly #processor: Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;

  constructor(options: MarkdownRendererOptions = {}) {
    this.formulas = options.formulas ?? new FormulaRenderer();
    this.#shortcodes = new Map(
      [
        ...builtinShortcodes,
        ...hugoShortcodes({
          language: options.language ?? "zh-CN",
          ...(options.siteParams ? { siteParams: options.siteParams } : {}),
        }),
        valueShortcode,
        ...(options.shortcodes ?? []),
      ].map((d) => [d.name, d]),
    );
    this.#theme = options.themeShortcodes;
    this.#blockAttributes = options.blockAttributes ?? false;
    this.#headingAttributes = options.headingAttributes ?? true;
    this.#language = options.language ?? "zh-CN";
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
      .use(() => (tree: HastRoot, file: VFile) => applyTrustedProperties(tree, pageState(file).nonce))
      .use(rehypeSlug)
      // Search reads formulas by their TeX, so the page is cut into sections before KaTeX.
      .use(() => (tree: HastRoot, file: VFile) => {
        const state = pageState(file);
        state.sections = searchSections(tree, placeholderFormula(state));
      })
      .use(() => (tree: HastRoot, file: VFile) => renderFormulas(tree, file, formulas))
      .use(highlightWhenPresent)
      .use(() => (tree: HastRoot, file: VFile) => {
        pageState(file).prose = proseCount(tree);
      })
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
        prose: { han: 0, latin: 0 },
        sections: [],
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
    const nonce = randomBytes(6).toString("hex");
    const shortcodeContext: ShortcodeContext = {
      file: context.file,
      nonce,
      params: frontMatter.data as Record<string, unknown>,
      resolveRef: context.resolveRef,
      ...(context.values ? { values: context.values } : {}),
    };
    const scan = scanShortcodes(source, this.#shortcodes, shortcodeContext, {
      skipUntil: frontMatter.end,
      ...(this.#theme ? { theme: this.#theme } : {}),
    });
    const processor = this.#processor;
    const state: PageState = {
      nonce,
      language: this.#language,
      attributes: { block: this.#blockAttributes, heading: this.#headingAttributes },
      disarmedTags: [],
      locate: createLocator(source),
      scan,
      source: "",
      parser: {
        part: (from, to) => shiftOffsets(processor.parse(hideContainers(scan, state.source, from, to)), from),
        text: (value) => processor.parse(value),
      },
      context: shortcodeContext,
      formulas: [],
      diagnostics: [...frontMatter.diagnostics, ...scan.diagnostics],
      headings: [],
    };
    state.source = disarmSwallowingTags(scan.text, state);
    const file = new VFile({
      value: hideContainers(scan, state.source, 0, state.source.length),
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
      prose: state.prose ?? { han: 0, latin: 0 },
      sections: state.sections ?? [],
      diagnostics: state.diagnostics,
    };
  }
}

/** Moves a parsed part of the page to where it stands in the page (lines and columns come from offsets). */
function shiftOffsets<T extends MdastRoot>(tree: T, by: number): T {
  const visit = (node: {
    position?: { start: { offset?: number }; end: { offset?: number } };
    children?: unknown[];
  }) => {
    if (node.position) {
      if (node.position.start.offset !== undefined) node.position.start.offset += by;
      if (node.position.end.offset !== undefined) node.position.end.offset += by;
    }
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(tree);
  return tree;
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

/** Warns at `node` of the page `file` holds. */
function warnAt(file: VFile, node: Element, rule: string, message: string): void {
  reportAt(pageState(file), node.position?.start.offset ?? 0, "warning", rule, message);
}

/** True when `test` holds for the node or any node below it. */
function containsNode(
  node: HastRoot | HastContent | ElementContent,
  test: (node: HastRoot | HastContent | ElementContent) => boolean,
): boolean {
  if (test(node)) return true;
  return "children" in node && node.children.some((child) => containsNode(child, test));
}
