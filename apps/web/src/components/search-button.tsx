"use client";

import "./search-button.css";
import { type ComponentType, useCallback, useEffect, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n";
import type { SearchDialogProps, SearchText } from "./search-dialog";

/** True when a key pressed there is typing, not a shortcut (a field, an editable region). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(?:INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * The header's search button, and the `/` and Ctrl/⌘-K shortcuts. Nothing of search (its
 * dialog, MiniSearch, the index) loads until the learner opens it.
 */
export function SearchButton({ locale, text }: { locale: Locale; text: SearchText }) {
  const [Dialog, setDialog] = useState<ComponentType<SearchDialogProps> | null>(null);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // The shortcuts are announced once they work: when this code has run.
  const [shortcuts, setShortcuts] = useState<string | undefined>(undefined);
  // What the learner types while the dialog's code is still on its way, handed to the field.
  const typedAhead = useRef<{ text: string; stop: () => void } | null>(null);
  const takeTypedAhead = useCallback(() => {
    const typed = typedAhead.current;
    typedAhead.current = null;
    typed?.stop();
    return typed?.text ?? "";
  }, []);
  const isOpen = useRef(false);
  isOpen.current = open;
  const openSearch = useCallback(() => {
    // Already open: the shortcut again leaves it as it is.
    if (isOpen.current) return;
    if (!typedAhead.current) {
      const typed = { text: "", stop: () => document.removeEventListener("keydown", keep, true) };
      const keep = (event: KeyboardEvent) => {
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
        // Typed into a field the learner has gone to meanwhile: that field's.
        if (isTyping(event.target)) return;
        event.preventDefault();
        typed.text += event.key;
      };
      document.addEventListener("keydown", keep, true);
      typedAhead.current = typed;
    }
    void import("./search-dialog").then(
      (module) => {
        setDialog(() => module.SearchDialog);
        setOpen(true);
      },
      // The dialog's code did not arrive (offline): stop keeping keys.
      () => takeTypedAhead(),
    );
  }, [takeTypedAhead]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const commandK = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey;
      const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
      if (!commandK && !slash) return;
      event.preventDefault();
      openSearch();
    };
    document.addEventListener("keydown", onKey);
    setShortcuts("/ Control+K Meta+K");
    return () => document.removeEventListener("keydown", onKey);
  }, [openSearch]);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="search-button"
        aria-haspopup="dialog"
        aria-keyshortcuts={shortcuts}
        onClick={openSearch}
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
      {Dialog && open ? (
        <Dialog
          locale={locale}
          text={text}
          takeTypedAhead={takeTypedAhead}
          onClose={() => {
            setOpen(false);
            button.current?.focus({ preventScroll: true });
          }}
        />
      ) : null}
    </>
  );
}
