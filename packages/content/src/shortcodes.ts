import type { Value } from "@llm-basics/grading";
import type { Nodes as MdastNodes, Paragraph, Parent, RootContent } from "mdast";
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
}

/** What a page's shortcodes may ask of the site. */
export interface ShortcodeContext {
  /** The page being rendered, relative to the content directory. */
  file: string;
  /** Resolves a Hugo `ref` target to a URL, or says why it cannot; `at` is where the ref is written. */
  resolveRef(target: string, at: SourcePoint): { url: string } | { error: string };
  /** The page's front-matter `values:`, evaluated (for `value`). */
  values?: ReadonlyMap<string, Value>;
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
  | { kind: "block"; node: RootContent }
  | { kind: "error"; rule: string; message: string }
) & { problems?: ShortcodeProblem[] };

/** How one shortcode is read and rendered; later features register theirs the same way. */
export interface ShortcodeDefinition {
  name: string;
  /** `none`: stands alone. `raw`: paired with `{{< /name >}}`, its body kept verbatim. */
  body: "none" | "raw";
  render(call: ShortcodeCall, context: ShortcodeContext): ShortcodeOutput;
}

/** The shortcodes every site has: Hugo's `ref` and `relref`, both giving a root-relative URL. */
export const builtinShortcodes: readonly ShortcodeDefinition[] = ["ref", "relref"].map((name) => ({
  name,
  body: "none",
  render(call, context) {
    const target = call.positional[0] ?? call.named.path;
    if (target === undefined || call.positional.length > 1) {
      return {
        kind: "error",
        rule: "shortcode-syntax",
        message: `${name} takes one target, e.g. {{< ${name} "/matrix_basics" >}}`,
      };
    }
    const resolved = context.resolveRef(target, { line: call.line, column: call.column });
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
  /** The source with every shortcode replaced, so offsets, lines and columns stay exact. */
  text: string;
  outputs: ShortcodeOutput[];
  diagnostics: Diagnostic[];
}

/**
 * Finds Hugo shortcodes before Markdown parsing, as Hugo does, so they work inside link
 * destinations and code. Hugo's escape, a shortcode written with `/*` after `{{<` and `*` + `/`
 * before `>}}`, prints the shortcode itself.
 * The region before `skipUntil` (the front matter) is left alone.
 */
export function scanShortcodes(
  source: string,
  definitions: ReadonlyMap<string, ShortcodeDefinition>,
  context: ShortcodeContext,
  skipUntil = 0,
): ShortcodeScan {
  const locate = createLocator(source);
  const outputs: ShortcodeOutput[] = [];
  const diagnostics: Diagnostic[] = [];
  let text = "";
  let copied = 0;
  let searchFrom = skipUntil;

  const report = (offset: number, rule: string, message: string): void => {
    diagnostics.push({ severity: "error", rule, message, file: context.file, ...locate(offset) });
  };
  const closings = createClosingFinder(source);
  for (
    let at = source.indexOf(PLACEHOLDER_START, skipUntil);
    at !== -1;
    at = source.indexOf(PLACEHOLDER_START, at + 1)
  ) {
    report(at, "reserved-character", "U+E000 is reserved for shortcodes; remove it from the file");
  }
  const replace = (start: number, end: number, output: ShortcodeOutput): void => {
    const index = outputs.length;
    outputs.push(output);
    text += source.slice(copied, start) + placeholder(source.slice(start, end), index);
    copied = end;
  };

  for (;;) {
    const start = source.indexOf("{{", searchFrom);
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
    if (tag.escaped) {
      replace(start, tag.end, {
        kind: "text",
        value: `{{${tag.delimiter} ${tag.inner} ${tag.delimiter === "<" ? ">" : "%"}}}`,
      });
      searchFrom = tag.end;
      continue;
    }
    const point = locate(start);
    if (tag.closing) {
      report(start, "shortcode-syntax", `{{< /${tag.name} >}} closes a shortcode that was never opened`);
      replace(start, tag.end, { kind: "text", value: "" });
      searchFrom = tag.end;
      continue;
    }
    const definition = definitions.get(tag.name);
    if (!definition) {
      const known = [...definitions.keys()].join(", ");
      report(start, "shortcode-unknown", `unknown shortcode "${tag.name}" (known: ${known})`);
      replace(start, tag.end, { kind: "text", value: "" });
      searchFrom = tag.end;
      continue;
    }
    const call: ShortcodeCall = { name: tag.name, positional: tag.positional, named: tag.named, ...point };
    let end = tag.end;
    if (definition.body === "raw" && !tag.selfClosing) {
      const closer = findCloser(source, tag.end, tag.name);
      if (!closer) {
        report(start, "shortcode-syntax", `{{< ${tag.name} >}} needs a closing {{< /${tag.name} >}}`);
        replace(start, tag.end, { kind: "text", value: "" });
        searchFrom = tag.end;
        continue;
      }
      const raw = source.slice(tag.end, closer.start);
      call.body = raw.replace(/^\r?\n/, "");
      const bodyAt = locate(tag.end + (raw.length - call.body.length));
      call.bodyLine = bodyAt.line;
      call.bodyColumn = bodyAt.column;
      end = closer.end;
    }
    const output = definition.render(call, context);
    if (output.kind === "error") report(start, output.rule, output.message);
    for (const problem of output.problems ?? []) diagnostics.push({ ...problem, file: context.file });
    replace(start, end, output);
    searchFrom = end;
  }
  text += source.slice(copied);
  return { text: text.replaceAll(/\uE000(?![\uE100-\uE1FF]{2}\uE001)/g, "\uFFFD"), outputs, diagnostics };
}

/**
 * Puts shortcode outputs back into a parsed tree: text outputs inside text, link URLs, code
 * and math; block outputs in place of the paragraph that holds only them.
 */
export function restoreShortcodes(
  tree: Parent,
  scan: ShortcodeScan,
  context: ShortcodeContext,
  diagnostics: Diagnostic[],
  locate: (offset: number) => SourcePoint,
): void {
  if (scan.outputs.length === 0) return;
  const textOf = (value: string): string =>
    value.replace(PLACEHOLDER_PATTERN, (_match, code: string) => {
      const output = scan.outputs[decodeIndex(code)];
      return output?.kind === "text" ? output.value : "";
    });

  const visit = (parent: Parent): void => {
    for (let i = 0; i < parent.children.length; i++) {
      const node = parent.children[i] as MdastNodes;
      if (node.type === "paragraph") {
        const block = soleBlockOutput(node, scan);
        if (block) {
          parent.children[i] = block as (typeof parent.children)[number];
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
  };
  visit(tree);
}

function soleBlockOutput(paragraph: Paragraph, scan: ShortcodeScan): RootContent | undefined {
  if (paragraph.children.length !== 1) return undefined;
  const only = paragraph.children[0];
  if (only?.type !== "text") return undefined;
  PLACEHOLDER_PATTERN.lastIndex = 0;
  const match = /^\s*\uE000([\uE100-\uE1FF]{2})\uE001*\s*$/.exec(only.value);
  if (!match?.[1]) return undefined;
  const output = scan.outputs[decodeIndex(match[1])];
  if (output?.kind !== "block") return undefined;
  return { ...output.node, position: paragraph.position } as RootContent;
}

/** Node types a block shortcode cannot stand inside, and those a LaTeX-writing one must stand inside. */
const INLINE_TEXT = new Set(["text", "inlineCode", "code", "html"]);
const MATH = new Set(["math", "inlineMath"]);

/** Why a shortcode's output cannot stand in a node of this type, if it cannot. */
function misplacement(output: ShortcodeOutput | undefined, nodeType: string): string | undefined {
  if (output?.kind === "block" && INLINE_TEXT.has(nodeType)) {
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
  if (!/^[A-Za-z][\w-]*$/.test(name)) return { error: `"${name}" is not a shortcode name` };
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
      if (quote === '"' && ch === "\\" && i + 1 < source.length) {
        value += source[++i];
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

function findCloser(source: string, from: number, name: string): { start: number; end: number } | undefined {
  const pattern = new RegExp(`\\{\\{([<%])\\s*/\\s*${name}\\s*[>%]\\}\\}`, "g");
  pattern.lastIndex = from;
  const match = pattern.exec(source);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}
