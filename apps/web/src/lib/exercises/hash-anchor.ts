// A lesson opened at a heading (`/attention/#小结`) is scrolled there as it loads; the exercises
// above that heading then grow as the learner's variants arrive, and would push it off the
// screen. Until the reader scrolls, clicks or types, each growth puts the heading back.

let readerMoved = false;
if (typeof window !== "undefined") {
  // A reload (or back/forward) restores where the reader was, which is not the heading.
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (navigation && navigation.type !== "navigate") readerMoved = true;
  const moved = (): void => {
    readerMoved = true;
  };
  for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(type, moved, { capture: true, passive: true, once: true });
  }
}

/** Scrolls the URL's #target back to the top of the screen, unless the reader has moved since the page opened. */
export function keepHashTargetInView(): void {
  if (readerMoved || window.location.hash.length < 2) return;
  let id: string;
  try {
    id = decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return;
  }
  document.getElementById(id)?.scrollIntoView();
}
