"use client";

import { useEffect } from "react";
import { whenIdle } from "@/lib/ui/idle";

/** How far below the top of the window a heading counts as the one being read (px). */
const READING_LINE = 96;

/**
 * Marks the table of contents' link to the section being read (`aria-current="location"`): the
 * last heading that has passed the reading line near the top of the window. Looked at once a
 * frame while the page scrolls (its layout is then up to date, so asking where the headings are
 * costs little), and first when the browser is idle: not while the lesson is being shown, when
 * asking would make the browser lay the whole lesson out early. (An IntersectionObserver cannot
 * do it alone: a jump to a far heading crosses no line it watches.)
 */
export function TocHighlight({ ids }: { ids: readonly string[] }) {
  useEffect(() => {
    const links = new Map<string, HTMLAnchorElement>();
    for (const link of document.querySelectorAll<HTMLAnchorElement>(".toc a[href^='#']")) {
      links.set(decodeURIComponent(link.hash.slice(1)), link);
    }
    let current: HTMLAnchorElement | undefined;
    let frame = 0;
    const update = () => {
      frame = 0;
      let reading: string | undefined;
      for (const id of ids) {
        const heading = document.getElementById(id);
        if (!heading) continue;
        if (heading.getBoundingClientRect().top > READING_LINE) break;
        reading = id;
      }
      const link = reading === undefined ? undefined : links.get(reading);
      if (link === current) return;
      current?.removeAttribute("aria-current");
      link?.setAttribute("aria-current", "location");
      current = link;
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    const cancelIdle = whenIdle(update, { timeout: 2000 });
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    window.addEventListener("hashchange", schedule);
    return () => {
      cancelIdle();
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      window.removeEventListener("hashchange", schedule);
      if (frame !== 0) cancelAnimationFrame(frame);
      current?.removeAttribute("aria-current");
    };
  }, [ids]);
  return null;
}
