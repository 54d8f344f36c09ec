import type { VFile } from "vfile";
import type { Diagnostic, SourcePoint } from "./diagnostics.ts";
import type { ProseCount } from "./reading.ts";
import type { SearchSection } from "./search-sections.ts";
import type { FragmentParser, ShortcodeContext, ShortcodeScan } from "./shortcodes.ts";

/** One heading of a page, for its table of contents. */
export interface TocEntry {
  depth: number;
  id: string;
  /** Plain text (formulas as their TeX source), for titles and search. */
  text: string;
  /** The heading's content as sanitized HTML, formulas rendered, for the table of contents. */
  html: string;
}

/** A formula of the page, where it stands in the source. */
export interface Formula {
  tex: string;
  display: boolean;
  /** Offset of the whole math node (delimiters included) in the source. */
  start: number;
  end: number;
}

/** What one page's render collects, carried by its file through the processor's stages. */
export interface PageState {
  /** Unguessable per render, so raw HTML in the page cannot pose as a formula placeholder. */
  nonce: string;
  /** The pages' language (BCP 47), for words the renderer adds (an alert's title). */
  language: string;
  /** Offsets of `<script`-like tags turned into text before parsing. */
  disarmedTags: number[];
  /**
   * Line and column of an offset in the author's file. Shortcode placeholders keep every
   * offset but not every line break, so positions come from offsets, never from the parser.
   */
  locate: (offset: number) => SourcePoint;
  scan: ShortcodeScan;
  /**
   * The page as scanned, with Markdown-body shortcodes' bodies in place: where every node's
   * offset points (the parser reads it with those shortcodes hidden).
   */
  source: string;
  /** Parses a Markdown-body shortcode's body, or a parameter's Markdown. */
  parser: FragmentParser;
  /** Which attribute lists are read: after headings, after blocks (Hugo's `markup.goldmark.parser.attribute`). */
  attributes: { heading: boolean; block: boolean };
  context: ShortcodeContext;
  formulas: Formula[];
  diagnostics: Diagnostic[];
  headings: TocEntry[];
  /** The page's prose, counted once it is rendered (reading.ts). */
  prose?: ProseCount;
  /** The page cut at its headings for search, once it is rendered (search-sections.ts). */
  sections?: SearchSection[];
}

/** Tags a formula's placeholder element, with the page's nonce and the formula's index. */
export const FORMULA_ATTRIBUTE = "dataFormula";
/** Carries a slot (see `slotNode`) through the sanitizer, with the page's nonce. */
export const SLOT_ATTRIBUTE = "dataSlot";

/** Records a problem at an offset of the page's file. */
export function reportAt(
  state: PageState,
  offset: number,
  severity: Diagnostic["severity"],
  rule: string,
  message: string,
): void {
  state.diagnostics.push({ severity, rule, message, file: state.context.file, ...state.locate(offset) });
}

/** The state of the page `file` holds. */
export function pageState(file: VFile): PageState {
  return (file.data as { page: PageState }).page;
}

/**
 * Carries attributes this package sets itself (a heading's `{#id .class}`, a figure's class, a
 * QR code's image) past the sanitizer, with the page's nonce: `nonce:` + the hast properties
 * as JSON. Raw HTML cannot forge one; every value was checked where it was read.
 */
export const TRUSTED_ATTRIBUTE = "dataHugo";

/** The properties that make an element get `properties` after sanitizing. */
export function trustedProperties(nonce: string, properties: Record<string, unknown>): Record<string, string> {
  return { [TRUSTED_ATTRIBUTE]: `${nonce}:${JSON.stringify(properties)}` };
}
