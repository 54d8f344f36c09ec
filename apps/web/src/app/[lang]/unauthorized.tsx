import type { Metadata } from "next";
import Link from "next/link";
import { Localized } from "@/components/localized";
import { type Locale, localePath, uiText } from "@/lib/i18n";

export const metadata: Metadata = { title: `${uiText("zh").unauthorizedTitle} · ${uiText("en").unauthorizedTitle}` };

/** 401: an instructor's action was called without a signed-in account. */
export default function Unauthorized() {
  const body = (locale: Locale) => {
    const text = uiText(locale);
    return (
      <main id="main-content" className="not-found" tabIndex={-1}>
        <h1>{text.unauthorizedHeading}</h1>
        <p>{text.unauthorizedText}</p>
        <p>
          <Link href={`${localePath(locale, "/signin/")}?next=${localePath(locale, "/instructor/")}`}>
            {text.signInLink}
          </Link>
          {" · "}
          <Link href={localePath(locale, "/")}>{text.backToCourse}</Link>
        </p>
      </main>
    );
  };
  return <Localized zh={body("zh")} en={body("en")} />;
}
