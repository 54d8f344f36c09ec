import { ExerciseRenderer, interpolate, type SiteExercise } from "@llm-basics/content";
import {
  answerTypeMisconceptionsFor,
  detectorsFor,
  type Localized,
  type Value,
  variantValues,
} from "@llm-basics/grading";
import { expect, test } from "@playwright/test";
import { course, freshLearnerId } from "./course.ts";

// Nothing a learner could use to skip the work may reach their browser before it is due: not
// the expected answer of their variant (in any of the ways it could be written), not the
// tolerance, not the author's mistakes, hints or solution. For every lesson with exercises, a
// new learner's page is fetched as HTML and as the RSC payload client navigations use, and
// their variants as the page's exercise islands fetch them (GET /api/my-exercises); all three
// are searched.

type Text = string | Localized;

/** A page as a new learner gets it, as HTML or as the RSC payload (Next redirects the latter to `?_rsc`). */
async function fetchAs(url: string, learnerId: string, rsc: boolean): Promise<string> {
  const response = await fetch(url, {
    headers: { Cookie: `lb_learner=${learnerId}`, ...(rsc ? { RSC: "1" } : {}) },
  });
  expect(response.status, url).toBe(200);
  if (rsc) expect(response.headers.get("content-type")).toContain("text/x-component");
  return response.text();
}

/** The page's exercises as its islands ask for them, for the learner. */
async function fetchMine(
  baseURL: string,
  exercises: readonly SiteExercise[],
  locale: "zh" | "en",
  learnerId: string,
): Promise<string> {
  const query = new URLSearchParams({ ids: exercises.map((e) => e.id).join(","), locale });
  const response = await fetch(`${baseURL}/api/my-exercises?${query}`, {
    headers: { Cookie: `lb_learner=${learnerId}` },
  });
  expect(response.status).toBe(200);
  return response.text();
}

/** What CSS and SVG put into KaTeX's markup (0.25em, path data): numbers that are never answers. */
function withoutLayoutNumbers(text: string): string {
  return text
    .replace(/-?\d*\.?\d+(?:em|ex|px|pt|rem|%|vw|vh|s|ms)\b/g, " ")
    .replace(/\b(?:d|viewBox|points)=\\*"[^"]*"/g, " ");
}

/** `x` written as a number on its own (not the start of 0.12345 or the end of 10.5). */
function containsNumber(haystack: string, written: string): boolean {
  const escaped = written.replace(/[.+]/g, "\\$&");
  return new RegExp(`(?<![\\d.])${escaped}(?![\\d])`).test(haystack);
}

/** Every way a learner's page could show the number x: full precision, 2–4 decimals, as in LaTeX. */
function numberForms(x: number): string[] {
  const forms = new Set<string>([String(x)]);
  for (const decimals of [2, 3, 4]) {
    forms.add(x.toFixed(decimals));
    forms.add(String(Number(x.toFixed(decimals))));
  }
  // A non-integer that rounds to a whole number (6.99998 → "7") is not told by "7": small whole
  // numbers are everywhere in a page (sizes, indices, the RSC payload's row ids). Its decimal
  // forms ("7.00") still are.
  return [...forms].filter((f) => f.includes(".") && !/^-?0\.0+$/.test(f));
}

function numbersIn(value: Value | undefined): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap((v) => numbersIn(v as Value));
  return [];
}

/** A text of the spec in the page's language, with the variant's values written in. */
function filledIn(text: Text, locale: "zh" | "en", values: Map<string, Value>): string {
  return interpolate(typeof text === "string" ? text : text[locale], values);
}

/** The words of a text outside its formulas (what the page would show as plain text). */
function wordsOf(text: string): string[] {
  return text
    .split(/\\\(|\\\)|\\\[|\\\]|\$\$/)
    .filter((_, i) => i % 2 === 0)
    .flatMap((chunk) => chunk.split(/[`*_]/))
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length >= 4 && /[\p{L}]/u.test(chunk));
}

/** The decimals inside a text's formulas (a solution's worked numbers). */
function formulaNumbers(text: string): string[] {
  return (text.match(/-?\d+\.\d+/g) ?? []).filter((n) => !/^-?0\.0+$/.test(n));
}

interface Secret {
  what: string;
  text: string;
  /** Match as a number on its own rather than as a substring. */
  number?: boolean;
}

function secretsOf(exercise: SiteExercise, seed: number, locale: "zh" | "en"): Secret[] {
  const { spec } = exercise.exercise;
  const { values, expected } = variantValues(exercise.exercise, seed);
  const secrets: Secret[] = [];
  expected.forEach((value, i) => {
    for (const x of numbersIn(value).filter((n) => !Number.isInteger(n))) {
      for (const form of numberForms(x))
        secrets.push({ what: `expected answer ${i} (${x})`, text: form, number: true });
    }
  });
  // An expression that is one bare name (`g0`, `dm`) names a parameter or an earlier part, which
  // the page shows anyway; it tells nothing about the answer.
  const telling = (expr: string) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(expr.trim());
  exercise.exercise.answers.forEach((answer, i) => {
    const answerSpec = answer.spec as { expr?: string; matrix?: string; tolerance?: Record<string, number> };
    if (answerSpec.expr && telling(answerSpec.expr))
      secrets.push({ what: `answer ${i} expression`, text: answerSpec.expr });
    for (const mistake of answer.mistakes) {
      if (telling(mistake.spec.expr))
        secrets.push({ what: `mistake ${mistake.id} expression`, text: mistake.spec.expr });
      for (const word of wordsOf(filledIn(mistake.spec.message, locale, values))) {
        secrets.push({ what: `mistake ${mistake.id} message`, text: word });
      }
    }
    const detectors = [
      ...(answer.expr ? detectorsFor(answer.expr, answer.spec.ignoreDetectors) : []),
      ...answerTypeMisconceptionsFor(answer.spec),
    ];
    for (const detector of detectors) {
      for (const word of wordsOf(detector.message[locale])) {
        secrets.push({ what: `detector ${detector.id} message`, text: word });
      }
    }
    for (const tolerance of [answerSpec.tolerance, spec.tolerance]) {
      for (const x of Object.values(tolerance ?? {})) {
        if (x > 0 && !Number.isInteger(x)) secrets.push({ what: "tolerance", text: String(x), number: true });
      }
    }
  });
  const hints = [...(spec.hints ?? []), ...(spec.parts ?? []).flatMap((p) => p.hints ?? [])];
  hints.forEach((hint, i) => {
    const text = filledIn(hint, locale, values);
    for (const word of wordsOf(text)) secrets.push({ what: `hint ${i + 1}`, text: word });
    for (const n of formulaNumbers(text)) secrets.push({ what: `hint ${i + 1} number`, text: n, number: true });
  });
  if (spec.solution) {
    const text = filledIn(spec.solution, locale, values);
    for (const word of wordsOf(text)) secrets.push({ what: "solution", text: word });
    for (const n of formulaNumbers(text)) secrets.push({ what: "solution number", text: n, number: true });
  }
  return secrets;
}

/**
 * Spec keys that only the grader may see; none of them is a prop or field the page sends. A
 * `widget` (the learner's variant drawn) comes with the solution, never before.
 */
const SECRET_KEYS =
  /\\?"(tolerance|atol|rtol|sigfigs|expected|correct|mistakes|solution|hints|expr|answerExpr|tests|widget)\\?"\s*:/;

test("no lesson page sends a learner an answer, tolerance, mistake, hint or solution before it is due", async ({
  baseURL,
}) => {
  // Every lesson with exercises, each fetched twice: on two busy cores that takes a while.
  test.slow();
  const site = await course();
  const renderer = new ExerciseRenderer({ language: site.settings.language });
  const pages = new Map<string, SiteExercise[]>();
  for (const exercise of site.exercises.values()) {
    pages.set(exercise.pageUrl, [...(pages.get(exercise.pageUrl) ?? []), exercise]);
  }
  expect(pages.size).toBeGreaterThan(0);
  const leaks: string[] = [];
  let checked = 0;
  for (const [url, exercises] of pages) {
    const page = site.pageAt(url);
    if (!page) throw new Error(`no page at ${url}`);
    const locale = page.lang.toLowerCase().startsWith("en") ? "en" : "zh";
    const learnerId = freshLearnerId();
    const html = await fetchAs(`${baseURL}${url}`, learnerId, false);
    const rsc = await fetchAs(`${baseURL}${url}`, learnerId, true);
    const mine = await fetchMine(`${baseURL}`, exercises, locale, learnerId);
    const variants = JSON.parse(mine) as { exercises: Record<string, { seed?: number }> };
    const seeds = new Map<string, number>();
    const views: string[] = [page.html];
    for (const exercise of exercises) {
      expect(html, `${url} shows ${exercise.id}`).toContain(`data-exercise-id="${exercise.id}"`);
      const seed = Number(variants.exercises[exercise.id]?.seed);
      expect(Number.isInteger(seed), `${url}: ${exercise.id} has the learner's variant`).toBe(true);
      seeds.set(exercise.id, seed);
      // What the learner is meant to see: the lesson itself and each variant's prompts and options.
      const view = await renderer.view(exercise, seed, locale);
      views.push(view.promptHtml, view.promptSource);
      for (const answer of view.answers) {
        views.push(answer.promptHtml ?? "", answer.promptSource ?? "");
        for (const option of answer.options ?? []) views.push(option.html, option.source);
      }
    }
    const shown = withoutLayoutNumbers(views.join("\n"));
    for (const exercise of exercises) {
      const seed = seeds.get(exercise.id) as number;
      const secrets = secretsOf(exercise, seed, locale).filter((s) =>
        s.number ? !containsNumber(shown, s.text) : !shown.includes(s.text),
      );
      // The check must have something to look for (hints, solution, numeric answers).
      expect(secrets.length, `${exercise.id}: secrets left to look for`).toBeGreaterThan(0);
      for (const [kind, body] of [
        ["HTML", withoutLayoutNumbers(html)],
        ["RSC payload", withoutLayoutNumbers(rsc)],
        ["variants", withoutLayoutNumbers(mine)],
      ] as const) {
        for (const secret of secrets) {
          const found = secret.number ? containsNumber(body, secret.text) : body.includes(secret.text);
          if (found)
            leaks.push(`${url} ${kind}: ${exercise.id} (seed ${seed}) ${secret.what}: ${JSON.stringify(secret.text)}`);
          checked++;
        }
        const key = SECRET_KEYS.exec(body);
        if (key) leaks.push(`${url} ${kind}: a field named ${key[1]}`);
      }
    }
  }
  expect(leaks).toEqual([]);
  expect(checked).toBeGreaterThan(100);
});
