import "server-only";
import { watch } from "node:fs";
import { env } from "@/env";

/** Changes under content/ since this dev server started, and who wants to hear of the next. */
interface ContentChanges {
  count: number;
  readonly listeners: Set<() => void>;
}

const CONTENT_CHANGES = Symbol.for("llm-basics.content-changes");

/**
 * One watcher of content/ for the process, kept on globalThis: `next dev` loads a module once
 * for pages and once per route handler (and again after each edit of it), and all of them
 * share it. The count goes up before any listener hears of the change, so a page rendered
 * because of the event reads the course again.
 */
function contentChanges(): ContentChanges {
  const holder = globalThis as { [CONTENT_CHANGES]?: ContentChanges };
  let changes = holder[CONTENT_CHANGES];
  if (!changes) {
    const created: ContentChanges = { count: 0, listeners: new Set() };
    watch(env.contentDir, { recursive: true }, () => {
      created.count += 1;
      for (const listener of created.listeners) listener();
    });
    holder[CONTENT_CHANGES] = changes = created;
  }
  return changes;
}

/** How many times anything under content/ has changed since the watch began (development only). */
export function contentGeneration(): number {
  return contentChanges().count;
}

/** Calls `listener` on each change under content/ until the returned function is called. */
export function onContentChange(listener: () => void): () => void {
  const changes = contentChanges();
  changes.listeners.add(listener);
  return () => changes.listeners.delete(listener);
}
