import type { Root as HastRoot, RootContent } from "hast";

// How long a lesson takes to read, from the words of its prose: Chinese is read by characters,
// English by words, and a displayed formula takes a while of its own. Code and formulas are not
// prose (a formula's KaTeX markup is full of letters no one reads as words).

/** The prose of a page: its Han characters and its words in Latin script. */
export interface ProseCount {
  han: number;
  latin: number;
}

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g;

/** Counts the prose in a rendered page, leaving out code, formulas and anything not shown. */
export function proseCount(tree: HastRoot): ProseCount {
  const count: ProseCount = { han: 0, latin: 0 };
  const visit = (node: HastRoot | RootContent): void => {
    if (node.type === "text") {
      count.han += node.value.match(HAN)?.length ?? 0;
      count.latin += node.value.match(LATIN_WORD)?.length ?? 0;
      return;
    }
    if (node.type === "element") {
      if (["pre", "code", "script", "style", "math", "svg"].includes(node.tagName)) return;
      const className = node.properties.className;
      if (Array.isArray(className) && className.some((c) => String(c).startsWith("katex"))) return;
    }
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return count;
}

/**
 * Whole minutes to read a page, at least 1: 300 Han characters, or 200 words, a minute (an
 * unhurried pace for technical text), and 15 seconds for each displayed formula.
 */
export function readingMinutes(prose: ProseCount, displayFormulas: number): number {
  const minutes = prose.han / 300 + prose.latin / 200 + displayFormulas / 4;
  return Math.max(1, Math.round(minutes));
}
