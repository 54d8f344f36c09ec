import "./course-nav.css";
import "./table-of-contents.css";
import type { TocEntry } from "@llm-basics/content";
import { TocHighlight } from "./toc-highlight";

/** Links to a page's level-2 and level-3 headings, the one being read marked as the learner scrolls. */
export function TableOfContents({ entries, title }: { entries: readonly TocEntry[]; title: string }) {
  if (entries.length === 0) return null;
  return (
    <nav className="toc" aria-labelledby="page-toc-heading">
      <h2 id="page-toc-heading">{title}</h2>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id} className={`toc-depth-${entry.depth}`}>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the heading's own sanitized HTML (formulas rendered) */}
            <a href={`#${entry.id}`} dangerouslySetInnerHTML={{ __html: entry.html }} />
          </li>
        ))}
      </ol>
      <TocHighlight ids={entries.map((entry) => entry.id)} />
    </nav>
  );
}
