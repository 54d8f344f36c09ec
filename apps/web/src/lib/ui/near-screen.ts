"use client";

import { type RefObject, useEffect, useState } from "react";

/**
 * True once the element comes within a screen and a half of the screen (or at once, where
 * IntersectionObserver is missing): exercises and widgets load their code and data only then,
 * so a lesson opens without the work of the parts its reader has not reached, and a reader
 * scrolling down finds each ready. A short lesson's first parts are that close from the start.
 */
export function useNearScreen(target: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
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
