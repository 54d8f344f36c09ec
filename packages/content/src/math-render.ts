import katex from "katex";
import type { Severity } from "./diagnostics.ts";

/** A problem KaTeX found in one formula; `offset` is where in the TeX source, when known. */
export interface FormulaProblem {
  severity: Severity;
  rule: string;
  message: string;
  offset?: number;
}

/** KaTeX's HTML + MathML for one formula, or `html: undefined` when it cannot be rendered. */
export interface RenderedFormula {
  html: string | undefined;
  problems: FormulaProblem[];
}

/** Limits that keep one formula from eating the build: macro expansions and sizes in em. */
export const KATEX_LIMITS = { maxExpand: 1000, maxSize: 50 } as const;

/**
 * Renders TeX with KaTeX on the server, remembering each formula: a course repeats the same
 * formulas across pages, and KaTeX is most of the cost of a page.
 * Nothing is trusted (`\href`, `\url`, `\includegraphics`, `\htmlClass` are refused), and
 * each refusal or strict-mode complaint is reported instead of becoming red text.
 */
export class FormulaRenderer {
  readonly #cache = new Map<string, RenderedFormula>();
  readonly #maxEntries: number;

  /**
   * `maxEntries` bounds the cache (least recently used out first): a course has a bounded set
   * of formulas, but exercise variants bring new numbers for every learner.
   */
  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
  }

  /** `render("x^2", false).html` starts with `<span class="katex">`. */
  render(source: string, display: boolean): RenderedFormula {
    // Padding inside `\( x \)` means nothing to KaTeX; trimming lets more formulas share a render.
    const tex = source.trim();
    const key = `${display ? "D" : "I"}${tex}`;
    const cached = this.#cache.get(key);
    if (cached) {
      if (this.#maxEntries !== Number.POSITIVE_INFINITY) {
        this.#cache.delete(key);
        this.#cache.set(key, cached);
      }
      return cached;
    }
    const rendered = renderUncached(tex, display);
    this.#cache.set(key, rendered);
    if (this.#cache.size > this.#maxEntries) this.#cache.delete(this.#cache.keys().next().value as string);
    return rendered;
  }

  /** Number of distinct formulas rendered so far. */
  get size(): number {
    return this.#cache.size;
  }
}

function renderUncached(tex: string, display: boolean): RenderedFormula {
  const problems: FormulaProblem[] = [];
  try {
    const html = katex.renderToString(tex, {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      ...KATEX_LIMITS,
      // Equivalent to `trust: false`, but each refused command is reported: KaTeX would
      // otherwise render it silently as red text.
      trust: (context) => {
        problems.push({
          severity: "error",
          rule: "math-untrusted",
          message: `\\${context.command.replace(/^\\/, "")} is not allowed in formulas (links and images belong in Markdown)`,
        });
        return false;
      },
      strict: (code: string, message: string, token?: { loc?: { start: number } }) => {
        // `\\` between lines of a display formula renders as authors expect: not a problem.
        if (code === "newLineInDisplayMode") return "ignore";
        // One warning per kind per formula: bare Chinese would otherwise warn once per character.
        if (problems.some((p) => p.rule === "math-strict" && p.message.includes(`(KaTeX ${code})`))) return "ignore";
        problems.push({
          severity: "warning",
          rule: "math-strict",
          message:
            code === "unicodeTextInMathMode"
              ? `${message}; put words inside \\text{…} (KaTeX ${code})`
              : `${message} (KaTeX ${code})`,
          ...(token?.loc ? { offset: token.loc.start } : {}),
        });
        return "ignore";
      },
    });
    return { html: problems.some((p) => p.severity === "error") ? undefined : html, problems };
  } catch (error) {
    if (error instanceof katex.ParseError) {
      const parseError = error as katex.ParseError & { position?: number; rawMessage?: string };
      problems.push({
        severity: "error",
        rule: "math-parse",
        message: `KaTeX cannot parse this formula: ${parseError.rawMessage ?? parseError.message}`,
        ...(typeof parseError.position === "number" ? { offset: parseError.position } : {}),
      });
      return { html: undefined, problems };
    }
    // Not a TeX error but KaTeX giving up (a stack overflow on absurd nesting): still the
    // formula's fault, so still a diagnostic rather than a crash.
    problems.push({
      severity: "error",
      rule: "math-parse",
      message: `KaTeX could not render this formula (${(error as Error).message}); is it nested too deeply?`,
    });
    return { html: undefined, problems };
  }
}
