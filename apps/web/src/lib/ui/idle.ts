"use client";

/**
 * Runs `task` when the browser is idle: within `timeout` ms at most when given; after
 * `fallbackDelay` ms where requestIdleCallback is missing. The task is given a function that
 * says how many milliseconds the browser expects to stay idle (none without
 * requestIdleCallback), so work cut into pieces can do as much as fits. Returns a function that
 * cancels it.
 */
export function whenIdle(
  task: (timeRemaining?: () => number) => void,
  { timeout, fallbackDelay = 200 }: { timeout?: number; fallbackDelay?: number } = {},
): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(
      (deadline) => task(() => deadline.timeRemaining()),
      timeout === undefined ? undefined : { timeout },
    );
    return () => cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(() => task(), fallbackDelay);
  return () => window.clearTimeout(handle);
}
