import { readFileSync } from "node:fs";

const seed = readFileSync("/work/main/content/_index.md", "utf8");
const { MarkdownRenderer } = await import("@llm-basics/content");
const mb = (n: number) => (n / 1048576).toFixed(0);
global.gc?.();
console.log("after import rss", mb(process.memoryUsage().rss), "heap", mb(process.memoryUsage().heapUsed));
const r = new MarkdownRenderer();
for (let i = 0; i < 1000; i++) {
  await r.render(seed, { file: "p.md", resolveRef: () => ({ url: "/x/" }) });
  if (i % 250 === 0)
    console.log(
      i,
      "rss",
      mb(process.memoryUsage().rss),
      "heap",
      mb(process.memoryUsage().heapUsed),
      "total",
      mb(process.memoryUsage().heapTotal),
    );
}
global.gc?.();
console.log(
  "end rss",
  mb(process.memoryUsage().rss),
  "heap",
  mb(process.memoryUsage().heapUsed),
  "peak",
  mb(process.resourceUsage().maxRSS * 1024),
);
