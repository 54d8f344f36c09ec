import type { Page } from "@llm-basics/content";
import Link from "next/link";

/** Previous and next page in course order. */
export function Pager({ previous, next }: { previous: Page | undefined; next: Page | undefined }) {
  if (!previous && !next) return null;
  return (
    <nav className="pager" aria-label="上一页和下一页">
      {previous ? (
        <Link href={previous.url} rel="prev" className="pager-previous">
          <span className="pager-label">← 上一页</span>
          <span className="pager-title">{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.url} rel="next" className="pager-next">
          <span className="pager-label">下一页 →</span>
          <span className="pager-title">{next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
