"use client";

import { type RefObject, useEffect, useState } from "react";

/**
 * The width of the element's content box, within [min, max] (480 until measured): a widget's
 * picture follows its box, so its 12 px text stays 12 px on a phone.
 */
export function useBoxWidth(box: RefObject<Element | null>, min: number, max: number): number {
  const [width, setWidth] = useState(480);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver !== "function") return;
    const observer = new ResizeObserver(([entry]) => {
      setWidth(Math.max(min, Math.min(max, Math.round(entry?.contentRect.width ?? 480))));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [box, min, max]);
  return width;
}
