"use client";

import { type RefObject, useEffect, useState } from "react";

/** Dispatched on window to load every exercise and widget of the page at once (before printing). */
export const LOAD_EVERYTHING_EVENT = "llm-basics:load-everything";

/**
 * True once the element comes within a screen and a half of the screen (or at once, where
 * IntersectionObserver is missing): exercises and widgets load their code and data only then,
 * so a lesson opens without the work of the parts its reader has not reached, and a reader
 * scrolling down finds each ready. A short lesson's first parts are that close from the start.
 */
export function useNearScreen(target: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  // Printing wants every part of the lesson, near the screen or not.
  useEffect(() => {
    const all = () => setNear(true);
    window.addEventListener(LOAD_EVERYTHING_EVENT, all);
    return () => window.removeEventListener(LOAD_EVERYTHING_EVENT, all);
  }, []);
  useEffect(() => {
    const element = target.current;
    if (!element || typeof IntersectionObserver !== "function") {
      setNear(true);
      return;
    }
    const approach = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        setNear(true);
        approach.disconnect();
      },
      { rootMargin: "150% 0px" },
    );
    approach.observe(element);
    return () => approach.disconnect();
  }, [target]);
  return near;
}
