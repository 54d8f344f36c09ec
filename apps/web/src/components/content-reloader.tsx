"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Development only: re-renders the page when a file under content/ changes. */
export function ContentReloader() {
  const router = useRouter();
  useEffect(() => {
    const events = new EventSource("/api/dev/content-events/");
    const root = document.documentElement;
    // The server watches content/ from the moment the stream opens; say so (tests wait for it).
    events.onopen = () => {
      root.dataset.contentReload = "connected";
    };
    events.onerror = () => {
      root.dataset.contentReload = "reconnecting";
    };
    events.onmessage = () => router.refresh();
    return () => {
      events.close();
      delete root.dataset.contentReload;
    };
  }, [router]);
  return null;
}
