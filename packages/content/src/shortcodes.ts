import type { Value } from "@llm-basics/grading";
import type {
  Nodes as MdastNodes,
  Root as MdastRoot,
  Paragraph,
  Parent,
  PhrasingContent,
  RootContent,
  Text,
} from "mdast";
import { createLocator, type Diagnostic, type Severity, type SourcePoint } from "./diagnostics.ts";

/**
 * A shortcode as written: `{{< ref "/matrix_basics" >}}` has name `ref` and one positional
 * argument; `{{< widget kind="plot" >}}` has a named one.
 */
export interface ShortcodeCall {
  name: string;
  positional: string[];
  named: Record<string, string>;
  /** The verbatim text between the opening and closing tag, for shortcodes that take a body. */
  body?: string;
  /** 1-based position in the file where `body` starts. */
  bodyLine?: number;
  bodyColumn?: number;
  /** 1-based position of `{{` in the file. */
  line: number;
  column: number;
  /** Offsets in the file of `{{` and, for a paired shortcode, of its body. */
  offset: number;
  bodyOffset?: number;
  bodyEndOffset?: number;
}

/** What a page's shortcodes may ask of the site. */
export interface ShortcodeContext {
  /** The page being rendered, relative to the content directory. */
  file: string;
  /** The page's nonce, for attributes only this package may set (`trustedProperties`). */
  nonce?: string;
  /**
   * Resolves a Hugo `ref` target to a URL, or says why it cannot; `at` is where the ref is
   * written; `lang` asks for the page in another language.
   */
  resolveRef(target: string, at: SourcePoint, options?: { lang?: string }): { url: string } | { error: string };
  /** The page's front-matter `values:`, evaluated (for `value`). */
  values?: ReadonlyMap<string, Value>;
  /** The page's front matter, for Hugo's `param`. */
  params?: Readonly<Record<string, unknown>>;
}

/** A problem a shortcode found at a precise place in the file (inside its body, say). */
export interface ShortcodeProblem {
  severity: Severity;
  rule: string;
  message: string;
  line: number;
  column: number;
}

/**
 * A shortcode becomes text where it stands (a URL), a block node, or an author error; any of
 * them may add problems located inside the shortcode.
 */
export type ShortcodeOutput = (
  | { kind: "text"; value: string /** Only right inside a formula (LaTeX). */; mathOnly?: boolean }
  | {
      kind: "block";
      /** The block, or how to make it once the page's parser can read Markdown in a parameter. */
      node: RootContent | ((tools: MarkdownTools) => RootContent);
    }
  | {
      /**
       * A paired shortcode whose body is Markdown (`details`, a theme's shortcode rendered as its
       * body): the body is parsed where it stands, shortcodes inside it included, and `build`
       * wraps what it became. `inline` when the shortcode stands inside a paragraph's text; the
       * content is then the body's phrasing (a body of one paragraph).
       */
      kind: "markdown";
      /** Always a block (`details`): inside a paragraph's text, it splits the paragraph. */
      block?: boolean;
      build(content: RootContent[], inline: boolean, tools: MarkdownTools): RootContent[];
    }
  | {
      /** A node of its own (a formula): inside text where it stands, or `block` alone on its lines. */
      kind: "inline";
      node: PhrasingContent;
      block?: RootContent;
    }
  | { kind: "error"; rule: string; message: string }
) & { problems?: ShortcodeProblem[] };

/** What a Markdown-body shortcode may use while it builds its output. */
export interface MarkdownTools {
  /** Inline Markdown (a `details` summary, a `figure` caption) parsed as phrasing content. */
  inline(text: string): RootContent[];
}

/** How one shortcode is read and rendered; later features register theirs the same way. */
export interface ShortcodeDefinition {
  name: string;
  /**
   * `none`: stands alone. `raw`: paired with `{{< /name >}}`, its body kept verbatim.
   * `markdown`: paired, its body Markdown that the page parses (the output is `markdown`).
   */
  body: "none" | "raw" | "markdown";
  render(call: ShortcodeCall, context: ShortcodeContext): ShortcodeOutput;
}

/** The shortcodes every site has: Hugo's `ref` and `relref`, both giving a root-relative URL. */
export const builtinShortcodes: readonly ShortcodeDefinition[] = ["ref", "relref"].map((name) => ({
  name,
  body: "none",
  render(call, context) {
    // Hugo's forms: a path, a path and an output format, or path=, lang= and outputFormat=.
    const target = call.positional[0] ?? call.named.path;
    if (target === undefined || call.positional.length > 2) {
      return {
        kind: "error",
        rule: "shortcode-syntax",
        message: `${name} takes one target, e.g. {{< ${name} "/matrix_basics" >}} or {{< ${name} path="/matrix_basics" lang="en" >}}`,
      };
    }
    const lang = call.named.lang;
    const resolved = context.resolveRef(target, { line: call.line, column: call.column }, lang ? { lang } : undefined);
    if ("error" in resolved) return { kind: "error", rule: "ref-not-found", message: resolved.error };
    return { kind: "text", value: resolved.url };
  },
}));

/**
 * A block that the page's HTML only marks, for the app to fill in: the pipeline turns it into
 * `<div data-NAME="VALUE"></div>` (an exercise: `<div data-exercise="attention-weights">`).
 * Raw HTML in a page cannot forge one: the sanitizer drops look-alikes.
 */
export interface SlotNode {
  type: "slot";
  name: string;
  value: string;
}

/** A slot block for a shortcode's output. */
export function slotNode(name: string, value: string): RootContent {
  return { type: "slot", name, value } as SlotNode as unknown as RootContent;
}

const PLACEHOLDER_START = "\uE000";
const PLACEHOLDER_FILL = "\uE001";
const INDEX_BASE = 0xe100;
const PLACEHOLDER_PATTERN = /\uE000([\uE100-\uE1FF]{2})\uE001*/g;

/** Shortcodes found in a file, each replaced by a same-length placeholder. */
export interface ShortcodeScan {
  /**
   * The source with every shortcode replaced, so offsets, lines and columns stay exact. The
   * bodies of Markdown-body shortcodes stay (their own shortcodes replaced); `hideContainers`
   * gives the text a parser reads, each such shortcode one placeholder.
   */
  text: string;
  /** The Markdown-body shortcodes, outer ones before those inside them. */
  containers: ShortcodeContainer[];
  outputs: ShortcodeOutput[];
  diagnostics: Diagnostic[];
}

/** Where a Markdown-body shortcode stands: `{{< details >}}` at `start`, its body, its closer. */
export interface ShortcodeContainer {
  /** Its output in `ShortcodeScan.outputs`. */
  index: number;
  start: number;
  bodyStart: number;
  bodyEnd: number;
  end: number;
}

/** Theme shortcodes a site renders as their body, or drops, until they are rewritten. */
export interface ThemeShortcodes {
  render: ReadonlySet<string>;
  drop: ReadonlySet<string>;
}

/**
 * The part `from`–`to` of a scan's text as a Markdown parser must read it: each Markdown-body
 * shortcode in it one placeholder, whose output places its parsed body. Same length as the
 * part, so offsets stay exact.
 */
export function hideContainers(
  scan: Pick<ShortcodeScan, "containers">,
  text: string,
  from: number,
  to: number,
): string {
  let out = "";
  let copied = from;
  for (const container of scan.containers) {
    if (container.start < copied || container.end > to) continue;
    out +=
      text.slice(copied, container.start) + placeholder(text.slice(container.start, container.end), container.index);
    copied = container.end;
  }
  return out + text.slice(copied, to);
}

/** How deep Markdown-body shortcodes may stand inside each other (a details in a details in …). */
const MAX_NESTING = 16;

/** How a page's shortcodes are scanned beyond their definitions. */
export interface ScanOptions {
  /** The region before it (the front matter) is left alone. */
  skipUntil?: number;
  theme?: ThemeShortcodes;
}

/**
 * Finds Hugo shortcodes before Markdown parsing, as Hugo does, so they work inside link
 * destinations and code. Hugo's escape, a shortcode written with `/*` after `{{<` and `*` + `/`
 * before `>}}`, prints the shortcode itself.
 * An unknown shortcode is an error once per name per page; with its closer, its body goes
 * with it. A theme's shortcode listed in `options.theme` becomes its body, or nothing, with
 * a warning once per name per page; an inline shortcode (`time.inline`) becomes nothing, as
 * in Hugo, whose default leaves inline shortcodes off.
 */
export function scanShortcodes(
  source: string,
  definitions: ReadonlyMap<string, ShortcodeDefinition>,
  context: ShortcodeContext,
  options: ScanOptions = {},
): ShortcodeScan {
  const skipUntil = options.skipUntil ?? 0;
  const locate = createLocator(source);
  const outputs: ShortcodeOutput[] = [];
  const containers: ShortcodeContainer[] = [];
  /** Markdown-body shortcodes whose closer is still ahead, innermost last. */
  const open: ShortcodeContainer[] = [];
  const diagnostics: Diagnostic[] = [];
  const toldAbout = new Set<string>();
  let text = "";
  let copied = 0;
  let searchFrom = skipUntil;

  const report = (offset: number, rule: string, message: string, severity: Severity = "error"): void => {
    diagnostics.push({ severity, rule, message, file: context.file, ...locate(offset) });
  };
  /** Reports a problem about a shortcode name once per page. */
  const reportOnce = (offset: number, key: string, rule: string, message: string, severity: Severity): void => {
    if (toldAbout.has(key)) return;
    toldAbout.add(key);
    report(offset, rule, message, severity);
  };
  const closings = createClosingFinder(source);
  for (
    let at = source.indexOf(PLACEHOLDER_START, skipUntil);
    at !== -1;
    at = source.indexOf(PLACEHOLDER_START, at + 1)
  ) {
    report(at, "reserved-character", "U+E000 is reserved for shortcodes; remove it from the file");
  }
  const replace = (start: number, end: number, output: ShortcodeOutput): number => {
    const index = outputs.length;
    outputs.push(output);
    text += source.slice(copied, start) + placeholder(source.slice(start, end), index);
    copied = end;
    return index;
  };
  const nothing: ShortcodeOutput = { kind: "text", value: "" };

  for (;;) {
    const start = source.indexOf("{{", searchFrom);
    const innermost = open.at(-1);
    if (innermost && (start === -1 || start >= innermost.bodyEnd)) {
      // The closer of a Markdown-body shortcode: its body has been scanned.
      text += source.slice(copied, innermost.bodyEnd) + PLACEHOLDER_FILL.repeat(innermost.end - innermost.bodyEnd);
      copied = innermost.end;
      searchFrom = innermost.end;
      open.pop();
      continue;
    }
    if (start === -1) break;
    const tag = readTag(source, start, closings);
    if (!tag) {
      searchFrom = start + 2;
      continue;
    }
    if ("error" in tag) {
      report(start, "shortcode-syntax", tag.error);
      searchFrom = start + 2;
      continue;
    }
    if (innermost && tag.end > innermost.bodyEnd) {
      report(start, "shortcode-syntax", "this shortcode runs past the closer of the shortcode around it");
      searchFrom = innermost.bodyEnd;
      continue;
    }
    if (tag.escaped) {
      replace(start, tag.end, {
        kind: "text",
        value: `{{${tag.delimiter} ${tag.inner} ${tag.delimiter === "<" ? ">" : "%"}}}`,
      });
      searchFrom = tag.end;
      continue;
    }
    const point = locate(start);
    const limit = innermost?.bodyEnd ?? source.length;
    if (tag.closing) {
      report(start, "shortcode-syntax", `{{< /${tag.name} >}} closes a shortcode that was never opened`);
      replace(start, tag.end, nothing);
      searchFrom = tag.end;
      continue;
    }
    const definition = definitions.get(tag.name);
    const theme = options.theme;
    if (!definition) {
      // Without a definition, a closer further on makes it a paired shortcode.
      const closer = tag.selfClosing ? undefined : findCloser(source, tag.end, tag.name, limit);
      if (tag.name.endsWith(".inline")) {
        reportOnce(
          start,
          tag.name,
          "shortcode-inline",
          `inline shortcode "${tag.name}" is left out: it would run a Go template, and Hugo too leaves inline shortcodes out unless security.enableInlineShortcodes is on`,
          "warning",
        );
      } else if (theme?.render.has(tag.name) && closer && open.length < MAX_NESTING) {
        reportOnce(
          start,
          tag.name,
          "shortcode-theme",
          `theme shortcode "${tag.name}" is shown as its body (shortcodes.render in _site.yaml)`,
          "warning",
        );
        const index = outputs.length;
        const container = { index, start, bodyStart: tag.end, bodyEnd: closer.start, end: closer.end };
        replace(start, tag.end, { kind: "markdown", build: (content) => content });
        containers.push(container);
        open.push(container);
        searchFrom = tag.end;
        continue;
      } else if (theme?.render.has(tag.name) || theme?.drop.has(tag.name)) {
        reportOnce(
          start,
          tag.name,
          "shortcode-theme",
          `theme shortcode "${tag.name}" is left out (shortcodes.${theme.render.has(tag.name) ? "render, but it has no body" : "drop"} in _site.yaml)`,
          "warning",
        );
      } else {
        reportOnce(
          start,
          tag.name,
          "shortcode-unknown",
          `unknown shortcode "${tag.name}"; known here: ${[...definitions.keys()].join(", ")}. If it is your Hugo theme's, rewrite it as Markdown, or list it in content/_site.yaml under shortcodes: { render: [${tag.name}] } (shown as its body) or { drop: [${tag.name}] } (left out) for now`,
          "error",
        );
      }
      const end = closer?.end ?? tag.end;
      replace(start, end, nothing);
      searchFrom = end;
      continue;
    }
    const call: ShortcodeCall = {
      name: tag.name,
      positional: tag.positional,
      named: tag.named,
      ...point,
      offset: start,
    };
    let end = tag.end;
    let closer: { start: number; end: number } | undefined;
    if (definition.body !== "none" && !tag.selfClosing) {
      closer = findCloser(source, tag.end, tag.name, limit);
      if (!closer) {
        report(start, "shortcode-syntax", `{{< ${tag.name} >}} needs a closing {{< /${tag.name} >}}`);
        replace(start, tag.end, nothing);
        searchFrom = tag.end;
        continue;
      }
      const raw = source.slice(tag.end, closer.start);
      call.body = raw.replace(/^\r?\n/, "");
      const bodyAt = locate(tag.end + (raw.length - call.body.length));
      call.bodyLine = bodyAt.line;
      call.bodyColumn = bodyAt.column;
      call.bodyOffset = tag.end + (raw.length - call.body.length);
      call.bodyEndOffset = closer.start;
      end = closer.end;
    }
    const output = definition.render(call, context);
    if (output.kind === "error") report(start, output.rule, output.message);
    for (const problem of output.problems ?? []) diagnostics.push({ ...problem, file: context.file });
    if (output.kind === "markdown" && closer && open.length >= MAX_NESTING) {
      report(
        start,
        "shortcode-syntax",
        `shortcodes are nested more than ${MAX_NESTING} deep here; this one is left out`,
      );
      replace(start, closer.end, nothing);
      searchFrom = closer.end;
      continue;
    }
    if (output.kind === "markdown" && closer) {
      const index = replace(start, tag.end, output);
      const container = { index, start, bodyStart: tag.end, bodyEnd: closer.start, end: closer.end };
      containers.push(container);
      open.push(container);
      searchFrom = tag.end;
      continue;
    }
    replace(start, end, output.kind === "markdown" ? nothing : output);
    searchFrom = end;
  }
  text += source.slice(copied);
  return {
    text: text.replaceAll(/\uE000(?![\uE100-\uE1FF]{2}\uE001)/g, "\uFFFD"),
    containers,
    outputs,
    diagnostics,
  };
}

/** How shortcode bodies and parameters are parsed: the page's own Markdown parser. */
export interface FragmentParser {
  /** Part of the page (a Markdown-body shortcode's body), offsets in the page's terms. */
  part(from: number, to: number): MdastRoot;
  /** Markdown a shortcode carries in a parameter (a caption); it has no place in the file. */
  text(value: string): MdastRoot;
}

/**
 * Puts shortcode outputs back into a parsed tree: text outputs inside text, link URLs, code
 * and math; block outputs in place of the paragraph that holds only them; a Markdown-body
 * shortcode's parsed body (`parse`) wrapped by its output, as a block or inside the text.
 */
export function restoreShortcodes(
  tree: Parent,
  scan: ShortcodeScan,
  context: ShortcodeContext,
  diagnostics: Diagnostic[],
  locate: (offset: number) => SourcePoint,
  parse: FragmentParser,
): void {
  if (scan.outputs.length === 0) return;
  const textOf = (value: string): string =>
    value.replace(PLACEHOLDER_PATTERN, (_match, code: string) => {
      const output = scan.outputs[decodeIndex(code)];
      return output?.kind === "text" ? output.value : "";
    });
  const containers = new Map(scan.containers.map((c) => [c.index, c]));
  const containerOf = (index: number): ShortcodeContainer | undefined => containers.get(index);
  const tools: MarkdownTools = {
    inline(value) {
      const root = parse.text(value);
      const only = root.children[0];
      // A caption that is not one paragraph (`# x`, a list) is shown as the text it is.
      return root.children.length === 1 && only?.type === "paragraph"
        ? (only.children as RootContent[])
        : [{ type: "text", value }];
    },
  };
  /** The parsed body of a Markdown-body shortcode, its own shortcodes restored. */
  const bodyOf = (index: number): RootContent[] => {
    const container = containerOf(index);
    if (!container) return [];
    const fragment = parse.part(container.bodyStart, container.bodyEnd);
    visit(fragment);
    return fragment.children;
  };
  /** True when a text holds a Markdown-body shortcode. */
  const hasMarkdown = (value: string): boolean => {
    for (const match of value.matchAll(PLACEHOLDER_PATTERN)) {
      const kind = scan.outputs[decodeIndex(match[1] ?? "")]?.kind;
      if (kind === "markdown" || kind === "inline") return true;
    }
    return false;
  };
  /**
   * A text's pieces around its Markdown-body shortcodes: phrasing to stay in the text, or
   * blocks (a `details`, a body of several paragraphs) that must stand on their own.
   */
  const piecesOf = (value: string): Array<{ inline: RootContent[] } | { blocks: RootContent[] }> => {
    const pieces: Array<{ inline: RootContent[] } | { blocks: RootContent[] }> = [];
    let last = 0;
    for (const match of value.matchAll(PLACEHOLDER_PATTERN)) {
      const index = decodeIndex(match[1] ?? "");
      const output = scan.outputs[index];
      if (output?.kind !== "markdown" && output?.kind !== "inline") continue;
      const before = textOf(value.slice(last, match.index));
      if (before !== "") pieces.push({ inline: [{ type: "text", value: before }] });
      last = (match.index ?? 0) + match[0].length;
      if (output.kind === "inline") {
        pieces.push({ inline: [structuredClone(output.node)] });
        continue;
      }
      const body = bodyOf(index);
      const only = body[0];
      if (body.length === 1 && only?.type === "paragraph" && !output.block) {
        pieces.push({ inline: output.build(only.children as RootContent[], true, tools) });
      } else if (body.length > 0 || output.block) {
        pieces.push({ blocks: output.build(body, false, tools) });
      }
    }
    const after = textOf(value.slice(last));
    if (after !== "") pieces.push({ inline: [{ type: "text", value: after }] });
    return pieces;
  };
  /** A paragraph with Markdown-body shortcodes in its text, as the paragraphs and blocks it becomes. */
  const expandParagraph = (paragraph: Paragraph): RootContent[] | undefined => {
    if (!paragraph.children.some((c) => c.type === "text" && hasMarkdown(c.value))) return undefined;
    const out: RootContent[] = [];
    let run: RootContent[] = [];
    const flush = (): void => {
      const first = run[0];
      const lastNode = run.at(-1);
      if (first?.type === "text") first.value = first.value.replace(/^\s+/, "");
      if (lastNode?.type === "text") lastNode.value = lastNode.value.replace(/\s+$/, "");
      if (run.some((n) => n.type !== "text" || n.value !== "")) {
        out.push({ type: "paragraph", children: run as PhrasingContent[] });
      }
      run = [];
    };
    for (const child of paragraph.children) {
      if (child.type !== "text" || !hasMarkdown(child.value)) {
        run.push(child);
        continue;
      }
      for (const piece of piecesOf(child.value)) {
        if ("inline" in piece) run.push(...piece.inline);
        else {
          flush();
          out.push(...piece.blocks);
        }
      }
    }
    flush();
    return out;
  };
  /** A text (not right in a paragraph: in a link, a heading) around its Markdown-body shortcodes. */
  const splitText = (node: Text): RootContent[] | undefined => {
    if (!hasMarkdown(node.value)) return undefined;
    const pieces: RootContent[] = [];
    for (const piece of piecesOf(node.value)) {
      if ("inline" in piece) pieces.push(...piece.inline);
      else {
        diagnostics.push({
          severity: "error",
          rule: "shortcode-placement",
          message: "this shortcode makes a block of its own: put it on its own lines, with blank lines around it",
          file: context.file,
          ...locate(node.position?.start.offset ?? 0),
        });
      }
    }
    return pieces;
  };

  function visit(parent: Parent): void {
    for (let i = 0; i < parent.children.length; i++) {
      const node = parent.children[i] as MdastNodes;
      if (node.type === "paragraph") {
        const sole = soleOutput(node, scan);
        if (sole?.output.kind === "block") {
          const made = sole.output.node;
          const block = typeof made === "function" ? made(tools) : made;
          parent.children[i] = { ...block, position: node.position } as (typeof parent.children)[number];
          if ("children" in block) visit(parent.children[i] as Parent);
          continue;
        }
        if (sole?.output.kind === "inline") {
          const block = sole.output.block ?? { type: "paragraph", children: [structuredClone(sole.output.node)] };
          parent.children[i] = block as (typeof parent.children)[number];
          continue;
        }
        if (sole?.output.kind === "text" && sole.output.value === "") {
          // A shortcode that leaves nothing (a comment, one left out) leaves no empty paragraph.
          parent.children.splice(i, 1);
          i--;
          continue;
        }
        if (sole?.output.kind === "markdown") {
          const built = sole.output.build(bodyOf(sole.index), false, tools);
          parent.children.splice(i, 1, ...(built as typeof parent.children));
          i += built.length - 1;
          continue;
        }
      }
      if (node.type === "paragraph") {
        const expanded = expandParagraph(node);
        if (expanded) {
          parent.children.splice(i, 1, ...(expanded as typeof parent.children));
          i--;
          continue;
        }
      }
      if (node.type === "text" && node.value.includes(PLACEHOLDER_START)) {
        const pieces = splitText(node);
        if (pieces) {
          parent.children.splice(i, 1, ...(pieces as typeof parent.children));
          i += pieces.length - 1;
          continue;
        }
      }
      const record = node as unknown as Record<string, unknown>;
      for (const field of ["value", "url", "alt", "title"] as const) {
        const value = record[field];
        if (typeof value === "string" && value.includes(PLACEHOLDER_START)) {
          warnMisplaced(value, node.type, scan, context, diagnostics, locate(node.position?.start.offset ?? 0));
          record[field] = textOf(value);
        }
      }
      if ("children" in node) visit(node as Parent);
    }
  }
  visit(tree);
}

function soleOutput(paragraph: Paragraph, scan: ShortcodeScan): { output: ShortcodeOutput; index: number } | undefined {
  if (paragraph.children.length !== 1) return undefined;
  const only = paragraph.children[0];
  if (only?.type !== "text") return undefined;
  const match = /^\s*\uE000([\uE100-\uE1FF]{2})\uE001*\s*$/.exec(only.value);
  if (!match?.[1]) return undefined;
  const index = decodeIndex(match[1]);
  const output = scan.outputs[index];
  return output ? { output, index } : undefined;
}

/** Node types a block shortcode cannot stand inside, and those a LaTeX-writing one must stand inside. */
const INLINE_TEXT = new Set(["text", "inlineCode", "code", "html"]);
const MATH = new Set(["math", "inlineMath"]);

/** Why a shortcode's output cannot stand in a node of this type, if it cannot. */
function misplacement(output: ShortcodeOutput | undefined, nodeType: string): string | undefined {
  if ((output?.kind === "block" || output?.kind === "markdown") && INLINE_TEXT.has(nodeType)) {
    return "this shortcode makes a block of its own: put it on its own lines, with blank lines around it";
  }
  if (output?.kind === "text" && output.mathOnly && !MATH.has(nodeType)) {
    return 'this shortcode writes LaTeX: put it inside a formula, like \\( {{< value "x" >}} \\)';
  }
  return undefined;
}

/** Reports each shortcode in a node's text whose output cannot stand there. */
function warnMisplaced(
  value: string,
  nodeType: string,
  scan: ShortcodeScan,
  context: ShortcodeContext,
  diagnostics: Diagnostic[],
  at: SourcePoint,
): void {
  for (const match of value.matchAll(PLACEHOLDER_PATTERN)) {
    const message = misplacement(scan.outputs[decodeIndex(match[1] ?? "")], nodeType);
    if (message) {
      diagnostics.push({ severity: "error", rule: "shortcode-placement", message, file: context.file, ...at });
    }
  }
}

/**
 * A same-length stand-in with no line break in it, so a shortcode written over several lines
 * (a link target, an exercise's YAML body) stays one piece of text for the Markdown parser.
 * Offsets stay exact; lines and columns are computed from offsets against the original file.
 */
function placeholder(original: string, index: number): string {
  const head = PLACEHOLDER_START + String.fromCharCode(INDEX_BASE + (index >> 8), INDEX_BASE + (index & 0xff));
  return head + PLACEHOLDER_FILL.repeat(original.length - head.length);
}

function decodeIndex(code: string): number {
  return ((code.charCodeAt(0) - INDEX_BASE) << 8) + (code.charCodeAt(1) - INDEX_BASE);
}

interface Tag {
  name: string;
  positional: string[];
  named: Record<string, string>;
  delimiter: "<" | "%";
  closing: boolean;
  selfClosing: boolean;
  escaped: boolean;
  inner: string;
  end: number;
}

/**
 * Finds the next `>}}` / `%}}` after an offset, remembering the last answer: a file full of
 * unclosed `{{<` is then read in linear time instead of once per opener.
 */
function createClosingFinder(source: string): (close: string, from: number) => number {
  const last = new Map<string, { from: number; at: number }>();
  return (close, from) => {
    const cached = last.get(close);
    if (cached && cached.from <= from && (cached.at === -1 || cached.at >= from)) return cached.at;
    const at = source.indexOf(close, from);
    last.set(close, { from, at });
    return at;
  };
}

/** Reads `{{< name args >}}` (or `{{% … %}}`) at `start`; undefined when `{{` starts no shortcode. */
function readTag(
  source: string,
  start: number,
  nextClosing: (close: string, from: number) => number,
): Tag | { error: string } | undefined {
  const delimiter = source[start + 2];
  if (delimiter !== "<" && delimiter !== "%") return undefined;
  const close = `${delimiter === "<" ? ">" : "%"}}}`;
  let i = start + 3;
  // A shortcode ends at the first closing delimiter, before any other shortcode begins.
  const closeAt = nextClosing(close, i);
  const nextOpen = source.indexOf("{{", i);
  if (closeAt === -1 || (nextOpen !== -1 && nextOpen < closeAt && !source.startsWith("/*", i))) {
    return { error: `shortcode is not closed with ${close}` };
  }
  const escaped = source.startsWith("/*", i);
  if (escaped) {
    const end = source.indexOf(`*/${close}`, i);
    if (end === -1) return { error: "escaped shortcode {{</* … */>}} is not closed" };
    return {
      name: "",
      positional: [],
      named: {},
      delimiter,
      closing: false,
      selfClosing: false,
      escaped: true,
      inner: source.slice(i + 2, end).trim(),
      end: end + 2 + close.length,
    };
  }
  const args: string[] = [];
  const named: Record<string, string> = {};
  let selfClosing = false;
  for (;;) {
    while (i < source.length && /[ \t\r\n]/.test(source[i] as string)) i++;
    if (i >= source.length) return { error: `shortcode is not closed with ${close}` };
    if (source.startsWith(close, i)) {
      i += close.length;
      break;
    }
    if (source.startsWith(`/${close}`, i) && args.length > 0) {
      selfClosing = true;
      i += close.length + 1;
      break;
    }
    const token = readArgument(source, i);
    if ("error" in token) return token;
    i = token.end;
    if (source[i] === "=" && !token.quoted) {
      const value = readArgument(source, i + 1);
      if ("error" in value) return value;
      named[token.value] = value.value;
      i = value.end;
    } else {
      args.push(token.value);
    }
  }
  const first = args.shift();
  if (first === undefined) return { error: "shortcode has no name" };
  const closing = first.startsWith("/");
  const name = closing ? first.slice(1) || (args.shift() ?? "") : first;
  // Hugo's names: letters, digits, `-` and `_`, namespaced with `/`; `.inline` marks an inline one.
  if (!/^[A-Za-z0-9][\w-]*(?:\/[\w-]+)*(?:\.inline)?$/.test(name))
    return { error: `"${name}" is not a shortcode name` };
  return { name, positional: args, named, delimiter, closing, selfClosing, escaped: false, inner: "", end: i };
}

function readArgument(
  source: string,
  start: number,
): { value: string; quoted: boolean; end: number } | { error: string } {
  const quote = source[start];
  if (quote === '"' || quote === "`") {
    let value = "";
    for (let i = start + 1; i < source.length; i++) {
      const ch = source[i] as string;
      // As in Hugo, \" is a quote inside a quoted argument; any other backslash is kept, so
      // LaTeX reads as written (summary="除以 \( \sqrt{d_k} \)").
      if (quote === '"' && ch === "\\" && source[i + 1] === '"') {
        value += '"';
        i++;
        continue;
      }
      if (ch === quote) return { value, quoted: true, end: i + 1 };
      if (ch === "\n" && quote === '"') break;
      value += ch;
    }
    return { error: `argument starting with ${quote} is not closed` };
  }
  const match = /^[^\s"=`]+?(?=\s|=|\/?[>%]\}\}|$)/.exec(source.slice(start, start + 500));
  if (!match) return { error: `unexpected "${source[start]}" in shortcode` };
  return { value: match[0], quoted: false, end: start + match[0].length };
}

/**
 * The closer of the shortcode `name` opened just before `from`, skipping pairs of the same
 * name inside it (a `details` in a `details`); none before `limit`.
 */
function findCloser(
  source: string,
  from: number,
  name: string,
  limit = source.length,
): { start: number; end: number } | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`\\{\\{([<%])\\s*(/)?\\s*${escaped}(?=[\\s/>%])[^]*?([/]?)\\s*[>%]\\}\\}`, "g");
  pattern.lastIndex = from;
  let depth = 0;
  for (let match = pattern.exec(source); match && match.index < limit; match = pattern.exec(source)) {
    if (match[2] === "/") {
      if (depth === 0) {
        const end = match.index + match[0].length;
        return end <= limit ? { start: match.index, end } : undefined;
      }
      depth--;
    } else if (match[3] !== "/") depth++;
  }
  return undefined;
}
