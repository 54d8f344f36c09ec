"use client";

import "./search-dialog.css";
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { searchText } from "@/lib/i18n";
import type { SearchIndexData } from "@/lib/search/documents";
import type { CourseSearch, Fragment } from "@/lib/search/query";

/** The search dialog's words, in the page's language. */
export type SearchText = ReturnType<typeof searchText>;

export interface SearchDialogProps {
  locale: string;
  text: SearchText;
  onClose: () => void;
}

// One index per language for the page's lifetime: opening search again does not fetch it again.
const indexes = new Map<string, Promise<CourseSearch>>();

/**
 * The search over one language's pages. Its code (MiniSearch) and its index are fetched the
 * first time search opens, side by side; the dialog itself comes with the page, so its field
 * takes the learner's typing, an input method's included, from the moment it opens.
 */
function courseSearch(locale: string): Promise<CourseSearch> {
  let search = indexes.get(locale);
  if (!search) {
    const index = fetch(`/search-index/${locale}.json`).then((response) => {
      if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
      return response.json() as Promise<SearchIndexData>;
    });
    search = Promise.all([import("@/lib/search/query"), index]).then(
      ([{ CourseSearch }, data]) => new CourseSearch(data),
    );
    // A failed fetch is tried again the next time search opens.
    search.catch(() => indexes.delete(locale));
    indexes.set(locale, search);
  }
  return search;
}

function Marked({ fragments }: { fragments: Fragment[] }) {
  return fragments.map((fragment, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the fragments of one text, never reordered
    fragment.mark ? <mark key={i}>{fragment.text}</mark> : <span key={i}>{fragment.text}</span>,
  );
}

/**
 * Search over the course in the page's language, as a modal dialog: a field, and the sections
 * that match as links to their heading. ↓ and ↑ move between the field and the results, Enter
 * follows one, Escape closes.
 */
export function SearchDialog({ locale, text, onClose }: SearchDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const results = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState<CourseSearch | "loading" | "failed">("loading");
  const [query, setQuery] = useState("");
  const titleId = useId();
  const hintId = useId();

  // A layout effect: the dialog opens and its field has focus within the task of the key or
  // click that opened it, so the very next key (or an input method's first character) goes there.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    input.current?.focus();
  }, []);
  useEffect(() => {
    let live = true;
    courseSearch(locale).then(
      (loaded) => live && setSearch(loaded),
      () => live && setSearch("failed"),
    );
    return () => {
      live = false;
    };
  }, [locale]);

  const hits = useMemo(() => (typeof search === "object" ? search.search(query) : []), [search, query]);
  const status =
    search === "loading"
      ? text.searchLoading
      : search === "failed"
        ? text.searchFailed
        : query.trim() === ""
          ? ""
          : hits.length === 0
            ? text.searchNone
            : hits.length === 1
              ? text.searchOne
              : text.searchMany.replace("{count}", String(hits.length));

  const links = () => [...(results.current?.querySelectorAll("a") ?? [])];
  const moveFrom = (event: KeyboardEvent, from: number) => {
    const all = links();
    const to = event.key === "ArrowDown" ? from + 1 : event.key === "ArrowUp" ? from - 1 : undefined;
    if (to === undefined) return;
    event.preventDefault();
    if (to < 0) input.current?.focus();
    else all[Math.min(to, all.length - 1)]?.focus();
  };
  const close = () => dialog.current?.close();

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop is the mouse's Escape, which the dialog has natively
    <dialog
      ref={dialog}
      className="search-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === dialog.current) close();
      }}
    >
      <div className="search-panel">
        <div className="search-field">
          <label id={titleId} htmlFor={`${titleId}-input`}>
            {text.searchLabel}
          </label>
          <input
            ref={input}
            id={`${titleId}-input`}
            type="search"
            value={query}
            placeholder={text.searchPlaceholder}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            aria-describedby={hintId}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "ArrowDown") moveFrom(event, -1);
              // A search field's own Escape only empties it; here one Escape closes, as the hint says.
              if (event.key === "Escape") {
                event.preventDefault();
                close();
              }
              // Enter goes to the best result, as in the documentation sites learners know.
              if (event.key === "Enter" && !event.nativeEvent.isComposing) links()[0]?.click();
            }}
          />
          <button type="button" className="search-close" onClick={close}>
            {text.searchClose}
          </button>
        </div>
        <p id={hintId} className="search-hint">
          {text.searchHint}
        </p>
        <p className="search-status" role="status">
          {status}
        </p>
        {hits.length > 0 ? (
          <ul ref={results} className="search-results">
            {hits.map((hit, i) => {
              const { document } = hit;
              const href = document.anchor === "" ? document.url : `${document.url}#${document.anchor}`;
              return (
                <li key={document.id}>
                  <a href={href} onClick={close} onKeyDown={(event) => moveFrom(event, i)}>
                    <span className="search-hit-where">
                      <span className="search-hit-page">{document.page}</span>
                      {document.heading !== "" && document.heading !== document.page ? (
                        <>
                          <span aria-hidden="true"> › </span>
                          <span className="search-hit-heading">
                            <Marked fragments={hit.heading} />
                          </span>
                        </>
                      ) : null}
                    </span>
                    <span className="search-hit-snippet">
                      <Marked fragments={hit.snippet} />
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </dialog>
  );
}
