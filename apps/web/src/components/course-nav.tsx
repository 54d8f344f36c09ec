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
          <Link href={page.url} aria-current={page.url === currentUrl ? "page" : undefined}>
            {page.title}
            {page.draft ? <span className="draft-badge">{draftLabel}</span> : null}
          </Link>
        </li>
      ))}
    </ol>
  );
}
