// KaTeX's style sheet, its fonts cut to the course's characters (scripts/katex-fonts.mts).
import "@/generated/katex-fonts/katex.css";
import "highlight.js/styles/github.css";
import "../globals.css";
import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AccountMenu } from "@/components/account-menu";
import { ContentReloader } from "@/components/content-reloader";
import { LanguageSwitcher } from "@/components/language-switcher";
import { ProgressIndicator } from "@/components/progress-indicator";
import { ScrollableRegions } from "@/components/scrollable-regions";
import { SearchButton } from "@/components/search-button";
import { ThemeSwitch } from "@/components/theme-switch";
import { env } from "@/env";
import { getSite, languageOf } from "@/lib/course/site";
import { manifestPath } from "@/lib/discovery/manifest";
import { siteBaseUrl } from "@/lib/discovery/site-base";
import { LOCALES, localeParam, localePath, searchText, uiText } from "@/lib/i18n";
import { THEME_SCRIPT } from "@/lib/ui/theme";

type Params = { lang: string };

export function generateStaticParams(): Params[] {
  return LOCALES.map((lang) => ({ lang }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const locale = localeParam((await params).lang) ?? "zh";
  const site = await getSite();
  const language = languageOf(site, locale);
  const base = siteBaseUrl(site);
  return {
    title: { default: language.title, template: `%s · ${language.title}` },
    description: site.homeIn(locale)?.description ?? uiText(locale).siteDescription,
    // Links in the head (canonical, language versions, the feed) absolute under the base URL; without
    // one they stay relative (lib/discovery/page-metadata.ts).
    metadataBase: base ? new URL(base.origin) : null,
    manifest: manifestPath(language.root),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Every page, in one language: `/…` Chinese (next.config.ts rewrites it to `/zh/…`), `/en/…` English. */
export default async function RootLayout({ children, params }: { children: ReactNode; params: Promise<Params> }) {
  const locale = localeParam((await params).lang);
  if (!locale) notFound();
  const site = await getSite();
  const text = uiText(locale);
  const title = languageOf(site, locale).title;
  return (
    // `no-js` becomes `js` before the first paint when scripts run (what CSS shows either way);
    // React leaves the class as the script set it.
    <html lang={languageOf(site, locale).lang} className="no-js" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of our own (lib/ui/theme.ts) */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <a className="skip-link" href="#main-content">
          {text.skipToContent}
        </a>
        <header className="site-header">
          <a href={localePath(locale, "/")} className="site-title">
            {title}
          </a>
          <SearchButton locale={locale} text={searchText(text)} />
          <ProgressIndicator locale={locale} />
          <AccountMenu locale={locale} />
          <ThemeSwitch label={text.darkMode} />
          <LanguageSwitcher site={site} locale={locale} />
        </header>
        {children}
        <footer className="site-footer">
          <p>
            {title} · {text.siteTagline}
          </p>
        </footer>
        <ScrollableRegions />
        {env.isDev ? <ContentReloader /> : null}
      </body>
    </html>
  );
}
