"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

const SCROLLERS = ".prose .math-display, .prose pre, .prose table";

/**
 * A wide formula, code block or table scrolls sideways on a narrow screen. Keyboard users
 * can scroll it only if it can take focus, so each one that overflows gets `tabindex=0`
 * (and loses it again when it fits). Widths change with the window and when web fonts
 * arrive: KaTeX's fonts often land after the page's code has run, and a formula that fit
 * in a fallback font can overflow in KaTeX's own.
 */
export function ScrollableRegions() {
  const pathname = usePathname();
  useEffect(() => {
    void pathname;
    let active = true;
    const update = (): void => {
      if (!active) return;
      for (const element of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
        if (element.scrollWidth > element.clientWidth + 1) element.tabIndex = 0;
        else element.removeAttribute("tabindex");
      }
    };
    // A font that has just loaded changes the layout only from the next frame on.
    let frame = 0;
    const updateNextFrame = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("resize", update);
    document.fonts.addEventListener("loadingdone", updateNextFrame);
    void document.fonts.ready.then(updateNextFrame);
    return () => {
      active = false;
      cancelAnimationFrame(frame);
      window.removeEventListener("resize", update);
      document.fonts.removeEventListener("loadingdone", updateNextFrame);
    };
  }, [pathname]);
  return null;
}
