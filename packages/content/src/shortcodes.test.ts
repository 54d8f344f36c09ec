import { describe, expect, it } from "vitest";
import { MarkdownRenderer } from "./pipeline.ts";
import type { ShortcodeDefinition } from "./shortcodes.ts";
import { renderSnippet } from "./test-helpers.ts";

describe("ref and relref", () => {
  it("resolve inside a link destination, in text and with an anchor", async () => {
    const page = await renderSnippet(
      '[矩阵]({{< ref "/matrix_basics" >}}) · [首页]({{< relref "/" >}}) · {{< ref "matrix_basics" >}} · [x]({{< ref "/matrix_basics#转置" >}})',
    );
    expect(page.diagnostics).toEqual([]);
    expect(page.html).toContain('<a href="/matrix_basics/">矩阵</a>');
    expect(page.html).toContain('<a href="/">首页</a>');
    expect(page.html).toContain("· /matrix_basics/ ·");
    expect(page.html).toContain('href="/matrix_basics/#%E8%BD%AC%E7%BD%AE"');
  });

  it("reports an unknown target at the shortcode's line and column", async () => {
    const page = await renderSnippet('# 标题\n\n见 [这里]({{< ref "/no_such_page" >}})。');
    expect(page.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", rule: "ref-not-found", file: "page.md", line: 3, column: 8 }),
    ]);
    expect(page.diagnostics[0]?.message).toContain("/no_such_page");
  });

  it("keeps positions exact after a shortcode, for the errors that follow it", async () => {
    const page = await renderSnippet('[a]({{< ref "/matrix_basics" >}}) then \\( \\frac{ \\)');
    expect(page.diagnostics[0]).toMatchObject({ rule: "math-parse", line: 1 });
    expect(page.diagnostics[0]?.column).toBeGreaterThan(40);
  });
});

describe("other shortcodes", () => {
  it("reports an unknown shortcode and removes it from the page", async () => {
    const page = await renderSnippet("Text {{< youtubex abc >}} more.\n\n{{% notice %}}");
    expect(page.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([
      ["shortcode-unknown", 1, 6],
      ["shortcode-unknown", 3, 1],
    ]);
    expect(page.html).not.toContain("youtubex");
  });

  it("prints an escaped shortcode literally", async () => {
    const page = await renderSnippet('Write `{{</* ref "/matrix_basics" */>}}` to link.');
    expect(page.diagnostics).toEqual([]);
    expect(page.html).toContain('<code>{{&#x3C; ref "/matrix_basics" >}}</code>');
  });

  it("reports a shortcode that is never closed", async () => {
    const page = await renderSnippet('See {{< ref "/matrix_basics" and more text');
    expect(page.diagnostics[0]).toMatchObject({ rule: "shortcode-syntax", line: 1, column: 5 });
  });

  it("lets later features register shortcodes, with a raw body, as blocks", async () => {
    const note: ShortcodeDefinition = {
      name: "note",
      body: "raw",
      render: (call) => ({
        kind: "block",
        node: {
          type: "blockquote",
          children: [
            { type: "paragraph", children: [{ type: "text", value: `${call.named.kind}: ${call.body?.trim()}` }] },
          ],
        },
      }),
    };
    const renderer = new MarkdownRenderer({ shortcodes: [note] });
    const page = await renderer.render('Intro.\n\n{{< note kind="提示" >}}\n先看形状。\n{{< /note >}}\n\nAfter.', {
      file: "n.md",
      resolveRef: () => ({ error: "none" }),
    });
    expect(page.diagnostics).toEqual([]);
    expect(page.html).toContain("<blockquote>\n<p>提示: 先看形状。</p>\n</blockquote>");
    expect(page.html).toContain("<p>After.</p>");
  });
});
