import type { Metadata } from "next";
import Link from "next/link";
import { CourseNavList } from "@/components/course-nav";
import { Localized } from "@/components/localized";
import { coursePagesIn, getSite } from "@/lib/course/site";
import { type Locale, localePath, uiText } from "@/lib/i18n";

export const metadata: Metadata = { title: `${uiText("zh").notFoundTitle} · ${uiText("en").notFoundTitle}` };

/** The 404 page, in the language of the address asked for: says so plainly and offers the course. */
export default async function NotFound() {
  const site = await getSite();
  const body = (locale: Locale) => {
    const text = uiText(locale);
    return (
      <main id="main-content" className="not-found" tabIndex={-1}>
        <h1>{text.notFoundHeading}</h1>
        <p>{text.notFoundText}</p>
        <p>
          <Link href={localePath(locale, "/")}>{text.backHome}</Link>
          {text.orChoose}
        </p>
        <CourseNavList pages={coursePagesIn(site, locale)} currentUrl="" draftLabel={text.draft} />
      </main>
    );
  };
  return <Localized zh={body("zh")} en={body("en")} />;
}
