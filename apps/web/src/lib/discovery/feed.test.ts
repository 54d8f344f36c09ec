import type { Site } from "@llm-basics/content";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedPath, lessonFeedXml } from "./feed";
import { loadTestSite } from "./test-site";

let site: Site;
let remove: () => void;
beforeAll(async () => {
  ({ site, remove } = await loadTestSite(true));
}, 60_000);
afterAll(() => remove());

const ZH = { title: "大模型基础", lang: "zh-CN", root: "/", description: "中文 & 描述" };
const EN = { title: "LLM Basics", lang: "en", root: "/en/", description: "About it." };

/** The feed's items as [title, link, pubDate?, description?]. */
function items(xml: string): string[][] {
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item = ""]) =>
    ["title", "link", "pubDate", "description"].flatMap((tag) => {
      const m = new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${tag}>`).exec(item);
      return m ? [m[1] as string] : [];
    }),
  );
}

it("feedPath is Hugo's index.xml under the language's root", () => {
  expect(feedPath("/")).toBe("/index.xml");
  expect(feedPath("/en/")).toBe("/en/index.xml");
});

describe("lessonFeedXml", () => {
  it("is RSS 2.0 describing the language's site, with its own absolute URL", () => {
    const xml = lessonFeedXml(site, "zh", ZH, "https://learn.example.org");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<rss version="2.0"/);
    expect(xml).toContain("<title>大模型基础</title>");
    expect(xml).toContain("<link>https://learn.example.org/</link>");
    expect(xml).toContain("<description>中文 &amp; 描述</description>");
    expect(xml).toContain("<language>zh-CN</language>");
    expect(xml).toContain(
      '<atom:link href="https://learn.example.org/index.xml" rel="self" type="application/rss+xml"/>',
    );
  });

  it("lists the language's published lessons newest first, escaped, never the home page or a draft", () => {
    const xml = lessonFeedXml(site, "zh", ZH, "https://learn.example.org");
    expect(items(xml)).toEqual([
      ["后来", "https://learn.example.org/later/", "Wed, 30 Apr 2025 16:00:00 GMT", "后来的课。"],
      ["问答 Q&A <b>", "https://learn.example.org/qa/", "Fri, 28 Feb 2025 16:00:00 GMT", "键 & 值 <i>"],
    ]);
    // The markup-like title and description are text inside CDATA, not elements.
    const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "");
    expect(outsideCdata).not.toContain("<b>");
    expect(outsideCdata).not.toContain("<i>");
    expect(xml).not.toContain("草稿");
  });

  it("lists an undated lesson last, without a pubDate", () => {
    const xml = lessonFeedXml(site, "en", EN, "http://127.0.0.1:3000");
    expect(items(xml)).toEqual([
      ["Q&A <b>", "http://127.0.0.1:3000/en/qa/", "Sat, 01 Mar 2025 08:00:00 GMT"],
      ["Undated", "http://127.0.0.1:3000/en/undated/"],
    ]);
  });

  it("dates itself by its newest lesson change, so it only changes with the course", () => {
    const xml = lessonFeedXml(site, "zh", ZH, "https://learn.example.org");
    expect(xml).toContain("<lastBuildDate>Wed, 30 Apr 2025 16:00:00 GMT</lastBuildDate>");
    expect(lessonFeedXml(site, "zh", ZH, "https://learn.example.org")).toBe(xml);
  });
});
