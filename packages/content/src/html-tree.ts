import type { Element, ElementContent, RootContent as HastContent, Root as HastRoot } from "hast";
import { toHtml } from "hast-util-to-html";
import { toString as hastToString } from "hast-util-to-string";
import type { VFile } from "vfile";
import type { FormulaRenderer } from "./math-render.ts";
import {
  FORMULA_ATTRIBUTE,
  type Formula,
  type PageState,
  pageState,
  reportAt,
  SLOT_ATTRIBUTE,
  type TocEntry,
} from "./page-state.ts";

/** The formula a placeholder element stands for (marked with the page's nonce), before KaTeX replaces it. */
export function placeholderFormula(state: PageState): (node: Element) => Formula | undefined {
  const prefix = `${state.nonce}:`;
  return (node) => {
    const marker = node.properties[FORMULA_ATTRIBUTE];
    return typeof marker === "string" && marker.startsWith(prefix)
      ? state.formulas[Number(marker.slice(prefix.length))]
      : undefined;
  };
}

/** Replaces each formula placeholder with KaTeX's HTML, and collects the headings. */
export function renderFormulas(tree: HastRoot, file: VFile, renderer: FormulaRenderer): void {
  const state = pageState(file);
  const source = state.source;
  const headings: Array<{ entry: TocEntry; node: Element }> = [];
  const formulaOf = placeholderFormula(state);

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
      const formula = formulaOf(node);
      if (!formula) delete node.properties[FORMULA_ATTRIBUTE];
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
