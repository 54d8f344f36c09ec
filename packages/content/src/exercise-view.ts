import {
  type AnswerSpec,
  answerTypeOf,
  checkExercise,
  type Exercise,
  evaluateAuthorExpression,
  type Locale,
  type Localized,
  type Value,
  variantValues,
} from "@llm-basics/grading";
import { LRUCache } from "lru-cache";
import type { Diagnostic } from "./diagnostics.ts";
import type { CourseExercise } from "./exercises.ts";
import { InterpolationError, latexNumber, latexOf } from "./latex-value.ts";
import { FormulaRenderer } from "./math-render.ts";
import { MarkdownRenderer } from "./pipeline.ts";
import { exerciseWidget, type WidgetParams } from "./widgets.ts";

/** A widget drawn with a variant's numbers: its name and parameters, as the app's islands take them. */
export interface ExerciseWidget {
  name: string;
  params: WidgetParams;
}

/** One answer a learner gives (the exercise's only answer, or one part): what the page shows for it. */
export interface AnswerView {
  /** The part's id; undefined for a single-answer exercise. */
  id?: string;
  /** A part's own prompt, rendered (HTML) and as Markdown with the variant's values in LaTeX. */
  promptHtml?: string;
  promptSource?: string;
  type: AnswerSpec["type"];
  /** The shape the answer must have: `[n]` for a vector, `[rows, columns]` for a matrix. */
  shape?: [number] | [number, number];
  /** Choice answers: each option, rendered. */
  options?: Array<{ html: string; source: string }>;
  multiple?: boolean;
  /** Expression answers: the variables the learner may use. */
  variables?: string[];
  /** What the answer is ("attention weights"), when the author said. */
  noun?: string;
}

/** What a learner (or an API client) may see of one variant of an exercise: never its answer. */
export interface ExerciseView {
  id: string;
  seed: number;
  locale: Locale;
  title?: string;
  promptHtml: string;
  /** The prompt as Markdown, with the variant's values written in as LaTeX. */
  promptSource: string;
  answers: AnswerView[];
  /** How many hints there are (they are shown after wrong attempts). */
  hintCount: number;
  hasSolution: boolean;
}

type Text = string | Localized;

/** Interpolation `{{ name }}` / `{{ expr }}`; not Hugo's `{{<` or `{{%`. */
const PLACEHOLDER = /\{\{(?![<%])([^{}]*)\}\}/g;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export { InterpolationError, latexOf };

/**
 * Writes a variant's values into an exercise text: `{{Q}}` becomes Q as LaTeX (a matrix as
 * `bmatrix`), `{{ Q * K' }}` the value of that author expression. A placeholder outside math
 * delimiters is wrapped in `\( … \)`; one in a code span is written as a learner types it
 * (`[[1, 2], [3, 4]]`). Double braces with no name in them (LaTeX grouping such
 * as `x^{{2}}`), or that do not parse as an expression, are left alone; an unknown name is an
 * error.
 */
export function interpolate(text: string, values: ReadonlyMap<string, Value>): string {
  const math = mathRanges(text);
  const code = codeRanges(text);
  return text.replace(PLACEHOLDER, (whole, inner: string, offset: number) => {
    const source = inner.trim();
    // Only names and functions are filled in: `x^{{2}}` is LaTeX grouping, not a placeholder.
    if (!/[A-Za-z_]/.test(source)) return whole;
    let value: Value;
    try {
      value = evaluateAuthorExpression(source, values as Map<string, Value>);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (IDENTIFIER.test(source)) {
        throw new InterpolationError(
          `{{${inner}}}: no parameter named ${source} (known: ${[...values.keys()].filter((k) => k !== "pi" && k !== "e").join(", ")})`,
        );
      }
      if (/^(unexpected|expected|unknown character)/i.test(message)) return whole;
      throw new InterpolationError(`{{${inner}}}: ${message}`);
    }
    if (code.some(([start, end]) => offset >= start && offset < end)) return plainOf(value, source);
    const latex = latexOf(value, source);
    return math.some(([start, end]) => offset >= start && offset < end) ? latex : `\\( ${latex} \\)`;
  });
}

/** A value as a learner would type it, for code spans: `[[1, -2], [0.5, 3]]`. */
function plainOf(value: Value, what: string): string {
  if (typeof value === "number") return latexNumber(value).includes("\\") ? String(value) : latexNumber(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => plainOf(v, what)).join(", ")}]`;
  return latexOf(value, what); // a record: latexOf says which fields to pick
}

/** Spans of Markdown code (`` `…` ``, and fenced blocks), as [start, end) offsets. */
function codeRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "`") continue;
    let run = 1;
    while (text[i + run] === "`") run++;
    const fence = "`".repeat(run);
    let end = text.indexOf(fence, i + run);
    // A closing run must be exactly as long as the opening one.
    while (end !== -1 && text[end + run] === "`") end = text.indexOf(fence, end + run + 1);
    if (end === -1) {
      i += run - 1;
      continue;
    }
    ranges.push([i, end + run]);
    i = end + run - 1;
  }
  return ranges;
}

/** Spans of `\( … \)`, `\[ … \]` and `$$ … $$` in a text, as [start, end) offsets. */
function mathRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const closers: Record<string, string> = { "\\(": "\\)", "\\[": "\\]", $$: "$$" };
  for (let i = 0; i < text.length - 1; i++) {
    const opener = text.slice(i, i + 2);
    const closer = closers[opener];
    if (closer === undefined) {
      if (text[i] === "\\") i++;
      continue;
    }
    const end = text.indexOf(closer, i + 2);
    if (end === -1) break;
    ranges.push([i, end + 2]);
    i = end + 1;
  }
  return ranges;
}

function pick(text: Text, locale: Locale): string {
  return typeof text === "string" ? text : text[locale];
}

/** An exercise's title in `locale`, the same for every variant (plain text; undefined when it has none). */
export function exerciseTitle(exercise: CourseExercise, locale: Locale): string | undefined {
  const title = exercise.exercise.spec.title;
  return title === undefined ? undefined : pick(title, locale);
}

/** Every text of an exercise, by where it is in the spec. */
function textsOf(exercise: Exercise): Array<{ where: string; text: Text }> {
  const spec = exercise.spec;
  const texts: Array<{ where: string; text: Text }> = [];
  if (spec.title) texts.push({ where: "title", text: spec.title });
  if (spec.prompt) texts.push({ where: "prompt", text: spec.prompt });
  spec.hints?.forEach((text, i) => {
    texts.push({ where: `hints[${i}]`, text });
  });
  if (spec.solution) texts.push({ where: "solution", text: spec.solution });
  exercise.answers.forEach((answer, i) => {
    const at = answer.id === undefined ? "answer" : `parts[${i}]`;
    const part = spec.parts?.[i];
    if (part?.prompt) texts.push({ where: `${at}.prompt`, text: part.prompt });
    part?.hints?.forEach((text, j) => {
      texts.push({ where: `${at}.hints[${j}]`, text });
    });
    answerTypeOf(answer.spec.type)
      .view?.(answer.spec, undefined)
      .options?.forEach((text, j) => {
        texts.push({ where: `${at}.options[${j}]`, text });
      });
  });
  return texts;
}

/** The hints in the order they are revealed: the exercise's, then each part's. */
function hintsOf(exercise: Exercise): Text[] {
  return [...(exercise.spec.hints ?? []), ...(exercise.spec.parts ?? []).flatMap((p) => p.hints ?? [])];
}

/**
 * Renders exercises' texts for one variant: prompts with the learner's numbers, hints and
 * solutions when they are due. Build one per server and keep it: its formula cache is bounded.
 */
export class ExerciseRenderer {
  readonly #markdown: MarkdownRenderer;
  /**
   * A variant's texts as rendered, by file and source: a learner answering again gets the same
   * hints and solution, and rendering them (Markdown, then KaTeX) cost more than grading and
   * recording the answer together (bench/attempts.ts's profile). Bounded like the formulas.
   */
  readonly #rendered: LRUCache<string, { html: string; diagnostics: Diagnostic[] }>;
  /** Hints' and solutions' HTML by exercise, variant, language and text (#variantText). */
  readonly #variantTexts: LRUCache<string, string>;
  readonly #exerciseIds = new WeakMap<object, number>();
  #lastExerciseId = 0;

  /**
   * Formulas are cached, at most `maxFormulas` of them (default 2,000): every variant brings
   * new numbers, so an unbounded cache would grow with every learner.
   */
  constructor(options: { maxFormulas?: number; maxTexts?: number; language?: string } = {}) {
    this.#rendered = new LRUCache({ max: options.maxTexts ?? 2000 });
    this.#variantTexts = new LRUCache({ max: options.maxTexts ?? 2000 });
    this.#markdown = new MarkdownRenderer({
      formulas: new FormulaRenderer({ maxEntries: options.maxFormulas ?? 2000 }),
      ...(options.language ? { language: options.language } : {}),
    });
  }

  /** Markdown (with math) to HTML, and the problems found in it. */
  async #html(source: string, file: string): Promise<{ html: string; diagnostics: Diagnostic[] }> {
    const key = `${file}\u0000${source}`;
    const cached = this.#rendered.get(key);
    if (cached) return cached;
    const rendered = await this.#markdown.render(source, {
      file,
      resolveRef: () => ({ error: "ref is not available inside an exercise; link from the lesson text" }),
    });
    const result = { html: rendered.html, diagnostics: rendered.diagnostics };
    this.#rendered.set(key, result);
    return result;
  }

  async #text(text: Text, values: ReadonlyMap<string, Value>, locale: Locale, file: string) {
    const source = interpolate(pick(text, locale), values);
    return { source, ...(await this.#html(source, file)) };
  }

  /** What the learner sees of variant `seed`: prompt, answer inputs, counts. Never an answer. */
  async view(exercise: CourseExercise, seed: number, locale: Locale): Promise<ExerciseView> {
    const { spec } = exercise.exercise;
    const { values, expected } = variantValues(exercise.exercise, seed);
    const prompt = spec.prompt
      ? await this.#text(spec.prompt, values, locale, exercise.file)
      : { source: "", html: "" };
    const answers: AnswerView[] = [];
    for (const [i, answer] of exercise.exercise.answers.entries()) {
      const view: AnswerView = { type: answer.spec.type };
      if (answer.id !== undefined) view.id = answer.id;
      const part = spec.parts?.[i];
      if (part?.prompt) {
        const rendered = await this.#text(part.prompt, values, locale, exercise.file);
        view.promptHtml = rendered.html;
        view.promptSource = rendered.source;
      }
      // What the input needs, as the answer type says (never the expected value itself).
      const { options, ...shown } = answerTypeOf(answer.spec.type).view?.(answer.spec, expected[i]) ?? {};
      Object.assign(view, shown);
      if (options) {
        view.options = [];
        for (const option of options) {
          const rendered = await this.#text(option, values, locale, exercise.file);
          view.options.push({ html: inlineHtml(rendered.html), source: rendered.source });
        }
      }
      if (answer.spec.noun) view.noun = pick(answer.spec.noun, locale);
      answers.push(view);
    }
    return {
      id: exercise.id,
      seed,
      locale,
      ...(spec.title ? { title: exerciseTitle(exercise, locale) } : {}),
      promptHtml: prompt.html,
      promptSource: prompt.source,
      answers,
      hintCount: hintsOf(exercise.exercise).length,
      hasSolution: spec.solution !== undefined,
    };
  }

  /** How many hints an exercise has (its own, then its parts'), without rendering a variant. */
  hintCount(exercise: CourseExercise): number {
    return hintsOf(exercise.exercise).length;
  }

  /** The first `count` hints of variant `seed`, as HTML. */
  async hints(exercise: CourseExercise, seed: number, count: number, locale: Locale): Promise<string[]> {
    const hints = hintsOf(exercise.exercise).slice(0, Math.max(0, count));
    const html: string[] = [];
    for (const [i, hint] of hints.entries())
      html.push(await this.#variantText(exercise, seed, locale, `hint ${i}`, hint));
    return html;
  }

  /** The worked solution of variant `seed`, as HTML (undefined when the author wrote none). */
  async solution(exercise: CourseExercise, seed: number, locale: Locale): Promise<string | undefined> {
    const solution = exercise.exercise.spec.solution;
    if (solution === undefined) return undefined;
    return this.#variantText(exercise, seed, locale, "solution", solution);
  }

  /**
   * The widget that draws variant `seed` (the exercise's `widget:`), undefined when it has none.
   * Shown with the solution, never before: it is drawn from the variant's numbers.
   */
  widget(exercise: CourseExercise, seed: number): ExerciseWidget | undefined {
    const widget = exercise.exercise.spec.widget;
    if (widget === undefined) return undefined;
    const { values } = variantValues(exercise.exercise, seed);
    return exerciseWidget(widget, (expression) => evaluateAuthorExpression(expression, values as Map<string, Value>));
  }

  /**
   * A hint's or the solution's HTML for a variant, kept: a learner who answers again gets the
   * same texts back, and drawing the variant's values and filling them in cost more than the
   * rest of an answer (bench/attempts.ts). Keyed by the exercise object, so a reloaded course
   * (new objects) is never answered from the old one's texts.
   */
  async #variantText(exercise: CourseExercise, seed: number, locale: Locale, which: string, text: Text) {
    let id = this.#exerciseIds.get(exercise.exercise);
    if (id === undefined) {
      id = ++this.#lastExerciseId;
      this.#exerciseIds.set(exercise.exercise, id);
    }
    const key = `${id}\u0000${seed}\u0000${locale}\u0000${which}`;
    const kept = this.#variantTexts.get(key);
    if (kept !== undefined) return kept;
    const { values } = variantValues(exercise.exercise, seed);
    const { html } = await this.#text(text, values, locale, exercise.file);
    this.#variantTexts.set(key, html);
    return html;
  }

  /**
   * Tries an exercise as `content:check` does: for `seeds` variants, every answer is
   * computable and finite, the author's tests pass, and every text (in both languages when it
   * has two) fills in and renders. Problems are reported at the exercise's shortcode, once each.
   */
  async check(exercise: CourseExercise, seeds = 50): Promise<Diagnostic[]> {
    const diagnostics: Diagnostic[] = [];
    const seen = new Set<string>();
    const report = (severity: Diagnostic["severity"], where: string, seed: number, message: string): void => {
      const key = `${where}:${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      diagnostics.push({
        severity,
        rule: "exercise-check",
        message: `exercise "${exercise.id}", ${where} (seed ${seed}): ${message}`,
        file: exercise.file,
        line: exercise.line,
        column: exercise.column,
      });
    };
    for (const problem of checkExercise(exercise.exercise, { seeds })) {
      report("error", problem.where, problem.seed, problem.message);
    }
    const texts = textsOf(exercise.exercise);
    for (let seed = 0; seed < seeds; seed++) {
      let variant: ReturnType<typeof variantValues>;
      try {
        variant = variantValues(exercise.exercise, seed);
      } catch {
        continue; // already reported by checkExercise
      }
      variant.expected.forEach((value, i) => {
        const largest = largestMagnitude(value);
        if (largest > 1e6) {
          report(
            "warning",
            exercise.exercise.answers[i]?.id ?? "answer",
            seed,
            `the answer has an entry of size ${largest.toExponential(2)}; learners cannot type that reliably — choose smaller or better-conditioned parameters`,
          );
        }
      });
      if (exercise.exercise.spec.widget !== undefined) {
        try {
          this.widget(exercise, seed);
        } catch (error) {
          report("error", "widget", seed, error instanceof Error ? error.message : String(error));
        }
      }
      for (const { where, text } of texts) {
        for (const locale of typeof text === "string" ? (["zh"] as const) : (["zh", "en"] as const)) {
          try {
            const rendered = await this.#text(text, variant.values, locale, exercise.file);
            for (const d of rendered.diagnostics) {
              report(d.severity, `${where}${typeof text === "string" ? "" : `.${locale}`}`, seed, d.message);
            }
          } catch (error) {
            report("error", where, seed, error instanceof Error ? error.message : String(error));
          }
        }
      }
    }
    return diagnostics;
  }
}

function largestMagnitude(value: Value | undefined): number {
  if (typeof value === "number") return Math.abs(value);
  if (Array.isArray(value)) return value.reduce<number>((m, v) => Math.max(m, largestMagnitude(v)), 0);
  return 0;
}

/** A one-paragraph rendering without its `<p>`, for inline places such as choice labels. */
function inlineHtml(html: string): string {
  const match = /^<p>([\s\S]*)<\/p>\s*$/.exec(html.trim());
  return match && !match[1]?.includes("<p>") ? (match[1] as string) : html;
}
