import MiniSearch, { type SearchResult } from "minisearch";
import { SEARCH_FIELDS, type SearchDocument, type SearchIndexData, WORD } from "./documents";

// Searching one language's index in the browser. The index's words were cut by jieba when the
// site was built; a query is cut into the longest words the index has (segmentQuery), so "注意力权重"
// looks for 注意力 and 权重, the way the lessons were cut, without a dictionary in the browser.

/** A piece of a heading or snippet, marked when it is what the learner searched for. */
export interface Fragment {
  text: string;
  mark: boolean;
}

/** A section that matches a query. */
export interface SearchHit {
  document: SearchDocument;
  heading: Fragment[];
  snippet: Fragment[];
}

const HAN = /\p{Script=Han}/u;

/**
 * A query's words: other scripts' words as they are (lower-cased); a run of Han characters cut
 * into the longest words the index knows, a character at a time where it knows none:
 * `segmentQuery("缩放点积注意力", words)` → `["缩放", "点积", "注意力"]`.
 */
export function segmentQuery(query: string, vocabulary: ReadonlySet<string>, longest = 8): string[] {
  const terms: string[] = [];
  for (const run of query.toLowerCase().match(WORD) ?? []) {
    if (!HAN.test(run)) {
      terms.push(run);
      continue;
    }
    let start = 0;
    while (start < run.length) {
      let length = Math.min(longest, run.length - start);
      while (length > 1 && !vocabulary.has(run.slice(start, start + length))) length--;
      terms.push(run.slice(start, start + length));
      start += length;
    }
  }
  return terms;
}

/** Splits `text` where any of `terms` occurs (any case), marking the occurrences. */
export function markTerms(text: string, terms: readonly string[]): Fragment[] {
  const wanted = [...new Set(terms.filter((t) => t !== "").map((t) => t.toLowerCase()))].sort(
    (a, b) => b.length - a.length,
  );
  if (wanted.length === 0) return text === "" ? [] : [{ text, mark: false }];
  const pattern = new RegExp(wanted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
  const fragments: Fragment[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) fragments.push({ text: text.slice(last, at), mark: false });
    fragments.push({ text: match[0], mark: true });
    last = at + match[0].length;
  }
  if (last < text.length) fragments.push({ text: text.slice(last), mark: false });
  return fragments;
}

/**
 * About `length` characters of `text` around the first place one of `terms` occurs (its start
 * when none does), with "…" where it was cut, the terms marked.
 */
export function snippet(text: string, terms: readonly string[], length = 90): Fragment[] {
  const lower = text.toLowerCase();
  const positions = terms.map((t) => lower.indexOf(t.toLowerCase())).filter((at) => at >= 0);
  const first = positions.length > 0 ? Math.min(...positions) : 0;
  // A little of what comes before the match, so it reads as part of a sentence.
  let start = Math.max(0, Math.min(first - Math.floor(length / 4), text.length - length));
  // Start after a space or punctuation mark close by, not inside a word or formula.
  const boundary = start > 0 ? text.slice(start, Math.min(first, start + 16)).search(/[\s，。；：、（）“”]/u) : -1;
  if (boundary >= 0) start += boundary + 1;
  const end = Math.min(text.length, start + length);
  const cut = `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
  return markTerms(cut, terms);
}

/** One language's index, ready to search. */
export class CourseSearch {
  readonly #documents: SearchDocument[];
  readonly #vocabulary = new Set<string>();
  readonly #index: MiniSearch<SearchDocument>;

  constructor(data: SearchIndexData) {
    this.#documents = data.documents;
    this.#index = new MiniSearch<SearchDocument>({
      fields: [...SEARCH_FIELDS],
      extractField: (document, field) =>
        field === "id" ? document.id : document.words[field as keyof SearchDocument["words"]],
      // The words were cut when the index was built.
      tokenize: (words) => words.split(" "),
      searchOptions: {
        boost: { page: 3, heading: 2, formula: 1.5 },
        combineWith: "AND",
        // The word being typed may be the start of a longer one ("atten", "注意" → 注意力).
        prefix: (_term, i, terms) => i === terms.length - 1,
        // A typo in a long Latin word; Chinese words are too short to guess at.
        fuzzy: (term) => (HAN.test(term) || term.length < 5 ? false : 0.2),
      },
    });
    this.#index.addAll(this.#documents);
    for (const document of this.#documents) {
      for (const field of SEARCH_FIELDS)
        for (const word of document.words[field].split(" ")) this.#vocabulary.add(word);
    }
  }

  /** The sections that best match `query`, best first. */
  search(query: string, limit = 12): SearchHit[] {
    const terms = segmentQuery(query, this.#vocabulary);
    if (terms.length === 0) return [];
    // A section that has the query as typed, words together ("注意力权重"), comes before one
    // that only has its words apart.
    const phrase = query.trim().toLowerCase();
    const together = new Set(
      terms.length > 1
        ? this.#documents.filter((d) => `${d.heading}\n${d.text}`.toLowerCase().includes(phrase)).map((d) => d.id)
        : [],
    );
    const results: SearchResult[] = this.#index.search(terms.join(" "), {
      tokenize: (q) => q.split(" "),
      boostDocument: (id) => (together.has(id as number) ? 2 : 1),
    });
    if (results.length > 0) {
      return results.slice(0, limit).map((result) => {
        const document = this.#documents[result.id as number] as SearchDocument;
        const marked = [...terms, ...result.terms];
        return { document, heading: markTerms(document.heading, marked), snippet: snippet(document.text, marked) };
      });
    }
    // Nothing by words (a character the index only has inside longer words, 积 of 点积):
    // the sections whose text holds the query as it was typed.
    return this.#documents
      .filter((d) => `${d.page}\n${d.heading}\n${d.text}`.toLowerCase().includes(phrase))
      .slice(0, limit)
      .map((document) => ({
        document,
        heading: markTerms(document.heading, [phrase]),
        snippet: snippet(document.text, [phrase]),
      }));
  }
}
