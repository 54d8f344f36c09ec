"use client";

import "./language-switcher-link.css";
import { usePathname } from "next/navigation";
import { type Locale, localePath, pathWithoutLocale, publicPath } from "@/lib/i18n";

/**
 * The switcher's link. A lesson goes to its translation; an app page (progress, sign-in, the
 * instructor view) to the same page in the other language; a lesson without a translation to
 * the other language's home, with a note that says so.
 */
export function LanguageSwitcherLink(props: {
  locale: Locale;
  other: Locale;
  otherLang: string;
  label: string;
  navLabel: string;
  missingNote: string;
  pages: Record<string, { url: string; exact: boolean }>;
}) {
  const pathname = publicPath(usePathname() ?? "/");
  const withSlash = pathname.endsWith("/") ? pathname : `${pathname}/`;
  const page = props.pages[withSlash];
  const target = page ?? { url: localePath(props.other, pathWithoutLocale(withSlash)), exact: true };
  return (
    <nav className="language-switcher" aria-label={props.navLabel}>
      <a
        href={target.url}
        hrefLang={props.otherLang}
        lang={props.otherLang}
        data-exact={target.exact ? "true" : "false"}
        title={target.exact ? undefined : props.missingNote}
      >
        {props.label}
      </a>
      {target.exact ? null : <span className="sr-only"> {props.missingNote}</span>}
    </nav>
  );
}
