import type { Site } from "@llm-basics/content";
import { languageOf, translationLinks } from "@/lib/course/site";
import { LOCALES, type Locale, uiText } from "@/lib/i18n";
import { LanguageSwitcherLink } from "./language-switcher-link";

/** The header's link to the same page in the other language (or to its home, saying so). */
export function LanguageSwitcher({ site, locale }: { site: Site; locale: Locale }) {
  const other = LOCALES.find((l) => l !== locale) as Locale;
  const target = languageOf(site, other);
  if (target.code !== other) return null;
  return (
    <LanguageSwitcherLink
      locale={locale}
      other={other}
      otherLang={target.lang}
      label={uiText(locale).switchTo}
      navLabel={uiText(locale).languageSwitcher}
      missingNote={uiText(locale).noTranslation}
      pages={translationLinks(site, locale, other)}
    />
  );
}
