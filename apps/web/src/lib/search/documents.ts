// What the search index holds, shared by the server that builds it (search-index.ts) and the
// browser that searches it (query.ts). Each document is one section of one page; its words are
// cut at build time (Chinese by jieba's dictionary), so the browser never needs a segmenter
// of its own: it cuts a query into the words the index already has (segmentQuery).

/** One section of a page, as the browser receives it. */
export interface SearchDocument {
  /** Its place in the index's list. */
  id: number;
  /** The page's URL and title. */
  url: string;
  page: string;
  /** The heading's anchor ("" for the page's top) and text. */
  anchor: string;
  heading: string;
  /** The section's prose, for the snippet. */
  text: string;
  /** Each field's words, lower-cased and separated by spaces, in the order they come. */
  words: Record<SearchField, string>;
}

export const SEARCH_FIELDS = ["page", "heading", "body", "formula"] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** The index of one language's pages. */
export interface SearchIndexData {
  language: string;
  documents: SearchDocument[];
}

/** A word of Han characters, or of letters and digits in any other script: what search keeps of a text. */
export const WORD = /[\p{Script=Han}]+|[\p{L}\p{N}]+/gu;
