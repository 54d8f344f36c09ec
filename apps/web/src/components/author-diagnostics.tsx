import "./author-diagnostics.css";
import { type Diagnostic, formatDiagnostic } from "@llm-basics/content";
import type { Locale } from "@/lib/i18n";

const words = {
  zh: {
    label: "内容检查",
    lead: (n: number) => `本页有 ${n} 个内容问题（只在开发时显示；生产构建遇到错误会失败）：`,
  },
  en: {
    label: "Content check",
    lead: (n: number) =>
      `This page has ${n} content problem${n === 1 ? "" : "s"} (shown in development only; a production build refuses errors):`,
  },
} satisfies Record<Locale, unknown>;

/** Development only: the problems in the page's file, where its author is looking, in the page's language. */
export function AuthorDiagnostics({ diagnostics, locale }: { diagnostics: readonly Diagnostic[]; locale: Locale }) {
  if (diagnostics.length === 0) return null;
  const t = words[locale];
  return (
    <section className="author-diagnostics" role="alert" aria-label={t.label}>
      <p>{t.lead(diagnostics.length)}</p>
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
