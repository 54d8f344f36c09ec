"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

const SCROLLERS = ".prose .math-display, .prose pre, .prose table";

/**
 * A wide formula, code block or table scrolls sideways on a narrow screen. Keyboard users
 * can scroll it only if it can take focus, so each one that overflows gets `tabindex=0`
 * (and loses it again when it fits). Widths change with the window and when web fonts
 * arrive (KaTeX's fonts often land after the page's code has run, and a formula that fit in a
 * fallback font can overflow in KaTeX's own), and the page grows after it loads: each
 * exercise's prompt arrives from the server, hints and solutions after answers.
 *
 * Each region is watched with a ResizeObserver, whose callbacks run once the browser has laid
 * the page out anyway: measuring there costs no layout of its own (asking every region's
 * width at once would lay out the whole lesson again, hundreds of milliseconds on a phone).
 */
export function ScrollableRegions() {
  const pathname = usePathname();
  useEffect(() => {
    void pathname;
    const resized = new ResizeObserver((entries) => {
      for (const { target } of entries) {
        if (!(target instanceof HTMLElement)) continue;
        if (target.scrollWidth > target.clientWidth + 1) target.tabIndex = 0;
        else target.removeAttribute("tabindex");
      }
    });
    const watched = new WeakSet<Element>();
    const watchAll = (): void => {
      for (const element of document.querySelectorAll(SCROLLERS)) {
        if (watched.has(element)) continue;
        watched.add(element);
        resized.observe(element);
      }
    };
    watchAll();
    // A region's own size does not change when only its content's width does (a font arriving):
    // look again once the fonts are in.
    const fontsLoaded = (): void => {
      for (const element of document.querySelectorAll(SCROLLERS)) {
        resized.unobserve(element);
        resized.observe(element);
      }
    };
    const added = new MutationObserver(watchAll);
    const main = document.getElementById("main-content");
    if (main) added.observe(main, { childList: true, subtree: true });
    document.fonts.addEventListener("loadingdone", fontsLoaded);
    return () => {
      resized.disconnect();
      added.disconnect();
      document.fonts.removeEventListener("loadingdone", fontsLoaded);
    };
  }, [pathname]);
  return null;
}
