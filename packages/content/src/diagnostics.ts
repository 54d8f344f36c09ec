/** How bad a problem is: an `error` fails `content:check` and the production build. */
export type Severity = "error" | "warning";

/**
 * One problem found in a content file, located for its author.
 * Lines and columns are 1-based; columns count UTF-16 code units, as editors do
 * (one per CJK character).
 */
export interface Diagnostic {
  severity: Severity;
  /** Stable id of the check, e.g. `ref-not-found`, `math-parse`. */
  rule: string;
  message: string;
  /** Path relative to the content directory, with `/` separators. */
  file: string;
  line: number;
  column: number;
}

/** A 1-based line and column. */
export interface SourcePoint {
  line: number;
  column: number;
}

/**
 * Maps offsets in a text to lines and columns.
 * `locate("a\nb", 2) → { line: 2, column: 1 }`
 */
export function createLocator(text: string): (offset: number) => SourcePoint {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  }
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
}

/** `content/a.md:3:7 error [ref-not-found] …`, the format `content:check` prints. */
export function formatDiagnostic(d: Diagnostic, prefix = ""): string {
  return `${prefix}${d.file}:${d.line}:${d.column} ${d.severity} [${d.rule}] ${d.message}`;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * Drops a leading UTF-8 byte order mark. Editors do not count it as a column, and Markdown
 * parsers skip it, so positions agree only once it is gone.
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
