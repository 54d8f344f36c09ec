"use client";

import "./progress-indicator.css";
import { type ProgressHeadline, type ProgressSummaryResponse, percent } from "@llm-basics/progress/summary";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { type Locale, localePath, pathWithoutLocale, uiText } from "@/lib/i18n";
import { onProgressChange } from "@/lib/progress/events";

/**
 * The header's "已完成 2/3 课" with a small bar, linking to /progress/. It asks the server after
 * the page has loaded (the layout stays static: it reads no cookie), again on every navigation
 * and whenever the page says progress changed. A visitor who has never answered sees nothing.
 */
export function ProgressIndicator({ locale }: { locale: Locale }) {
  const text = uiText(locale);
  const pathname = usePathname();
  const [headline, setHeadline] = useState<ProgressHeadline | null>(null);

  useEffect(() => {
    void pathname;
    // Answers are applied in the order they were asked: an older one arriving after a newer one
    // is dropped, but a newer ask that fails does not throw away an older good answer.
    let asked = 0;
    let applied = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const refresh = async (again: boolean): Promise<void> => {
      const ask = ++asked;
      try {
        const response = await fetch("/api/progress/summary", { cache: "no-store", signal: controller.signal });
        if (!response.ok) throw new Error(`progress summary: HTTP ${response.status}`);
        const body = (await response.json()) as ProgressSummaryResponse;
        if (ask > applied) {
          applied = ask;
          setHeadline(body.learner ? body : null);
        }
      } catch {
        // Navigating away: nothing to do. Offline, a dropped connection or a busy server: keep
        // what is shown, and ask once more a moment later.
        if (again && !controller.signal.aborted) retry = setTimeout(() => void refresh(false), 1500);
      }
    };
    void refresh(true);
    const stop = onProgressChange(() => void refresh(true));
    return () => {
      stop();
      controller.abort();
      clearTimeout(retry);
    };
  }, [pathname]);

  if (!headline || headline.lessonsTotal === 0) return null;
  const { lessonsCompleted: done, lessonsTotal: total } = headline;
  return (
    <Link
      href={localePath(locale, "/progress/")}
      className="progress-indicator"
      data-completed={done}
      data-total={total}
      aria-current={pathWithoutLocale(pathname).replace(/\/$/, "") === "/progress" ? "page" : undefined}
    >
      <span className="sr-only">{text.progressLabel}</span>
      <span className="progress-indicator-text">{text.progressHeadline(done, total)}</span>
      <span className="progress-indicator-bar" aria-hidden="true">
        <span style={{ width: percent(done / total) }} />
      </span>
    </Link>
  );
}
