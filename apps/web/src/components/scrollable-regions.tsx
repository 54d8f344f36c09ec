"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

const SCROLLERS = ".prose .math-display, .prose pre, .prose table";

/**
 * A wide formula, code block or table scrolls sideways on a narrow screen. Keyboard users
 * can scroll it only if it can take focus, so each one that overflows gets `tabindex=0`
 * (and loses it again when it fits).
 */
export function ScrollableRegions() {
  const pathname = usePathname();
  useEffect(() => {
    void pathname;
    const update = (): void => {
      for (const element of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
        if (element.scrollWidth > element.clientWidth + 1) element.tabIndex = 0;
        else element.removeAttribute("tabindex");
      }
    };
    update();
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, [pathname]);
  return null;
}
