"use client";

import "./search-button.css";
import { useEffect, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { SearchDialog, type SearchText } from "./search-dialog";

/** True when a key pressed there is typing, not a shortcut (a field, an editable region). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(?:INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * The header's search button, and the `/` and Ctrl/⌘-K shortcuts. The dialog opens at once,
 * its field focused; what it searches with (MiniSearch and the index) loads only then.
 */
export function SearchButton({ locale, text }: { locale: Locale; text: SearchText }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // The shortcuts are announced once they work: when this code has run.
  const [shortcuts, setShortcuts] = useState<string | undefined>(undefined);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const commandK = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey;
      const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
      if (!commandK && !slash) return;
      event.preventDefault();
      // Already open: the shortcut again leaves it as it is.
      setOpen(true);
    };
    document.addEventListener("keydown", onKey);
    setShortcuts("/ Control+K Meta+K");
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="search-button"
        aria-haspopup="dialog"
        aria-keyshortcuts={shortcuts}
        onClick={() => setOpen(true)}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
          <circle cx="6.5" cy="6.5" r="5" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path d="M10.3 10.3 15 15" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        {text.search}
        <span className="search-key" aria-hidden="true">
          /
        </span>
      </button>
      {open ? (
        <SearchDialog
          locale={locale}
          text={text}
          onClose={() => {
            setOpen(false);
            button.current?.focus({ preventScroll: true });
          }}
        />
      ) : null}
    </>
  );
}
