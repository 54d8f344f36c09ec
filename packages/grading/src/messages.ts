/** The languages learners read feedback in. */
export type Locale = "zh" | "en";

/** A learner-facing text in every supported language. */
export interface Localized {
  zh: string;
  en: string;
}

/** The text in one language. */
export function inLocale(text: Localized, locale: Locale): string {
  return text[locale];
}

/** A learner-facing text built from both languages at once. */
export function both(zh: string, en: string): Localized {
  return { zh, en };
}
