import { type Page, type Site, splitAtExercises } from "@llm-basics/content";
import { env } from "@/env";
import { progressLessons } from "@/lib/course-outline";
import { coursePages } from "@/lib/site";
import { AuthorDiagnostics } from "./author-diagnostics";
import { CourseNavList } from "./course-nav";
import { ExerciseBlock } from "./exercise-block";
import { LessonVisit } from "./lesson-visit";
import { Pager } from "./pager";
import { TableOfContents } from "./table-of-contents";

/** A page of the course: navigation, the rendered Markdown with its exercises, its table of contents, prev/next. */
export function LessonView({ site, page }: { site: Site; page: Page }) {
  const pages = coursePages(site);
  const index = pages.indexOf(page);
  return (
    <div className="page-grid">
      <nav className="course-nav" aria-label="课程目录">
        <h2 className="course-nav-heading">课程目录</h2>
        <CourseNavList pages={pages} currentUrl={page.url} />
      </nav>
      <details className="course-nav-compact">
        <summary>课程目录</summary>
        <CourseNavList pages={pages} currentUrl={page.url} />
      </details>
      <main id="main-content" className="page-main" tabIndex={-1}>
        {env.isDev ? <AuthorDiagnostics diagnostics={site.diagnostics.filter((d) => d.file === page.file)} /> : null}
        <article className="prose" lang={page.lang}>
          {page.hasTitleHeading ? null : <h1>{page.title}</h1>}
          {splitAtExercises(page.html).map((segment, i) =>
            typeof segment === "string" ? (
              // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by @llm-basics/content (rehype-sanitize) before KaTeX output is added
              // biome-ignore lint/suspicious/noArrayIndexKey: the page's segments, in their fixed order
              <div key={i} dangerouslySetInnerHTML={{ __html: segment }} />
            ) : (
              // Only exercises read the learner's cookies: a page without one stays static.
              <ExerciseBlock key={segment.exercise} id={segment.exercise} site={site} page={page} />
            ),
          )}
        </article>
        <Pager previous={pages[index - 1]} next={pages[index + 1]} />
        {progressLessons(site).includes(page) ? <LessonVisit path={page.url} /> : null}
      </main>
      <aside className="page-aside">
        <TableOfContents entries={page.toc} />
      </aside>
    </div>
  );
}
