"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { whenIdle } from "@/lib/ui/idle";

const SCROLLERS = ".prose .math-display, .prose pre, .prose table";
/** The lesson's blocks, which lesson-view.css may give `content-visibility: auto`. */
const BLOCKS = ".prose > [data-markup-key] > *, .prose > .exercise";

/**
 * Milliseconds of measuring per turn where the browser cannot say how long it will stay idle;
 * one region may take longer.
 */
const SLICE_MS = 4;

/**
 * Whether the browser has left the region's content unlaid-out: it is in, or is, a block away
 * from the screen (`content-visibility: auto`). Its width then says nothing of its content's.
 */
function skipped(region: HTMLElement): boolean {
  const probe = region.firstElementChild ?? region;
  return typeof probe.checkVisibility === "function" && !probe.checkVisibility({ contentVisibilityAuto: true });
}

/**
 * Whether the region's content is wider than the region. A region the browser has skipped is
 * laid out for the question (its block shown and hidden again within this task, so nothing is
 * painted): a formula takes a few milliseconds.
 */
function overflows(region: HTMLElement): boolean {
  const wide = (): boolean => region.scrollWidth > region.clientWidth + 1;
  const block = skipped(region) ? region.closest<HTMLElement>(BLOCKS) : null;
  if (!block) return wide();
  const before = block.style.contentVisibility;
  block.style.contentVisibility = "visible";
  try {
    return wide();
  } finally {
    block.style.contentVisibility = before;
  }
}

/**
 * A wide formula, code block or table scrolls sideways on a narrow screen. Keyboard users
 * can scroll it only if it can take focus, so each one that overflows gets `tabindex=0`
 * (and loses it again when it fits). Widths change with the window and when web fonts
 * arrive (KaTeX's fonts often land after the page's code has run, and a formula that fit in a
 * fallback font can overflow in KaTeX's own), and the page grows after it loads: each
 * exercise's prompt arrives from the server, hints and solutions after answers.
 *
 * Most of a long lesson is not laid out until it comes near the screen (`content-visibility:
 * auto` in lesson-view.css), so there are two ways of looking:
 * - a ResizeObserver watches every region; its callbacks run once the browser has laid the
 *   page out anyway, so measuring there costs no layout of its own. It hears only of regions
 *   the browser lays out: those on or near the screen.
 * - every region is also measured while the browser is idle, as many as fit in each idle
 *   period, and again when the fonts or the window's width change; a region away from the
 *   screen is laid out for it (see `overflows`). So a wide formula further down can take focus
 *   before the reader gets there with Tab, and measuring the whole lesson never becomes one
 *   long task on a phone.
 */
export function ScrollableRegions() {
  const pathname = usePathname();
  useEffect(() => {
    void pathname;
    const mark = (target: Element): void => {
      if (!(target instanceof HTMLElement) || !target.isConnected) return;
      if (overflows(target)) target.tabIndex = 0;
      else target.removeAttribute("tabindex");
    };

    // Regions still to measure in idle time, the next one last.
    let queue: Element[] = [];
    let scheduled: (() => void) | undefined;
    // As many regions as fit in the browser's idle period (up to 50 ms when nothing else is
    // going on, so a lesson's few dozen regions take one or two turns), at least one per turn.
    const measureSome = (timeRemaining?: () => number): void => {
      scheduled = undefined;
      const until = performance.now() + SLICE_MS;
      const more = timeRemaining ? () => timeRemaining() > 0 : () => performance.now() < until;
      do mark(queue.pop() as Element);
      while (queue.length > 0 && more());
      if (queue.length > 0) schedule();
    };
    const schedule = (): void => {
      if (scheduled) return;
      scheduled = whenIdle(measureSome, { fallbackDelay: 50 });
    };
    const measureLater = (regions: Element[]): void => {
      const waiting = new Set(queue);
      queue = [...regions.filter((region) => !waiting.has(region)).reverse(), ...queue];
      if (queue.length > 0) schedule();
    };

    const resized = new ResizeObserver((entries) => {
      // A region the browser skipped has only its placeholder's size here: it is measured in
      // idle time instead, where laying it out cannot add up to a long task.
      const skippedOnes: Element[] = [];
      for (const { target } of entries) {
        if (target instanceof HTMLElement && skipped(target)) skippedOnes.push(target);
        else mark(target);
      }
      measureLater(skippedOnes);
    });

    const watched = new WeakSet<Element>();
    const watchNew = (): void => {
      const added: Element[] = [];
      for (const element of document.querySelectorAll(SCROLLERS)) {
        if (watched.has(element)) continue;
        watched.add(element);
        resized.observe(element);
        added.push(element);
      }
      measureLater(added);
    };
    watchNew();
    // A region's own size does not change when only its content's width does (a font
    // arriving), nor does a region away from the screen hear of the window's width changing.
    const measureAll = (): void => measureLater([...document.querySelectorAll(SCROLLERS)]);
    let width = window.innerWidth;
    const windowResized = (): void => {
      if (window.innerWidth === width) return;
      width = window.innerWidth;
      measureAll();
    };
    const added = new MutationObserver(watchNew);
    const main = document.getElementById("main-content");
    if (main) added.observe(main, { childList: true, subtree: true });
    document.fonts.addEventListener("loadingdone", measureAll);
    window.addEventListener("resize", windowResized);
    return () => {
      scheduled?.();
      resized.disconnect();
      added.disconnect();
      document.fonts.removeEventListener("loadingdone", measureAll);
      window.removeEventListener("resize", windowResized);
    };
  }, [pathname]);
  return null;
}
