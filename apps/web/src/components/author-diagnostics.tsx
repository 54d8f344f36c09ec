import { type Diagnostic, formatDiagnostic } from "@llm-basics/content";

/** Development only: the problems in the page's file, where its author is looking. */
export function AuthorDiagnostics({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <section className="author-diagnostics" role="alert" aria-label="内容检查">
      <p>
        This page has {diagnostics.length} content problem{diagnostics.length === 1 ? "" : "s"} (shown in development
        only; a production build refuses errors):
      </p>
      <ul>
        {diagnostics.map((d) => (
          <li key={`${d.line}:${d.column}:${d.rule}:${d.message}`} className={`diagnostic-${d.severity}`}>
            <code>{formatDiagnostic(d, "content/")}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
