"use client";

import { useEffect, useState } from "react";

/** `2026-11-29T21:36:00.000Z` → "2026-11-29 21:36 UTC": what the server can say without knowing the reader's zone. */
export function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const local = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short" });

/**
 * A moment, in the reader's own time zone once the page runs in the browser (the server renders
 * it in UTC, which is what a page without JavaScript shows).
 */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => utcText(iso));
  useEffect(() => setText(local.format(new Date(iso))), [iso]);
  return <time dateTime={iso}>{text}</time>;
}
