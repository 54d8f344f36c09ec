import "./course-nav.css";
import type { Page } from "@llm-basics/content";
import Link from "next/link";

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
          {/* Not prefetched: every lesson with exercises is rendered per learner, and a list of
              ten would have the server render ten pages for each page viewed. */}
          <Link href={page.url} prefetch={false} aria-current={page.url === currentUrl ? "page" : undefined}>
            {page.title}
            {page.draft ? <span className="draft-badge">{draftLabel}</span> : null}
          </Link>
        </li>
      ))}
    </ol>
  );
}
