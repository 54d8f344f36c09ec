import type { Diagnostic } from "./diagnostics.ts";
import type { SiteExercise } from "./exercises.ts";
import type { Page } from "./site.ts";
import type { SiteLanguage } from "./site-settings.ts";

/**
 * Once a site has pages in a language, every page should have its translation in it, and every
 * exercise text should be written in each language (`{ zh: …, en: … }`).
 */
export function translationWarnings(
  pages: readonly Page[],
  languages: readonly SiteLanguage[],
  translations: ReadonlyMap<string, ReadonlyMap<string, Page>>,
  exercises: ReadonlyMap<string, SiteExercise>,
  options: { missingPages: boolean } = { missingPages: true },
): Diagnostic[] {
  const used = languages.filter((l) => pages.some((p) => p.language === l.code));
  if (used.length < 2) return [];
  const found: Diagnostic[] = [];
  for (const page of options.missingPages ? pages : []) {
    const group = translations.get(page.translationKey);
    for (const language of used) {
      if (group?.has(language.code)) continue;
      const suffix = language.isDefault ? "" : `.${language.code}`;
      const where = language.contentDir
        ? `${language.contentDir.split(/[\\/]/).at(-1)}/${page.translationKey}`
        : page.translationKey.replace(/\.md$/, `${suffix}.md`);
      found.push({
        severity: "warning",
        rule: "translation-missing",
        message: `${page.url} has no ${language.lang} translation: write ${where}`,
        file: page.file,
        line: 1,
        column: 1,
      });
    }
  }
  const locales = used.map((l) => l.code);
  for (const exercise of exercises.values()) {
    for (const where of untranslatedTexts(exercise.exercise.spec, locales)) {
      found.push({
        severity: "warning",
        rule: "exercise-translation",
        message: `exercise "${exercise.id}": ${where} is written in one language only; write it as { ${locales.map((l) => `${l}: …`).join(", ")} }`,
        file: exercise.file,
        line: exercise.line,
        column: exercise.column,
      });
    }
  }
  return found;
}

/** The text fields of a spec that are a plain string rather than one text per language. */
function untranslatedTexts(spec: unknown, locales: readonly string[]): string[] {
  const found: string[] = [];
  const TEXT_FIELDS = new Set(["title", "prompt", "hints", "solution", "message", "noun", "options"]);
  const visit = (value: unknown, at: string, isText: boolean): void => {
    if (isText && typeof value === "string") {
      found.push(at);
      return;
    }
    if (isText && value && typeof value === "object" && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      if (locales.every((l) => typeof record[l] === "string")) return;
      if (locales.some((l) => typeof record[l] === "string")) {
        found.push(at);
        return;
      }
    }
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${at}[${i}]`, isText);
    } else if (value && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "tests" || key === "params") continue;
        visit(v, at === "" ? key : `${at}.${key}`, isText || TEXT_FIELDS.has(key));
      }
    }
  };
  visit(spec, "", false);
  return found;
}
