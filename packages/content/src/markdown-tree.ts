import type { Code, Nodes as MdastNodes, Root as MdastRoot } from "mdast";
import type { VFile } from "vfile";
import { type AttributeValue, applyAlerts, applyMarkdownAttributes } from "./attributes.ts";
import { codeBlockProperties, parseFenceInfo } from "./hugo-shortcodes.ts";
import { promoteDisplayMath } from "./math-tree.ts";
import {
  FORMULA_ATTRIBUTE,
  type PageState,
  pageState,
  reportAt,
  SLOT_ATTRIBUTE,
  trustedProperties,
} from "./page-state.ts";
import { restoreShortcodes, type SlotNode } from "./shortcodes.ts";

/**
 * GitHub's tag filter, plus `template` and `select`: elements whose content the parsers read
 * as raw text (or drop), so one left open would take the rest of the lesson with it.
 */
const SWALLOWING_TAG =
  /<(?=\/?(?:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext|template|select)(?:[\s/>]|$))/gi;
/** Stands in for the `<` of such a tag until the tree is built; it becomes text again. */
const DISARMED_LT = "\uE002";

/** Warns at each tag disarmed inside `node`: the author meant real HTML there. */
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

/** Fenced code blocks that are display formulas. */
const MATH_FENCES = new Set(["math", "katex"]);

/** Turns those tags into text before parsing (same length, so positions stay exact). */
export function disarmSwallowingTags(text: string, state: PageState): string {
  return text.replace(SWALLOWING_TAG, (_lt, offset: number) => {
    state.disarmedTags.push(offset);
    return DISARMED_LT;
  });
}

/** Puts shortcode output back, makes `$$`/`\[` display math, and tags formulas for KaTeX. */
export function prepareMarkdownTree(tree: MdastRoot, file: VFile): void {
  const state = pageState(file);
  const source = state.source;
  restoreShortcodes(tree, state.scan, state.context, state.diagnostics, state.locate, state.parser);
  applyMarkdownAttributes(tree, state, state.attributes);
  applyAlerts(tree, state);
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
    if (node.type === "code" && MATH_FENCES.has(node.lang ?? "")) {
      // ```math (GitHub's, GitLab's) and ```katex: a display formula.
      (node as unknown as { type: string }).type = "math";
    } else if (node.type === "code") {
      codeOptions(node, state);
      return;
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

/**
 * A code block's options (`linenos`, `hl_lines`, …) and attributes, from a fence's
 * `{…}` after the language or from the `highlight` shortcode, onto its `code` element.
 */
function codeOptions(node: Code, state: PageState): void {
  const own = (node.data as { codeOptions?: Map<string, AttributeValue> } | undefined)?.codeOptions;
  const fence = own ? { language: node.lang ?? null, values: own } : parseFenceInfo(node.lang, node.meta);
  const at = node.position?.start.offset ?? 0;
  if (fence.invalid !== undefined) {
    reportAt(
      state,
      at,
      "warning",
      "code-attributes",
      `the code block's attributes ${fence.invalid} cannot be read: quote values that are not one word or number (hl_lines="2-4")`,
    );
  }
  node.lang = fence.language;
  node.meta = null;
  if (!fence.values) return;
  const { properties, problems } = codeBlockProperties(fence.values);
  for (const problem of problems) reportAt(state, at, "warning", "code-attributes", problem);
  if (Object.keys(properties).length === 0) return;
  node.data ??= {};
  const data = node.data as { hProperties?: Record<string, unknown> };
  data.hProperties = { ...data.hProperties, ...trustedProperties(state.nonce, properties) };
}
