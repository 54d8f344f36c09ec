import "./course-nav.css";
import type { Page } from "@llm-basics/content";

/** The course's pages in order, the current one marked. */
export function CourseNavList({
  pages,
  currentUrl,
  draftLabel,
}: {
  pages: readonly Page[];
  currentUrl: string;
  draftLabel: string;
}) {
  return (
    <ol className="course-nav-list">
      {pages.map((page) => (
        <li key={page.url}>
          {/* A plain link: a lesson is a cacheable document whose markup is not in its RSC
              payload (components/static-html.tsx), so it is loaded whole, never prefetched. */}
          <a href={page.url} aria-current={page.url === currentUrl ? "page" : undefined}>
            {page.title}
            {page.draft ? <span className="draft-badge">{draftLabel}</span> : null}
          </a>
        </li>
      ))}
    </ol>
  );
}
