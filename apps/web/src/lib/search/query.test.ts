import { fileURLToPath } from "node:url";
import { loadSite, type Page } from "@llm-basics/content";
import { beforeAll, describe, expect, it } from "vitest";
import { CourseSearch, markTerms, segmentQuery, snippet } from "./query";
import { buildSearchIndex } from "./search-index";

const shown = (fragments: { text: string; mark: boolean }[]) =>
  fragments.map((f) => (f.mark ? `[${f.text}]` : f.text)).join("");

describe("cutting a query into the index's words", () => {
  const vocabulary = new Set(["注意", "注意力", "权重", "点积", "缩放"]);

  it("takes the longest word the index has, Han character runs left to right", () => {
    expect(segmentQuery("缩放点积注意力权重", vocabulary)).toEqual(["缩放", "点积", "注意力", "权重"]);
    expect(segmentQuery("注意", vocabulary)).toEqual(["注意"]);
  });

  it("keeps other words whole and lower-cased, drops punctuation, and falls back to characters", () => {
    expect(segmentQuery("  Soft-MAX，注意力！", vocabulary)).toEqual(["soft", "max", "注意力"]);
    expect(segmentQuery("矩阵", vocabulary)).toEqual(["矩", "阵"]);
    expect(segmentQuery("？！…", vocabulary)).toEqual([]);
  });
});

describe("marking and cutting snippets", () => {
  it("marks every occurrence, longest term first, in any case", () => {
    expect(shown(markTerms("Softmax 与 softmax 的注意力", ["softmax", "注意", "注意力"]))).toBe(
      "[Softmax] 与 [softmax] 的[注意力]",
    );
    // A term with regular expression characters is matched as it is.
    expect(shown(markTerms("a (b) c", ["(b)"]))).toBe("a [(b)] c");
  });

  it("cuts around the first match with an ellipsis where text was left out", () => {
    const text = `${"前文。".repeat(40)}这里讲因果掩码的作用。${"后文。".repeat(40)}`;
    const cut = shown(snippet(text, ["因果"], 40));
    expect(cut.startsWith("…")).toBe(true);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut).toContain("[因果]掩码");
    expect(shown(snippet("短文本。", ["没有"], 40))).toBe("短文本。");
  });
});

describe("searching the course", () => {
  const search: Record<string, CourseSearch> = {};
  const indexes: Record<string, ReturnType<typeof buildSearchIndex>> = {};

  beforeAll(async () => {
    const site = await loadSite({
      contentDir: fileURLToPath(new URL("../../../../../content/", import.meta.url)),
      includeDrafts: false,
    });
    for (const locale of ["zh", "en"]) {
      const pages = [site.homeIn(locale), ...site.lessonsIn(locale)].filter((p): p is Page => p !== undefined);
      // What the browser gets: the index as JSON.
      indexes[locale] = JSON.parse(JSON.stringify(buildSearchIndex(locale, pages)));
      search[locale] = new CourseSearch(indexes[locale] as ReturnType<typeof buildSearchIndex>);
    }
    // Reading the course renders its 2,500 formulas: 3 s alone, far longer beside `next build`
    // and the browser tests on two cores. A limit for a hang, not a timing (as the content package's).
  }, 90_000);

  const top = (locale: string, query: string) => {
    const hit = search[locale]?.search(query)[0];
    return hit && `${hit.document.url}#${hit.document.anchor}`;
  };

  it("finds a Chinese query by its words, and sends the learner to the heading", () => {
    expect(top("zh", "因果掩码")).toBe("/attention/#因果掩码");
    expect(top("zh", "奇异值分解")?.startsWith("/svd/")).toBe(true);
    const hit = search.zh?.search("学习率")[0];
    expect(hit?.document.url).toBe("/gradient_descent/");
    expect(shown(hit?.snippet ?? [])).toContain("[学习]");
  });

  it("puts the sections that have the words together first", () => {
    const hits = search.zh?.search("注意力权重") ?? [];
    const together = (h: (typeof hits)[number]) => `${h.document.heading}${h.document.text}`.includes("注意力权重");
    expect(hits.length).toBeGreaterThan(3);
    const firstApart = hits.findIndex((h) => !together(h));
    // Every section with the phrase as typed comes before the first with its words apart.
    if (firstApart >= 0) expect(hits.slice(firstApart).some(together)).toBe(false);
  });

  it("finds an English query, and a word still being typed", () => {
    expect(top("en", "causal mask")).toBe("/en/attention/#the-causal-mask");
    expect(top("en", "eigenval")?.startsWith("/en/eigenvalues/")).toBe(true);
    expect(top("en", "eigenvalue")).toBeDefined();
  });

  it("finds a section by the words of its formulas alone", () => {
    for (const locale of ["zh", "en"]) {
      const onlyInFormulas = indexes[locale]?.documents.find(
        (d) =>
          d.words.formula.split(" ").includes("softmax") && !`${d.heading} ${d.text}`.toLowerCase().includes("softmax"),
      );
      expect(onlyInFormulas, `a ${locale} section with softmax only in a formula`).toBeDefined();
      const ids = search[locale]?.search("softmax", 1000).map((h) => h.document.id);
      expect(ids).toContain(onlyInFormulas?.id);
    }
  });

  it("finds a character the index only has inside longer words, and nothing for what the course never says", () => {
    expect(search.zh?.search("积").length).toBeGreaterThan(0);
    expect(search.zh?.search("量子纠缠")).toEqual([]);
    expect(search.en?.search("quantum entanglement")).toEqual([]);
  });
});
