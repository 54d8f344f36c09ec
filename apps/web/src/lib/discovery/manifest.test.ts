import { expect, it } from "vitest";
import { manifestPath, webManifest } from "./manifest";

it("a language's manifest starts at its home, names it, and keeps the whole site in scope", () => {
  const manifest = webManifest({ title: "LLM Basics", lang: "en", root: "/en/", description: "About it." });
  expect(manifest).toMatchObject({
    id: "/en/",
    name: "LLM Basics",
    short_name: "LLM Basics",
    lang: "en",
    start_url: "/en/",
    scope: "/",
    display: "standalone",
    icons: [{ src: "/icon.svg", sizes: "any", type: "image/svg+xml" }],
  });
  expect(manifestPath("/en/")).toBe("/en/manifest.webmanifest");
  expect(manifestPath("/")).toBe("/manifest.webmanifest");
});

it("a long site title is cut to twelve characters for the home screen, not inside a character", () => {
  const manifest = webManifest({
    title: "大语言模型的数学基础课程与练习题集合",
    lang: "zh-CN",
    root: "/",
    description: "",
  });
  expect(manifest.short_name).toBe("大语言模型的数学基础课程");
  expect(manifest.name).toBe("大语言模型的数学基础课程与练习题集合");
});
