import type { Element, ElementContent, Root } from "hast";
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import cpp from "highlight.js/lib/languages/cpp";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import latex from "highlight.js/lib/languages/latex";
import markdown from "highlight.js/lib/languages/markdown";
import python from "highlight.js/lib/languages/python";
import shell from "highlight.js/lib/languages/shell";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";

// The languages a course on the math of LLMs shows code in. Registering highlight.js's
// whole "common" set would cost every build ~20 MB for grammars no lesson uses.
const grammars = { bash, cpp, javascript, json, latex, markdown, python, shell, typescript, xml, yaml } as const;
const highlighter = hljs.newInstance();
for (const [name, grammar] of Object.entries(grammars)) highlighter.registerLanguage(name, grammar);

/** Code fence languages shown without highlighting, and without a warning. */
const PLAIN = new Set(["text", "txt", "plain", "plaintext", "console", "output"]);

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
  if (!language || PLAIN.has(language)) return;
  if (!highlighter.getLanguage(language)) {
    warn(code, `no highlighting for \`${language}\` code; known: ${highlightedLanguages.join(", ")}, or text`);
    return;
  }
  const source = code.children.map((c) => (c.type === "text" ? c.value : "")).join("");
  const { value } = highlighter.highlight(source, { language, ignoreIllegals: true });
  code.properties.className = ["hljs", ...classes];
  // highlight.js escapes the code itself; its output is spans with hljs-* classes only.
  code.children = [{ type: "raw", value } as unknown as ElementContent];
}
