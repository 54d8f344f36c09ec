"use client";

import { useEffect, useState } from "react";
import { LOAD_EVERYTHING_EVENT } from "@/lib/ui/near-screen";

/** Whether every exercise of the lesson has its variant (or has failed to get one). */
function exercisesSettled(): boolean {
  return document.querySelector('.prose .exercise[aria-busy="true"]') === null;
}

/** How long printing waits for the lesson's exercises before it prints what it has (ms). */
const PATIENCE = 8000;

/**
 * Prints the lesson with its exercises' prompts. An exercise's numbers come from the server as
 * it nears the screen, and a print dialog cannot wait for them: this button asks for every
 * exercise first, then opens the dialog. Printing from the browser's menu asks for them too,
 * for the next time (the print stylesheet says so in place of a prompt not yet here).
 */
export function PrintButton({ label, preparing }: { label: string; preparing: string }) {
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    const before = () => window.dispatchEvent(new Event(LOAD_EVERYTHING_EVENT));
    window.addEventListener("beforeprint", before);
    return () => window.removeEventListener("beforeprint", before);
  }, []);
  return (
    <button
      type="button"
      className="print-button"
      aria-disabled={waiting}
      onClick={() => {
        if (waiting) return;
        window.dispatchEvent(new Event(LOAD_EVERYTHING_EVENT));
        setWaiting(true);
        const started = performance.now();
        const check = () => {
          if (!exercisesSettled() && performance.now() - started < PATIENCE) {
            window.setTimeout(check, 100);
            return;
          }
          // Two frames: the last prompts are painted (and their formulas laid out) before the dialog.
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              setWaiting(false);
              window.print();
            }),
          );
        };
        check();
      }}
    >
      {waiting ? preparing : label}
    </button>
  );
}
