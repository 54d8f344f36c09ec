import "./pager.css";
import type { Page } from "@llm-basics/content";
import type { UiText } from "@/lib/i18n";

/** Previous and next page in course order. */
export function Pager({ previous, next, text }: { previous: Page | undefined; next: Page | undefined; text: UiText }) {
  if (!previous && !next) return null;
  return (
    <nav className="pager" aria-label={text.pagerLabel}>
      {previous ? (
        <a href={previous.url} rel="prev" className="pager-previous">
          <span className="pager-label">{text.previous}</span>
          <span className="pager-title">{previous.title}</span>
        </a>
      ) : (
        <span />
      )}
      {next ? (
        <a href={next.url} rel="next" className="pager-next">
          <span className="pager-label">{text.next}</span>
          <span className="pager-title">{next.title}</span>
        </a>
      ) : null}
    </nav>
  );
}
