"use client";

import "./theme-switch.css";
import { useEffect, useState } from "react";
import { applyTheme, chosenTheme, currentTheme } from "@/lib/ui/theme";

/**
 * The header's switch between light and dark colours (a toggle button, pressed when dark). The
 * choice is kept in the browser; until one is made the page follows the system, also when the
 * system changes while it is open.
 */
export function ThemeSwitch({ label }: { label: string }) {
  // The prerendered page cannot know the theme; the button says it once it runs.
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const system = matchMedia("(prefers-color-scheme: dark)");
    // A page Next.js renders as an error shell (a 404 for an unknown path) never ran the
    // layout's inline script: its theme is applied here, after the first paint.
    if (!document.documentElement.dataset.theme)
      applyTheme(chosenTheme() ?? (system.matches ? "dark" : "light"), false);
    setDark(currentTheme() === "dark");
    const follow = () => {
      if (chosenTheme() !== undefined) return;
      applyTheme(system.matches ? "dark" : "light", false);
      setDark(system.matches);
    };
    system.addEventListener("change", follow);
    return () => system.removeEventListener("change", follow);
  }, []);
  return (
    <button
      type="button"
      className="theme-switch"
      aria-pressed={dark}
      onClick={() => {
        const next = currentTheme() === "dark" ? "light" : "dark";
        applyTheme(next, true);
        setDark(next === "dark");
      }}
    >
      <span aria-hidden="true">◐</span> {label}
    </button>
  );
}
