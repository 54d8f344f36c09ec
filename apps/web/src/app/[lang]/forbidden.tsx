import type { Metadata } from "next";
import Link from "next/link";
import { Localized } from "@/components/localized";
import { type Locale, localePath, uiText } from "@/lib/i18n";

export const metadata: Metadata = { title: `${uiText("zh").forbiddenTitle} · ${uiText("en").forbiddenTitle}` };

/** 403: a signed-in user asked for a page their role does not open (the instructor view). */
export default function Forbidden() {
  const body = (locale: Locale) => {
    const text = uiText(locale);
    return (
      <main id="main-content" className="not-found" tabIndex={-1}>
        <h1>{text.forbiddenHeading}</h1>
        <p>{text.forbiddenText}</p>
        <p>
          {text.forbiddenHowBefore}
          <code>{text.forbiddenCommand}</code>
          {text.forbiddenHowAfter}
        </p>
        <p>
          <Link href={localePath(locale, "/")}>{text.backToCourse}</Link>
        </p>
      </main>
    );
  };
  return <Localized zh={body("zh")} en={body("en")} />;
}
