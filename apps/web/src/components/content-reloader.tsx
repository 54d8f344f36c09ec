"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { refreshExercises } from "@/lib/exercises/learner-exercises-client";

/** How long to wait before opening the stream again after the server refused or dropped it. */
const RETRY_MS = 1000;

/**
 * Development only: re-renders the page when a file under content/ changes.
 *
 * `<html data-content-reload>` says where the connection is: `connecting` (the page's code
 * runs and the stream is asked for, but the server has not answered yet: under `next dev`
 * it compiles the route on its first request), `connected` (the server watches content/),
 * `reconnecting` (the stream failed; it is opened again).
 */
export function ContentReloader() {
  const router = useRouter();
  useEffect(() => {
    // The page's server parts, and the exercises, which the islands fetch themselves.
    const refresh = (): void => {
      router.refresh();
      refreshExercises();
    };
    const root = document.documentElement;
    let events: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let dropped = false;
    const open = (): void => {
      root.dataset.contentReload = dropped ? "reconnecting" : "connecting";
      const source = new EventSource("/api/dev/content-events/");
      events = source;
      // The server watches content/ from the moment the stream opens; say so (tests wait for it).
      source.onopen = () => {
        root.dataset.contentReload = "connected";
        // Edits made while the stream was down were never announced.
        if (dropped) refresh();
        dropped = false;
      };
      source.onerror = () => {
        dropped = true;
        root.dataset.contentReload = "reconnecting";
        // The browser retries a dropped stream itself, but gives up on an error answer (a 500
        // while the route failed to compile, a restarting server's 404): open a new one.
        if (source.readyState === EventSource.CLOSED) retry = setTimeout(open, RETRY_MS);
      };
      source.onmessage = () => refresh();
    };
    open();
    return () => {
      clearTimeout(retry);
      events?.close();
      delete root.dataset.contentReload;
    };
  }, [router]);
  return null;
}
