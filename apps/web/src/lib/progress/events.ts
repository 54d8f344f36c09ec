// Parts of a page that change the learner's progress (an answer, a lesson opened) say so with a
// window event; the header's indicator listens and asks the server again.

const PROGRESS_CHANGED = "llm-basics:progress-changed";

/** Tells the page that the learner's progress may have changed. */
export function announceProgressChange(): void {
  window.dispatchEvent(new Event(PROGRESS_CHANGED));
}

/** Calls `listener` whenever progress may have changed; returns the function that stops it. */
export function onProgressChange(listener: () => void): () => void {
  window.addEventListener(PROGRESS_CHANGED, listener);
  return () => window.removeEventListener(PROGRESS_CHANGED, listener);
}
