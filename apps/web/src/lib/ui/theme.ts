// The colour theme: light or dark, as the learner chose with the header's switch (kept in the
// browser's local storage, not a cookie, so lessons stay one cacheable document), else as the
// system says. The layout's inline script applies it before the first paint; globals.css holds
// the colours of each.

/** The local storage key of the learner's choice. */
export const THEME_KEY = "llm-basics-theme";

export type Theme = "light" | "dark";

/**
 * The script the layout runs in <head>, before anything is painted: `js` for the CSS, and the
 * theme on <html data-theme>. It must not throw (local storage can be refused).
 */
export const THEME_SCRIPT = [
  "var d=document.documentElement;d.className='js';var t;",
  `try{t=localStorage.getItem('${THEME_KEY}')}catch(e){}`,
  "if(t!=='dark'&&t!=='light')t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';",
  "d.dataset.theme=t",
].join("");

/** The theme the page shows now. */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

/** The learner's own choice, if they made one. */
export function chosenTheme(): Theme | undefined {
  try {
    const chosen = localStorage.getItem(THEME_KEY);
    return chosen === "dark" || chosen === "light" ? chosen : undefined;
  } catch {
    return undefined;
  }
}

/** Shows `theme` and, when `keep`, remembers it as the learner's choice. */
export function applyTheme(theme: Theme, keep: boolean): void {
  document.documentElement.dataset.theme = theme;
  if (!keep) return;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage refused (a private window's quota, a policy): the choice lasts for this page.
  }
}
