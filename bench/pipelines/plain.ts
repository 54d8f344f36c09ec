// The plain pipeline: unified + remark-math + rehype-katex (and remark-frontmatter, so the
// front matter is not read as a heading).
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkFrontmatter from "remark-frontmatter";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { countKatex, measure } from "./shared.ts";

await measure("plain", async (seed, pages) => {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter)
    .use(remarkMath)
    .use(remarkRehype)
    .use(rehypeKatex, { output: "htmlAndMathml" })
    .use(rehypeStringify)
    .freeze();
  // It knows neither \( \) nor shortcodes: give it `$…$` and the link's URL.
  const input = seed
    .replaceAll("\\(", "$")
    .replaceAll("\\)", "$")
    .replace('{{< ref "/matrix_basics" >}}', "/matrix_basics/");
  let katex = 0;
  for (let i = 0; i < pages; i++) katex += countKatex(String(await processor.process(input)));
  return katex;
});
