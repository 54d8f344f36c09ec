"use client";

import { useEffect } from "react";
import { announceProgressChange } from "@/lib/progress/events";

/**
 * Notes that the learner opened this lesson (for "continue where you left off"), from the
 * browser so the lesson page itself stays static. The server ignores a visitor without a session.
 */
export function LessonVisit({ path }: { path: string }) {
  useEffect(() => {
    // Not aborted when the learner moves on: the visit happened all the same.
    fetch("/api/progress/visit", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path }),
      keepalive: true,
    })
      .then((response) => {
        if (response.status === 204) announceProgressChange();
      })
      .catch(() => {
        // A visit not noted costs the learner nothing.
      });
  }, [path]);
  return null;
}
