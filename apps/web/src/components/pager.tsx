import "./pager.css";
import type { Page } from "@llm-basics/content";
import Link from "next/link";
import type { UiText } from "@/lib/i18n";

/** Previous and next page in course order. */
export function Pager({ previous, next, text }: { previous: Page | undefined; next: Page | undefined; text: UiText }) {
  if (!previous && !next) return null;
  return (
    <nav className="pager" aria-label={text.pagerLabel}>
      {previous ? (
        <Link href={previous.url} rel="prev" className="pager-previous">
          <span className="pager-label">{text.previous}</span>
          <span className="pager-title">{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.url} rel="next" className="pager-next">
          <span className="pager-label">{text.next}</span>
          <span className="pager-title">{next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
