"use client";

import "./copy-buttons.css";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { whenIdle } from "@/lib/ui/idle";

/** The copy buttons' words, in the page's language. */
export interface CopyText {
  copy: string;
  copied: string;
  copyCode: string;
  copyTex: string;
  copyFailed: string;
}

// The lesson's own blocks (its prerendered Markdown), never an exercise's, which React renders.
const BLOCKS = ".prose [data-markup-key] pre, .prose [data-markup-key] .math-display";

/** What a block's button copies: a code block's text, a formula's LaTeX source as its author wrote it. */
function sourceOf(block: HTMLElement): string | undefined {
  if (block.tagName === "PRE") return (block.querySelector("code") ?? block).textContent ?? undefined;
  // KaTeX keeps the source beside the formula it drew (MathML's annotation).
  return block.querySelector('annotation[encoding="application/x-tex"]')?.textContent?.trim() || undefined;
}

/** Puts `text` on the clipboard; the older way where the Clipboard API is refused (an http page that is not localhost). */
async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

/**
 * A copy button on each code block and displayed formula of the lesson. The lesson's markup is
 * the same for everyone (prerendered); the buttons are added in the browser, also when the
 * markup arrives later (a lesson reached by client navigation).
 */
export function CopyButtons({ text }: { text: CopyText }) {
  const pathname = usePathname();
  const [said, setSaid] = useState("");
  // biome-ignore lint/correctness/useExhaustiveDependencies: a client navigation to another lesson brings new blocks
  useEffect(() => {
    const prose = document.querySelector(".prose");
    if (!prose) return;
    const timers = new Set<number>();
    const add = () => {
      for (const block of prose.querySelectorAll<HTMLElement>(BLOCKS)) {
        if (block.classList.contains("copyable")) continue;
        const source = sourceOf(block);
        if (source === undefined) continue;
        const code = block.tagName === "PRE";
        // The button goes inside the block, placed over its corner: the block keeps its place
        // and its size (a wrapper around it would be a new block for content-visibility, with a
        // placeholder's height until laid out, and the page below would move).
        block.classList.add("copyable", code ? "copyable-code" : "copyable-formula");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "copy-button";
        button.textContent = text.copy;
        button.setAttribute("aria-label", code ? text.copyCode : text.copyTex);
        button.addEventListener("click", () => {
          void copyToClipboard(source).then((ok) => {
            button.textContent = ok ? text.copied : text.copy;
            setSaid(ok ? text.copied : text.copyFailed);
            const timer = window.setTimeout(() => {
              button.textContent = text.copy;
              setSaid("");
              timers.delete(timer);
            }, 2000);
            timers.add(timer);
          });
        });
        block.append(button);
      }
    };
    // Once the browser is idle: not in the work of showing the lesson.
    const cancelIdle = whenIdle(add, { timeout: 2000 });
    // A lesson reached by client navigation gets its markup after this ran (StaticHtml).
    const arrived = new MutationObserver(add);
    for (const markup of prose.querySelectorAll("[data-markup-key]")) arrived.observe(markup, { childList: true });
    return () => {
      cancelIdle();
      arrived.disconnect();
      for (const timer of timers) window.clearTimeout(timer);
    };
  }, [pathname, text]);
  return (
    <p className="sr-only" role="status">
      {said}
    </p>
  );
}
