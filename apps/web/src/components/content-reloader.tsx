"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Development only: re-renders the page when a file under content/ changes. */
export function ContentReloader() {
  const router = useRouter();
  useEffect(() => {
    const events = new EventSource("/api/dev/content-events/");
    events.onmessage = () => router.refresh();
    return () => events.close();
  }, [router]);
  return null;
}
