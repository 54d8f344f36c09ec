/**
 * Text for XML content or a quoted attribute value: the five characters XML gives meaning to
 * become entities; everything else, CJK included, is kept as it is (the documents are UTF-8).
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates) are dropped.
 *
 * `escapeXml('Q&A <b> "注意力"')` → `"Q&amp;A &lt;b&gt; &quot;注意力&quot;"`
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
