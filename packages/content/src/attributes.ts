import type { Element, Root as HastRoot } from "hast";
import type { Nodes as MdastNodes, Root as MdastRoot, Parent, Text } from "mdast";
import { type PageState, reportAt, TRUSTED_ATTRIBUTE, trustedProperties } from "./page-state.ts";

/** A value in a Markdown attribute list: text, a number, a boolean, or a list (`hl_lines=[2, "5-7"]`). */
export type AttributeValue = string | number | boolean | null | AttributeValue[];

/** `{#id .class key=value}` as Hugo (goldmark) reads it. */
export interface AttributeList {
  id?: string;
  classes: string[];
  /** Other attributes by name, in the order written. */
  values: Map<string, AttributeValue>;
}

/**
 * Reads an attribute list, the whole of `text` (`{#intro .note data-level=2}`), following
 * goldmark: items separated by spaces or commas; `#id`, `.class`, `key=value` where the value
 * is "quoted" (JSON escapes), a number, true/false/null, a bare word or a `[list]`. Anything
 * else makes the whole list invalid (undefined), and the text stays text, as in Hugo.
 */
export function parseAttributeList(text: string): AttributeList | undefined {
  if (!text.startsWith("{") || !text.endsWith("}")) return undefined;
  const list: AttributeList = { classes: [], values: new Map() };
  let i = 1;
  let inList = false;
  const end = text.length - 1;
  const skipSeparators = (): void => {
    while (i < end && /[\s,]/.test(text[i] as string)) i++;
  };
  const readName = (): string | undefined => {
    const match = /^[A-Za-z_:][\w:.-]*/.exec(text.slice(i, end));
    if (!match) return undefined;
    i += match[0].length;
    return match[0];
  };
  const readValue = (): AttributeValue | undefined => {
    const rest = text.slice(i, end);
    if (rest.startsWith('"')) {
      const match = /^"(?:[^"\\]|\\.)*"/.exec(rest);
      if (!match) return undefined;
      i += match[0].length;
      try {
        return JSON.parse(match[0]) as string;
      } catch {
        return undefined;
      }
    }
    if (rest.startsWith("[")) {
      // A list holds words, numbers and text (hl_lines=[2, "5-7"]), not other lists.
      if (inList) return undefined;
      inList = true;
      i++;
      const items: AttributeValue[] = [];
      for (;;) {
        skipSeparators();
        if (text[i] === "]") {
          i++;
          inList = false;
          return items;
        }
        if (i >= end) return undefined;
        const item = readValue();
        if (item === undefined) return undefined;
        items.push(item);
      }
    }
    const number = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?=[\s,\]}]|$)/.exec(rest);
    if (number) {
      i += number[0].length;
      return Number(number[0]);
    }
    const word = /^[A-Za-z_:][\w:.-]*(?=[\s,\]}]|$)/.exec(rest);
    if (!word) return undefined;
    i += word[0].length;
    return word[0] === "true" ? true : word[0] === "false" ? false : word[0] === "null" ? null : word[0];
  };
  for (;;) {
    skipSeparators();
    if (i >= end) return list;
    const mark = text[i];
    if (mark === "#" || mark === ".") {
      i++;
      const match = (mark === "#" ? /^[^\s,#{}"]+/ : /^[^\s,#.{}"]+/).exec(text.slice(i, end));
      if (!match) return undefined;
      i += match[0].length;
      if (mark === "#") list.id = match[0];
      else list.classes.push(match[0]);
      continue;
    }
    const name = readName();
    if (!name || text[i] !== "=") return undefined;
    i++;
    const value = readValue();
    if (value === undefined) return undefined;
    list.values.set(name, value);
  }
}

/** Attributes an author may set on an element; the rest are dropped. */
const ALLOWED = /^(?:title|lang|dir|hidden|data-[\w.-]+|aria-[a-z]+)$/i;
/**
 * Dropped attributes an author would miss, so they are named in a warning. Others (a theme's
 * render-hook settings like `anchor=false`, `filename`) meant nothing to the HTML anyway.
 */
const WARN_DROPPED = /^(?:style|on\w+|src|href|action|formaction|srcdoc)$/i;

/**
 * The hast properties of an attribute list, and the dropped names worth a warning: `id`,
 * `class`, `title`, `lang`, `dir`, `hidden`, `data-*` and `aria-*` are kept; `style`, event
 * handlers (`on…`) and the rest never reach the page.
 */
export function attributeProperties(list: AttributeList): { properties: Record<string, unknown>; dropped: string[] } {
  const properties: Record<string, unknown> = {};
  const dropped: string[] = [];
  const id = list.id ?? stringOf(list.values.get("id"));
  if (id !== undefined && /^[^\s]+$/.test(id)) properties.id = id;
  const classes = [...list.classes, ...(stringOf(list.values.get("class"))?.split(/\s+/) ?? [])].filter(Boolean);
  if (classes.length > 0) properties.className = classes;
  for (const [name, value] of list.values) {
    if (name === "id" || name === "class") continue;
    if (!ALLOWED.test(name)) {
      if (WARN_DROPPED.test(name)) dropped.push(name);
      continue;
    }
    properties[propertyName(name)] = Array.isArray(value) ? value.join(" ") : String(value ?? "");
  }
  return { properties, dropped };
}

function stringOf(value: AttributeValue | undefined): string | undefined {
  return value === undefined || value === null || Array.isArray(value) ? undefined : String(value);
}

/** hast's name for an HTML attribute: `data-level` → `dataLevel`, `aria-label` → `ariaLabel`. */
function propertyName(name: string): string {
  const lower = name.toLowerCase();
  if (lower.startsWith("data-") || lower.startsWith("aria-")) {
    return lower.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  }
  return lower;
}

/**
 * `Title {#id .class}`: the attribute list at the end of a text, and where it starts (with the
 * whitespace before it). Found from the last `{`, so a long heading costs one pass.
 */
function trailingList(text: string): { index: number; list: string } | undefined {
  const end = text.trimEnd();
  if (!end.endsWith("}")) return undefined;
  const open = end.lastIndexOf("{");
  if (open === -1 || end.indexOf("}", open) !== end.length - 1) return undefined;
  return { index: end.slice(0, open).trimEnd().length, list: end.slice(open) };
}

/**
 * Hugo's Markdown attributes: `{#id .class}` at the end of a heading (always, as in Hugo), and
 * when `block` is on, an attribute list on the line after a paragraph, quote, list, table or
 * rule (`markup.goldmark.parser.attribute.block`). Invalid lists stay text.
 */
export function applyMarkdownAttributes(
  tree: MdastRoot,
  state: PageState,
  options: { heading: boolean; block: boolean },
): void {
  if (!options.heading && !options.block) return;
  const apply = (node: MdastNodes, list: AttributeList, at: number): void => {
    const { properties, dropped } = attributeProperties(list);
    if (dropped.length > 0) {
      reportAt(
        state,
        at,
        "warning",
        "attribute-dropped",
        `attribute${dropped.length > 1 ? "s" : ""} ${dropped.join(", ")} left out: styles, scripts and addresses cannot be set this way (a page may set id, class, title, lang, dir, hidden, data-* and aria-*)`,
      );
    }
    if (Object.keys(properties).length === 0) return;
    node.data ??= {};
    const data = node.data as { hProperties?: Record<string, unknown> };
    data.hProperties = { ...data.hProperties, ...trustedProperties(state.nonce, properties) };
  };
  const visit = (parent: Parent, ancestors: Parent[]): void => {
    for (let i = 0; i < parent.children.length; i++) {
      const node = parent.children[i] as MdastNodes;
      if (node.type === "heading") {
        if (!options.heading) continue;
        const last = node.children.at(-1);
        const match = last?.type === "text" ? trailingList(last.value) : undefined;
        const list = match ? parseAttributeList(match.list) : undefined;
        if (last?.type === "text" && match && list) {
          last.value = last.value.slice(0, match.index);
          if (last.value === "") node.children.pop();
          apply(node, list, last.position?.start.offset ?? node.position?.start.offset ?? 0);
        }
        continue;
      }
      if (options.block && node.type === "paragraph") {
        const last = node.children.at(-1);
        if (last?.type === "text") {
          const lines = last.value.split("\n");
          const list = parseAttributeList((lines.at(-1) ?? "").trim());
          if (list) {
            const previous = parent.children[i - 1] as MdastNodes | undefined;
            const container = lazyContainer(parent, ancestors, node, i, state.source);
            if (container && lines.length > 1) {
              // `> quote` + `{.note}`: the line continues the paragraph lazily, but is the quote's (or list's).
              (last as Text).value = lines.slice(0, -1).join("\n").trimEnd();
              apply(container, list, node.position?.start.offset ?? 0);
              continue;
            }
            if (lines.length > 1 || node.children.length > 1) {
              // The last line of a paragraph: the paragraph's own attributes.
              (last as Text).value = lines.slice(0, -1).join("\n").trimEnd();
              apply(node, list, node.position?.start.offset ?? 0);
              continue;
            }
            if (previous && previous.type !== "code" && adjacent(previous, node, state.source)) {
              apply(previous, list, node.position?.start.offset ?? 0);
              parent.children.splice(i, 1);
              i--;
              continue;
            }
          }
        }
      }
      if ("children" in node) visit(node as Parent, [...ancestors, parent]);
    }
  };
  visit(tree, []);
}

/**
 * The quote or list an attribute line after it belongs to: the line continued the last
 * paragraph inside it lazily (it starts without the `>` or the item's indent).
 */
function lazyContainer(
  parent: Parent,
  ancestors: Parent[],
  paragraph: MdastNodes,
  index: number,
  source: string,
): MdastNodes | undefined {
  if (index !== parent.children.length - 1) return undefined;
  const end = paragraph.position?.end.offset;
  if (end === undefined) return undefined;
  const lineStart = source.lastIndexOf("\n", end - 1) + 1;
  if (!source.slice(lineStart, end).startsWith("{")) return undefined;
  if (parent.type === "blockquote") return parent as MdastNodes;
  const list = ancestors.at(-1);
  if (parent.type === "listItem" && list?.type === "list") return list as MdastNodes;
  return undefined;
}

/** True when `next` starts on the line right after `previous` ends (no blank line between). */
function adjacent(previous: MdastNodes, next: MdastNodes, source: string): boolean {
  const end = previous.position?.end.offset;
  const start = next.position?.start.offset;
  if (end === undefined || start === undefined) return false;
  return !/\n[ \t]*\n/.test(source.slice(end, start));
}

/** Gives each element the properties its trusted attribute carries (see `trustedProperties`). */
export function applyTrustedProperties(tree: HastRoot, nonce: string): void {
  const visit = (parent: HastRoot | Element): void => {
    for (const child of parent.children) {
      if (child.type !== "element") continue;
      const carried = child.properties[TRUSTED_ATTRIBUTE];
      if (carried !== undefined) {
        delete child.properties[TRUSTED_ATTRIBUTE];
        const text = String(carried);
        if (text.startsWith(`${nonce}:`)) {
          const properties = JSON.parse(text.slice(nonce.length + 1)) as Record<string, unknown>;
          const classes = [...asList(child.properties.className), ...asList(properties.className)];
          Object.assign(child.properties, properties);
          if (classes.length > 0) child.properties.className = classes;
        }
      }
      visit(child);
    }
  };
  visit(tree);
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(/\s+/).filter(Boolean) : [];
}

/** The kinds of GitHub's alerts (`> [!TIP]`), which Hugo's blockquote render hooks read, with their titles. */
const ALERTS: Record<string, { zh: string; en: string }> = {
  note: { zh: "注意", en: "Note" },
  tip: { zh: "提示", en: "Tip" },
  important: { zh: "重要", en: "Important" },
  warning: { zh: "警告", en: "Warning" },
  caution: { zh: "小心", en: "Caution" },
};

/**
 * GitHub's alert syntax, as Hugo's documentation renders it with a blockquote hook:
 * `> [!WARNING]` (optionally a title after it) makes the quote an alert of that kind, with
 * its title as the first line. Any other `[!…]` stays as written.
 */
export function applyAlerts(tree: MdastRoot, state: PageState): void {
  const visit = (parent: Parent): void => {
    for (const node of parent.children as MdastNodes[]) {
      if (node.type === "blockquote") {
        const first = node.children[0];
        const text = first?.type === "paragraph" ? first.children[0] : undefined;
        const match = text?.type === "text" ? /^\[!([A-Za-z]+)\][ \t]*([^\n]*)\n?/.exec(text.value) : null;
        const kind = match?.[1]?.toLowerCase();
        const words = kind ? ALERTS[kind] : undefined;
        if (first?.type === "paragraph" && text?.type === "text" && match && kind && words) {
          text.value = text.value.slice(match[0].length);
          if (text.value === "") first.children.shift();
          if (first.children.length === 0) node.children.shift();
          const title = match[2]?.trim() || (state.language.toLowerCase().startsWith("zh") ? words.zh : words.en);
          node.children.unshift({
            type: "paragraph",
            data: { hProperties: trustedProperties(state.nonce, { className: ["alert-title"] }) },
            children: [{ type: "text", value: title }],
          });
          node.data ??= {};
          const data = node.data as { hProperties?: Record<string, unknown> };
          data.hProperties = {
            ...data.hProperties,
            ...trustedProperties(state.nonce, { className: ["alert", `alert-${kind}`] }),
          };
        }
      }
      if ("children" in node) visit(node as Parent);
    }
  };
  visit(tree);
}
