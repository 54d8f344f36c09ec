"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

const SCROLLERS = ".prose .math-display, .prose pre, .prose table";

/**
 * A wide formula, code block or table scrolls sideways on a narrow screen. Keyboard users
 * can scroll it only if it can take focus, so each one that overflows gets `tabindex=0`
 * (and loses it again when it fits). Widths change with the window and when web fonts
 * arrive: KaTeX's fonts often land after the page's code has run, and a formula that fit
 * in a fallback font can overflow in KaTeX's own. And the page's content grows after it loads:
 * each exercise's prompt arrives from the server, hints and solutions after answers.
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
    const added = new MutationObserver(updateNextFrame);
    const main = document.getElementById("main-content");
    if (main) added.observe(main, { childList: true, subtree: true });
    window.addEventListener("resize", update);
    document.fonts.addEventListener("loadingdone", updateNextFrame);
    void document.fonts.ready.then(updateNextFrame);
    return () => {
      active = false;
      cancelAnimationFrame(frame);
      added.disconnect();
      window.removeEventListener("resize", update);
      document.fonts.removeEventListener("loadingdone", updateNextFrame);
    };
  }, [pathname]);
  return null;
}
