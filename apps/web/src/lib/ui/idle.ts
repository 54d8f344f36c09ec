"use client";

/**
 * Runs `task` when the browser is idle: within `timeout` ms at most when given; after
 * `fallbackDelay` ms where requestIdleCallback is missing. Returns a function that cancels it.
 */
export function whenIdle(
  task: () => void,
  { timeout, fallbackDelay = 200 }: { timeout?: number; fallbackDelay?: number } = {},
): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(task, timeout === undefined ? undefined : { timeout });
    return () => cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(task, fallbackDelay);
  return () => window.clearTimeout(handle);
}
