"use client";

import "./progress-indicator.css";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { type Locale, localePath, pathWithoutLocale, uiText } from "@/lib/i18n";
import { onProgressChange } from "@/lib/progress-events";
import { type ProgressHeadline, type ProgressSummaryResponse, percent } from "@/lib/progress-summary";

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
    let latest = 0;
    const controller = new AbortController();
    const refresh = async (): Promise<void> => {
      const asked = ++latest;
      try {
        const response = await fetch("/api/progress/summary", { cache: "no-store", signal: controller.signal });
        if (!response.ok) return;
        const body = (await response.json()) as ProgressSummaryResponse;
        // An older answer arriving after a newer one is dropped.
        if (asked === latest) setHeadline(body.learner ? body : null);
      } catch {
        // Offline or navigating away: keep what is shown.
      }
    };
    void refresh();
    const stop = onProgressChange(() => void refresh());
    return () => {
      stop();
      controller.abort();
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
