import "./lesson-view.css";
import { type Page, type Site, splitAtSlots } from "@llm-basics/content";
import { progressLessons } from "@llm-basics/progress/outline";
import { env } from "@/env";
import { keepMarkup } from "@/lib/course/markup-registry";
import { pageUpdatedOn } from "@/lib/course/page-dates";
import { coursePagesIn, progressPageOf } from "@/lib/course/site";
import { copyText, type Locale, type UiText, uiText } from "@/lib/i18n";
import { AuthorDiagnostics } from "./author-diagnostics";
import { CopyButtons } from "./copy-buttons";
import { CourseNavList } from "./course-nav";
import { ExerciseBlock } from "./exercise-block";
import { LessonVisit } from "./lesson-visit";
import { Pager } from "./pager";
import { PrintButton } from "./print-button";
import { StaticHtml } from "./static-html";
import { TableOfContents } from "./table-of-contents";
import { WidgetIsland } from "./widget-island";

/** A page of the course: navigation, the rendered Markdown with its exercises, its table of contents, prev/next. */
export function LessonView({ site, page, locale }: { site: Site; page: Page; locale: Locale }) {
  const pages = coursePagesIn(site, locale);
  const index = pages.indexOf(page);
  const text = uiText(locale);
  // Progress belongs to the lesson, whichever language it is read in.
  const progressPage = progressPageOf(site, page);
  return (
    <div className="page-grid">
      <nav className="course-nav" aria-label={text.courseContents}>
        <h2 className="course-nav-heading">{text.courseContents}</h2>
        <CourseNavList pages={pages} currentUrl={page.url} draftLabel={text.draft} />
      </nav>
      <details className="course-nav-compact">
        <summary>{text.courseContents}</summary>
        <CourseNavList pages={pages} currentUrl={page.url} draftLabel={text.draft} />
      </details>
      <main id="main-content" className="page-main" tabIndex={-1}>
        {env.isDev ? (
          <AuthorDiagnostics diagnostics={site.diagnostics.filter((d) => d.file === page.file)} locale={locale} />
        ) : null}
        <article className="prose" lang={page.lang}>
          {page.hasTitleHeading ? null : (
            <>
              <h1>{page.title}</h1>
              <LessonMeta page={page} text={text} />
            </>
          )}
          {splitAtSlots(page.html).map((segment, i) => {
            if (typeof segment !== "string" && "widget" in segment) {
              const key = `${page.url}#widget-${i}`;
              return <WidgetIsland key={key} name={segment.widget} params={segment.params} locale={locale} />;
            }
            if (typeof segment !== "string") {
              return <ExerciseBlock key={segment.exercise} id={segment.exercise} site={site} page={page} />;
            }
            if (segment.trim() === "") return null;
            // The markup travels in the document only (see StaticHtml); the development server
            // sends it along, so an edited lesson shows on refresh.
            const key = `${page.url}#${i}`;
            if (env.isDev) return <StaticHtml key={key} markupKey={key} html={segment} />;
            keepMarkup(key, segment);
            return <StaticHtml key={key} markupKey={key} />;
          })}
        </article>
        <CopyButtons text={copyText(text)} />
        <Pager previous={pages[index - 1]} next={pages[index + 1]} text={text} />
        {progressPage && progressLessons(site).includes(progressPage) ? <LessonVisit path={progressPage.url} /> : null}
      </main>
      <aside className="page-aside">
        <TableOfContents entries={page.toc} title={text.onThisPage} />
      </aside>
    </div>
  );
}

/** Under a lesson's title: how long it takes to read, and when it was last updated. */
function LessonMeta({ page, text }: { page: Page; text: UiText }) {
  const updated = pageUpdatedOn(page);
  return (
    <p className="lesson-meta">
      <span>{text.readingTime(page.readingMinutes)}</span>
      {updated ? (
        <span>
          {text.updated} <time dateTime={updated}>{updated.slice(0, 10)}</time>
        </span>
      ) : null}
      <PrintButton label={text.print} preparing={text.printPreparing} />
    </p>
  );
}
