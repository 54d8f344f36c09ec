"use client";

import { useEffect, useRef } from "react";
import { keptMarkup } from "@/lib/course/markup-registry";

/**
 * Server-rendered HTML that travels once: in the document, not again in the RSC payload. On
 * the server the markup comes from lib/course/markup-registry.ts under `markupKey`; in the
 * browser the first render reuses what is already in the page (React leaves the inner HTML of
 * a hydrated element alone), so the payload carries only the key. `html`, when given, is used
 * instead (the development server passes it, so an edited lesson shows on refresh).
 *
 * A lesson reached without loading its document (a client-side navigation) has no markup to
 * reuse: the element then fetches the page once and takes its own part of it.
 */
export function StaticHtml({ markupKey, html }: { markupKey: string; html?: string }) {
  const element = useRef<HTMLDivElement>(null);
  let markup = html ?? "";
  if (html === undefined && typeof window === "undefined") {
    const kept = keptMarkup(markupKey);
    if (kept === undefined) throw new Error(`StaticHtml: no markup kept under ${markupKey}`);
    markup = kept;
  }
  useEffect(() => {
    const div = element.current;
    if (html !== undefined || !div || div.childNodes.length > 0) return;
    const controller = new AbortController();
    fetch(window.location.href, { signal: controller.signal })
      .then((response) => response.text())
      .then((text) => {
        const page = new DOMParser().parseFromString(text, "text/html");
        const same = page.querySelector(`[data-markup-key="${CSS.escape(markupKey)}"]`);
        if (same) div.innerHTML = same.innerHTML;
      })
      .catch(() => {
        // Left empty: the learner can reload the page.
      });
    return () => controller.abort();
  }, [html, markupKey]);
  return (
    <div
      ref={element}
      data-markup-key={markupKey}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by @llm-basics/content (rehype-sanitize) before KaTeX output is added
      dangerouslySetInnerHTML={{ __html: markup }}
      suppressHydrationWarning
    />
  );
}
