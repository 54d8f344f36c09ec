// @llm-basics/content as the app uses it: one renderer for the whole site.
import { MarkdownRenderer } from "@llm-basics/content";
import { countKatex, measure } from "./shared.ts";

await measure("content", async (seed, pages) => {
  const renderer = new MarkdownRenderer();
  let katex = 0;
  for (let i = 0; i < pages; i++) {
    const page = await renderer.render(seed, {
      file: `page-${i}.md`,
      resolveRef: (target) => (target === "/matrix_basics" ? { url: "/matrix_basics/" } : { error: "unknown" }),
    });
    if (page.diagnostics.length > 0) throw new Error(`page ${i}: ${page.diagnostics[0]?.message}`);
    katex += countKatex(page.html);
  }
  return katex;
});
