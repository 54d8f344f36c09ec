import type { Element, ElementContent, Root } from "hast";
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import django from "highlight.js/lib/languages/django";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import go from "highlight.js/lib/languages/go";
import ini from "highlight.js/lib/languages/ini";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import latex from "highlight.js/lib/languages/latex";
import makefile from "highlight.js/lib/languages/makefile";
import markdown from "highlight.js/lib/languages/markdown";
import python from "highlight.js/lib/languages/python";
import r from "highlight.js/lib/languages/r";
import rust from "highlight.js/lib/languages/rust";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";

// The languages a course on the math of LLMs shows code in, and those Hugo sites' pages show
// most (configuration, styles, Go and its templates). Registering highlight.js's whole
// "common" set would cost every build ~20 MB for grammars no lesson uses.
const grammars = {
  bash,
  c,
  cpp,
  css,
  diff,
  django,
  dockerfile,
  go,
  ini,
  java,
  javascript,
  json,
  latex,
  makefile,
  markdown,
  python,
  r,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
} as const;
const highlighter = hljs.newInstance();
for (const [name, grammar] of Object.entries(grammars)) highlighter.registerLanguage(name, grammar);
// Go templates (Hugo's layouts and shortcodes) read as HTML with {{ }} actions, as Django's do.
highlighter.registerAliases(["tpl", "gotmpl", "go-html-template", "go-text-template"], { languageName: "django" });

/** Code fence languages shown without highlighting, and without a warning. */
const PLAIN = new Set(["text", "txt", "plain", "plaintext", "console", "output", "mermaid"]);

/** Every fence language (and alias) that gets highlighted. */
export const highlightedLanguages: readonly string[] = highlighter.listLanguages();

/**
 * Highlights fenced code on the server (no client JavaScript): `pre > code.language-python`
 * gets highlight.js's spans and the `hljs` class. A language it does not know is left as
 * plain text and reported through `warn`.
 */
export function highlightCodeBlocks(tree: Root, warn: (node: Element, message: string) => void): void {
  const visit = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      const code = child.tagName === "pre" ? child.children.find(isCodeElement) : undefined;
      if (code) highlightBlock(code, warn);
      else visit(child);
    }
  };
  visit(tree);
}

function isCodeElement(node: ElementContent): node is Element {
  return node.type === "element" && node.tagName === "code";
}

function highlightBlock(code: Element, warn: (node: Element, message: string) => void): void {
  const classes = Array.isArray(code.properties.className) ? code.properties.className.map(String) : [];
  const language = classes.find((c) => c.startsWith("language-"))?.slice("language-".length);
  const source = code.children.map((c) => (c.type === "text" ? c.value : "")).join("");
  const lines = lineOptions(code);
  let html: string | undefined;
  if (language && !PLAIN.has(language)) {
    if (highlighter.getLanguage(language)) {
      html = highlighter.highlight(source, { language, ignoreIllegals: true }).value;
      code.properties.className = ["hljs", ...classes];
    } else {
      warn(code, `no highlighting for \`${language}\` code; known: ${highlightedLanguages.join(", ")}, or text`);
    }
  }
  if (html === undefined && !lines) return;
  html ??= escapeHtml(source);
  // highlight.js escapes the code itself; its output is spans with hljs-* classes only.
  code.children = [{ type: "raw", value: lines ? numberLines(html, lines) : html } as unknown as ElementContent];
}

/** What a block's `linenos`, `linenostart` and `hl_lines` asked for (see `codeBlockProperties`). */
interface LineOptions {
  numbers: boolean;
  start: number;
  highlighted: ReadonlySet<number>;
}

function lineOptions(code: Element): LineOptions | undefined {
  const { dataLineNumbers, dataLineStart, dataHighlightLines } = code.properties;
  delete code.properties.dataLineNumbers;
  delete code.properties.dataLineStart;
  delete code.properties.dataHighlightLines;
  if (dataLineNumbers === undefined && dataHighlightLines === undefined) return undefined;
  const start = Number(dataLineStart ?? 1);
  return {
    numbers: dataLineNumbers !== undefined,
    start: Number.isInteger(start) ? start : 1,
    highlighted: new Set(
      String(dataHighlightLines ?? "")
        .split(" ")
        .filter(Boolean)
        .map(Number),
    ),
  };
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Wraps each line of highlighted HTML as Hugo's Chroma does: `<span class="line">`, `hl` on
 * the highlighted ones (counted from the block's first line), the number in `<span class="ln">`
 * (hidden from screen readers and from copying), the code in `<span class="cl">`. A token
 * that spans lines (a block comment) is closed at each line's end and reopened on the next.
 */
export function numberLines(html: string, options: LineOptions): string {
  const lines = html.replace(/\n$/, "").split("\n");
  const open: string[] = [];
  const last = String(options.start + lines.length - 1).length;
  return lines
    .map((line, i) => {
      const reopened = open.join("");
      for (const tag of line.match(/<span[^>]*>|<\/span>/g) ?? []) {
        if (tag === "</span>") open.pop();
        else open.push(tag);
      }
      const content = `${reopened}${line}${"</span>".repeat(open.length)}\n`;
      const number = options.numbers
        ? `<span class="ln" aria-hidden="true">${String(options.start + i).padStart(last, " ")}</span>`
        : "";
      const hl = options.highlighted.has(i + 1) ? " hl" : "";
      return `<span class="line${hl}">${number}<span class="cl">${content}</span></span>`;
    })
    .join("");
}
