import { describe, expect, it } from "vitest";
import { MarkdownRenderer } from "./pipeline.ts";
import { readingMinutes } from "./reading.ts";

const renderer = new MarkdownRenderer();
const render = (source: string) => renderer.render(source, { file: "r.md", resolveRef: () => ({ error: "none" }) });

describe("a page's reading time", () => {
  it("counts Han characters and English words of the prose, not its code or formulas", async () => {
    const page = await render(
      "注意力机制很重要。Attention is all you need.\n\n$$\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V$$\n\n```python\nprint('not prose at all')\n```\n\n行内公式 \\( x_1 + y \\) 不算。",
    );
    // 注意力机制很重要 (8) + 行内公式 (4) + 不算 (2); Attention is all you need (5).
    expect(page.prose).toEqual({ han: 14, latin: 5 });
    expect(page.formulas.display).toBe(1);
  });

  it("is 300 characters or 200 words a minute, 15 s a displayed formula, at least a minute", () => {
    expect(readingMinutes({ han: 0, latin: 0 }, 0)).toBe(1);
    expect(readingMinutes({ han: 3000, latin: 0 }, 0)).toBe(10);
    expect(readingMinutes({ han: 0, latin: 2000 }, 0)).toBe(10);
    expect(readingMinutes({ han: 1500, latin: 1000 }, 20)).toBe(15);
  });
});
