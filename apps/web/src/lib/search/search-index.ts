import "server-only";
import type { Page } from "@llm-basics/content";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { type SearchDocument, type SearchIndexData, WORD } from "./documents";

// The search index is built from the course when the site is built (its route is prerendered),
// so jieba's dictionary (a native module and 5 MB of words) never reaches a browser.

let jieba: Jieba | undefined;

/**
 * A text's words for the index: jieba's search mode gives a long word and the words inside it
 * (注意力 → 注意, 注意力), so a learner who types either finds it. Lower-cased; punctuation and
 * spaces dropped: `"缩放点积注意力"` → `"缩放 点积 注意 注意力"`.
 */
export function indexWords(text: string): string {
  jieba ??= Jieba.withDict(dict);
  const words: string[] = [];
  for (const token of jieba.cutForSearch(text, true)) {
    for (const word of token.toLowerCase().match(WORD) ?? []) words.push(word);
  }
  return words.join(" ");
}

/** The index of one language's pages: a document for each section of each page, in course order. */
export function buildSearchIndex(language: string, pages: readonly Page[]): SearchIndexData {
  const documents: SearchDocument[] = [];
  for (const page of pages) {
    for (const section of page.sections) {
      documents.push({
        id: documents.length,
        url: page.url,
        page: page.title,
        anchor: section.id,
        heading: section.heading,
        text: section.text,
        words: {
          page: indexWords(page.title),
          heading: indexWords(section.heading),
          // The text keeps inline formulas as TeX (for the snippet); their command names are no words.
          body: indexWords(section.text.replace(/\\[A-Za-z]+/g, " ")),
          formula: section.formulaWords.map(indexWords).join(" "),
        },
      });
    }
  }
  return { language, documents };
}
