import type { Element, Root as HastRoot, RootContent } from "hast";

// What search reads of a page: its text cut at the headings a learner can be sent to, and the
// words its formulas are written with. KaTeX's HTML is no text to search (letters one per span,
// accents and struts), so a formula counts by its TeX source: the words in `\text{…}`,
// `\operatorname{…}` and the like, and runs of letters outside commands (`softmax(z)`).

/** The part of a page under one heading (level 1–3), up to the next one. */
export interface SearchSection {
  /** The heading's id (its anchor); "" for what comes before the first heading. */
  id: string;
  /** The heading's text, formulas as their TeX; "" before the first heading. */
  heading: string;
  /** The section's prose; inline formulas as plain text (`plainTex`), displayed ones and code blocks left out. */
  text: string;
  /** Words the section's formulas are written with, lower-cased, each once: `softmax`, `注意力`. */
  formulaWords: string[];
}

// TeX commands whose argument is words rather than symbols.
const WORD_ARGUMENT =
  /\\(?:text|textrm|textit|textbf|textsf|texttt|mathrm|mathit|mathsf|mathtt|operatorname\*?|mbox)\s*\{([^{}]*)\}/g;
// `\begin{bmatrix}`: the name of an environment is markup.
const ENVIRONMENT = /\\(?:begin|end)\s*\{[^{}]*\}/g;
// A word of the formula outside those commands: three letters or more (`QK` and `d_k` are symbols).
const LETTER_RUN = /\p{L}{3,}/gu;
const WORDS = /[\p{Script=Han}]+|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The words a formula's TeX is written with: `\text{注意力}(Q)` → `["注意力"]`; `\frac{a}{b}` → `[]`. */
export function formulaWords(tex: string): string[] {
  const words: string[] = [];
  const outside = tex.replace(ENVIRONMENT, " ").replace(WORD_ARGUMENT, (_, argument: string) => {
    for (const word of argument.match(WORDS) ?? []) words.push(word.toLowerCase());
    return " ";
  });
  // Command names (`\frac`, `\sqrt`) are markup, not words of the formula.
  for (const run of outside.replace(/\\[A-Za-z]+/g, " ").match(LETTER_RUN) ?? []) words.push(run.toLowerCase());
  return words;
}

// What a snippet shows for the commonest commands: their symbol (`\\times` → ×).
const SYMBOLS: Record<string, string> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  varepsilon: "ε",
  eta: "η",
  theta: "θ",
  lambda: "λ",
  mu: "μ",
  pi: "π",
  sigma: "σ",
  tau: "τ",
  phi: "φ",
  Sigma: "Σ",
  Lambda: "Λ",
  Delta: "Δ",
  times: "×",
  cdot: "·",
  in: "∈",
  approx: "≈",
  le: "≤",
  leq: "≤",
  ge: "≥",
  geq: "≥",
  ne: "≠",
  neq: "≠",
  to: "→",
  rightarrow: "→",
  infty: "∞",
  sum: "Σ",
  prod: "Π",
  top: "ᵀ",
  dots: "…",
  ldots: "…",
  cdots: "⋯",
  partial: "∂",
  nabla: "∇",
  pm: "±",
  sqrt: "√",
  mid: "|",
  lVert: "‖",
  rVert: "‖",
  Vert: "‖",
};

/**
 * A formula's TeX as a snippet can show it: commands as their symbols, words as themselves,
 * fractions with a slash, braces and spacing dropped: `X \in \mathbb{R}^{n \times d_{\text{model}}}`
 * → `X ∈ R^n × d_model`.
 */
export function plainTex(tex: string): string {
  return (
    withSlashedFractions(tex.replace(ENVIRONMENT, " "))
      // A matrix's rows and columns.
      .replace(/\\\\/g, "; ")
      .replace(/&/g, " ")
      .replace(/\\([A-Za-z]+)\*?/g, (_, name: string) => SYMBOLS[name] ?? (WORD_COMMAND.test(name) ? "" : " "))
      .replace(/\\[,;:! ]|~/g, " ")
      // Braces only group, unless escaped (`\{0, 1\}` is a set).
      .replace(/(?<!\\)[{}]/g, "")
      .replace(/\\([{}])/g, "$1")
      // `K^\top` reads Kᵀ.
      .replace(/\^\s*ᵀ/g, "ᵀ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** The group `{…}` starting at `at` (braces balanced), and where it ends; undefined when there is none. */
function groupAt(tex: string, at: number): { body: string; end: number } | undefined {
  let i = at;
  while (tex[i] === " ") i++;
  if (tex[i] !== "{") return undefined;
  let depth = 0;
  for (let j = i; j < tex.length; j++) {
    if (tex[j] === "\\") j++;
    else if (tex[j] === "{") depth++;
    else if (tex[j] === "}" && --depth === 0) return { body: tex.slice(i + 1, j), end: j + 1 };
  }
  return undefined;
}

/** `\frac{a}{b}` → `a/b`, `\frac{e^x}{\sum e^x}` → `(e^x)/(\sum e^x)`, nested ones too. */
function withSlashedFractions(tex: string): string {
  const fraction = /\\[dt]?frac(?![A-Za-z])/g;
  let out = "";
  let last = 0;
  for (let match = fraction.exec(tex); match; match = fraction.exec(tex)) {
    const top = groupAt(tex, match.index + match[0].length);
    const bottom = top && groupAt(tex, top.end);
    if (!top || !bottom) continue;
    const part = (body: string) => {
      const plain = withSlashedFractions(body);
      return /^\w$|^\\[A-Za-z]+$/.test(plain.trim()) ? plain.trim() : `(${plain})`;
    };
    out += `${tex.slice(last, match.index)}${part(top.body)}/${part(bottom.body)}`;
    last = bottom.end;
    fraction.lastIndex = bottom.end;
  }
  return out + tex.slice(last);
}
// Commands that only style their argument, which stays.
const WORD_COMMAND =
  /^(?:text\w*|math\w*|operatorname|mbox|boldsymbol|bm|left|right|big+l?r?|Big+l?r?|hat|bar|tilde|vec)$/;

const SECTION_HEADING = /^h[1-3]$/;
const SKIPPED = new Set(["pre", "script", "style", "svg", "template"]);

/** A formula of the page, for the element that stands for it; undefined for other elements. */
export type FormulaOf = (node: Element) => { tex: string; display: boolean } | undefined;

/** Cuts a page (its headings given ids) into the sections search shows and sends to. */
export function searchSections(tree: HastRoot, formulaOf: FormulaOf): SearchSection[] {
  const sections: SearchSection[] = [];
  let current = { id: "", heading: "", text: [] as string[], words: new Set<string>() };
  const finish = (): void => {
    const text = current.text.join("").replace(/\s+/g, " ").trim();
    if (text !== "" || current.heading !== "" || current.words.size > 0) {
      sections.push({ id: current.id, heading: current.heading, text, formulaWords: [...current.words] });
    }
  };
  // Text inside a heading goes to the heading, not to the section's prose.
  const textOf = (node: RootContent, into: string[], words: Set<string>): void => {
    if (node.type === "text") {
      into.push(node.value);
      return;
    }
    if (node.type !== "element" || SKIPPED.has(node.tagName)) return;
    const formula = formulaOf(node);
    if (formula) {
      for (const word of formulaWords(formula.tex)) words.add(word);
      if (!formula.display) into.push(plainTex(formula.tex));
      return;
    }
    // Block boundaries separate words ("…结束。" and "下一段" must not run together in a snippet).
    const block = /^(?:p|li|tr|td|th|div|blockquote|h[4-6]|dt|dd|figcaption|caption)$/.test(node.tagName);
    if (block) into.push(" ");
    for (const child of node.children) textOf(child, into, words);
    if (block) into.push(" ");
  };
  const visit = (node: HastRoot | Element): void => {
    for (const child of node.children) {
      if (child.type === "element" && SECTION_HEADING.test(child.tagName) && child.properties.id) {
        finish();
        const heading: string[] = [];
        const words = new Set<string>();
        for (const part of child.children) textOf(part, heading, words);
        current = {
          id: String(child.properties.id),
          heading: heading.join("").replace(/\s+/g, " ").trim(),
          text: [],
          words,
        };
      } else if (
        child.type === "element" &&
        !SKIPPED.has(child.tagName) &&
        !formulaOf(child) &&
        /^(?:section|div|article|main)$/.test(child.tagName)
      ) {
        // Headings can sit inside a wrapper (footnotes' section): look inside.
        visit(child);
      } else {
        textOf(child, current.text, current.words);
      }
    }
  };
  visit(tree);
  finish();
  return sections;
}
