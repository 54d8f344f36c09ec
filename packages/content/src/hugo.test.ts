import { describe, expect, it } from "vitest";
import { parseAttributeList } from "./attributes.ts";
import { MarkdownRenderer } from "./pipeline.ts";
import { renderSnippet } from "./test-helpers.ts";

// Hugo's Markdown as Hugo's documentation describes it (gohugo.io), in examples written here.

const render = (source: string, options: ConstructorParameters<typeof MarkdownRenderer>[0] = {}) =>
  new MarkdownRenderer(options).render(source, {
    file: "page.md",
    resolveRef: (target) => (target === "/matrix_basics" ? { url: "/matrix_basics/" } : { error: `no ${target}` }),
  });

describe("Markdown attributes", () => {
  it("reads goldmark's attribute lists and refuses malformed ones", () => {
    expect(parseAttributeList('{#intro .note .wide data-level=2 title="a \\"b\\""}')).toEqual({
      id: "intro",
      classes: ["note", "wide"],
      values: new Map<string, unknown>([
        ["data-level", 2],
        ["title", 'a "b"'],
      ]),
    });
    expect(parseAttributeList('{linenos=true, hl_lines=[2, "5-7"]}')?.values).toEqual(
      new Map<string, unknown>([
        ["linenos", true],
        ["hl_lines", [2, "5-7"]],
      ]),
    );
    for (const bad of ["{width=100px}", "{an attr}", "{#}", "{hidden}", "x {#a}"]) {
      expect(parseAttributeList(bad), bad).toBeUndefined();
    }
  });

  it("gives a heading its {#id .class} (ATX and setext), which the table of contents and refs use", async () => {
    const page = await renderSnippet(
      "## Key Ideas {#key-ideas}\n\n## 注意力机制 {.note #注意力 data-level=2}\n\nSetext {#setext}\n---\n\n## Not {an attr}\n\n## Plain",
    );
    expect(page.diagnostics).toEqual([]);
    expect(page.html).toContain('<h2 id="key-ideas">Key Ideas</h2>');
    expect(page.html).toContain('<h2 id="注意力" class="note" data-level="2">注意力机制</h2>');
    expect(page.html).toContain('<h2 id="setext">Setext</h2>');
    expect(page.html).toContain('<h2 id="not-an-attr">Not {an attr}</h2>');
    expect(page.headings.map((h) => [h.id, h.text])).toEqual([
      ["key-ideas", "Key Ideas"],
      ["注意力", "注意力机制"],
      ["setext", "Setext"],
      ["not-an-attr", "Not {an attr}"],
      ["plain", "Plain"],
    ]);
  });

  it("keeps event handlers and styles off the page, with a warning, and raw HTML cannot pose as trusted", async () => {
    const page = await renderSnippet(
      '## A {#a onclick="alert(1)" style="color:red" anchor=false}\n\n<h2 data-hugo=\'x:{"onclick":"alert(1)"}\'>raw</h2>',
    );
    expect(page.html).toContain('<h2 id="a">A</h2>');
    expect(page.html).not.toMatch(/onclick|style=|data-hugo/);
    expect(page.diagnostics).toEqual([
      expect.objectContaining({
        rule: "attribute-dropped",
        line: 1,
        message: expect.stringContaining("onclick, style"),
      }),
    ]);
  });

  it("reads attribute lists after blocks only when the site turns them on", async () => {
    const source = "> quoted\n{.note}\n\nA paragraph.\n{#p1 .lead}\n\n- item\n\n{.loose}";
    const off = await render(source);
    expect(off.html).toContain("{.note}");
    const on = await render(source, { blockAttributes: true });
    expect(on.html).toContain('<blockquote class="note">');
    expect(on.html).toContain('<p id="p1" class="lead">A paragraph.</p>');
    // A blank line before the list means it belongs to nothing, and it is left as text.
    expect(on.html).toContain("<p>{.loose}</p>");
  });
});

describe("alerts", () => {
  it("makes a > [!KIND] quote an alert with its title, in the page's language; other [!…] stay", async () => {
    const page = await renderSnippet(
      "> [!TIP]\n> 先看**形状**。\n\n> [!WARNING] 小心溢出\n> 减去最大值。\n\n> [!FOO]\n> 原样",
    );
    expect(page.html).toBe(
      '<blockquote class="alert alert-tip">\n<p class="alert-title">提示</p>\n<p>先看<strong>形状</strong>。</p>\n</blockquote>\n<blockquote class="alert alert-warning">\n<p class="alert-title">小心溢出</p>\n<p>减去最大值。</p>\n</blockquote>\n<blockquote>\n<p>[!FOO]\n原样</p>\n</blockquote>',
    );
    expect((await render("> [!NOTE]\n> x", { language: "en" })).html).toContain('<p class="alert-title">Note</p>');
  });
});

describe("code blocks", () => {
  it("numbers and highlights lines from fence attributes and from highlight's options alike", async () => {
    const fence = await renderSnippet(
      '```python {linenos=true, hl_lines=[2, "3-3"], linenostart=10, title="f.py"}\ndef f(x):\n    """doc\n    more"""\n    return x\n```',
    );
    const shortcode = await renderSnippet(
      '{{< highlight python "linenos=table, hl_lines=2 3, linenostart=10, title=f.py" >}}\ndef f(x):\n    """doc\n    more"""\n    return x\n{{< /highlight >}}',
    );
    for (const page of [fence, shortcode]) {
      expect(page.diagnostics).toEqual([]);
      const lines = [
        ...page.html.matchAll(/<span class="line( hl)?"><span class="ln" aria-hidden="true">(\d+)<\/span>/g),
      ];
      expect(lines.map((m) => [m[2], Boolean(m[1])])).toEqual([
        ["10", false],
        ["11", true],
        ["12", true],
        ["13", false],
      ]);
      // The docstring spans two lines: closed at the end of the first, reopened on the next.
      expect(page.html).toContain(
        '<span class="cl">    <span class="hljs-string">&quot;&quot;&quot;doc</span>\n</span>',
      );
      expect(page.html).toContain(
        '<span class="cl"><span class="hljs-string">    more&quot;&quot;&quot;</span>\n</span>',
      );
    }
    expect(fence.html).toContain('title="f.py"');
  });

  it("reads ```{title=…} without a language, and warns about attributes it cannot read", async () => {
    const page = await renderSnippet('```{title="x"}\nplain <b>\n```\n\n```python {hl_lines=2-4}\nx\n```');
    expect(page.html).toContain('<pre><code title="x">plain &#x3C;b>\n</code></pre>');
    expect(page.diagnostics).toEqual([
      expect.objectContaining({ rule: "code-attributes", line: 5, message: expect.stringContaining('hl_lines="2-4"') }),
    ]);
  });

  it("shows a highlight shortcode's body as code, never as HTML", async () => {
    const page = await renderSnippet("{{< highlight html >}}\n<script>alert(1)</script>\n{{< /highlight >}}");
    expect(page.html).not.toContain("<script>");
    expect(page.html).toContain('<span class="hljs-tag">&lt;<span class="hljs-name">script</span>&gt;</span>');
  });
});

describe("Hugo's built-in shortcodes", () => {
  it("figure: image, link, title, Markdown caption and attribution", async () => {
    const page = await renderSnippet(
      '{{< figure src="/images/attention.png" link="/attention/" alt="注意力热图" title="图 1" caption="**权重** 之和为 1" attr="作者" attrlink="https://example.org/a" class="wide" width="300" >}}',
    );
    expect(page.diagnostics).toEqual([]);
    expect(page.html).toMatch(
      /^<figure class="wide"><a href="\/attention\/"><img src="\/images\/attention.png" alt="注意力热图" width="300"><\/a><figcaption><h4[^>]*>图 1<\/h4><p><strong>权重<\/strong> 之和为 1 <a href="https:\/\/example.org\/a">作者<\/a><\/p><\/figcaption><\/figure>$/,
    );
  });

  it("figure: an image on another host is linked, not loaded, with a warning; javascript: is refused", async () => {
    const page = await renderSnippet(
      '{{< figure src="https://cdn.example.org/a.png" alt="A" >}}\n\n{{< figure src="javascript:alert(1)" >}}',
    );
    expect(page.html).not.toContain("<img");
    expect(page.html).toContain('<a href="https://cdn.example.org/a.png" rel="noopener noreferrer">A</a>');
    expect(page.html).not.toContain("javascript");
    expect(page.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ["external-resource", 1],
      ["shortcode-syntax", 3],
    ]);
  });

  it("details: summary and body in Markdown, open, nested, with formulas and refs inside", async () => {
    const page = await renderSnippet(
      '前文\n{{< details summary="看 **推导** \\( \\sqrt{d_k} \\)" open=true >}}\n由 \\( e^x \\) 得到 [矩阵]({{< ref "/matrix_basics" >}})。\n\n{{< details >}}\n内层\n{{< /details >}}\n{{< /details >}}\n后文',
    );
    expect(page.diagnostics).toEqual([]);
    expect(page.html).toMatch(
      /^<p>前文<\/p>\n<details open><summary>看 <strong>推导<\/strong> <span class="math math-inline">.*?\\sqrt\{d_k\}<\/annotation>.*?<\/summary><p>由 <span class="math math-inline">/s,
    );
    expect(page.html).toContain(
      '<a href="/matrix_basics/">矩阵</a>。</p><details><summary>详情</summary><p>内层</p></details></details>',
    );
    expect(page.html).toMatch(/<\/details>\n?<p>后文<\/p>$/);
    expect(page.formulas.inline).toBe(2);
  });

  it("details: nesting deeper than 16 is one error, the rest of the page intact", async () => {
    const page = await renderSnippet(`${"{{< details >}}\n".repeat(40)}内\n${"{{< /details >}}\n".repeat(40)}\n后文`);
    expect(page.diagnostics.map((d) => [d.rule, d.line])).toEqual([["shortcode-syntax", 17]]);
    expect(page.html.match(/<details>/g)).toHaveLength(16);
    expect(page.html).toMatch(/<p>后文<\/p>$/);
  });

  it("details: a formula error inside the body is reported at its own line", async () => {
    const page = await renderSnippet("{{< details >}}\n\n第二行\n\\( \\frac{ \\)\n{{< /details >}}");
    expect(page.diagnostics).toEqual([expect.objectContaining({ rule: "math-parse", line: 4 })]);
  });

  it("param: the page's front matter, its params, then the site's; a missing one is an error", async () => {
    const renderer = new MarkdownRenderer({ siteParams: { author: { name: "站点作者" }, license: "CC BY 4.0" } });
    const page = await renderer.render(
      '---\ntitle: x\nAuthor: 张三\nparams:\n  color: 蓝\n---\n\n{{< param "author" >}} {{< param color >}} {{< param "author.name" >}} {{< param license >}} {{< param missing >}}',
      { file: "p.md", resolveRef: () => ({ error: "none" }) },
    );
    // `author` is the page's (any case); `author.name` is not, so it is the site's.
    expect(page.html).toBe("<p>张三 蓝 站点作者 CC BY 4.0 </p>");
    expect(page.diagnostics.map((d) => [d.rule, d.line])).toEqual([["param-not-found", 8]]);
  });

  it("qr: an image drawn here (an SVG data URI), no other host; bad options are errors", async () => {
    const page = await renderSnippet(
      '{{< qr text="https://example.org/课程" alt="课程地址" scale="3" />}}\n\n{{< qr level="best" >}}x{{< /qr >}}',
    );
    const src = /<img src="data:image\/svg\+xml;base64,([^"]+)" width="(\d+)" height="\d+" alt="课程地址">/.exec(
      page.html,
    );
    expect(src).not.toBeNull();
    const svg = Buffer.from(src?.[1] ?? "", "base64").toString();
    const modules = Number(/viewBox="0 0 (\d+) /.exec(svg)?.[1]);
    expect(Number(src?.[2])).toBe(modules * 3);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*><rect[^>]*\/><path d="M4 4h7v1h-7z/);
    expect(page.diagnostics).toEqual([
      expect.objectContaining({ rule: "shortcode-syntax", line: 3, message: expect.stringContaining("best") }),
    ]);
  });

  it("youtube, vimeo, gist, x, twitter and instagram become link cards: no iframe, no script, no request", async () => {
    const page = await renderSnippet(
      [
        '{{< youtube id="0RKpf3rK57I" start="30" title="注意力讲解" >}}',
        "{{< youtube 0RKpf3rK57I >}}",
        '{{< vimeo id="55073825" >}}',
        "{{< gist jmooring 23932424365401ffa5e9d9810102a477 list.html >}}",
        '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}',
        '{{< twitter user="SanDiegoZoo" id="1453110110599868418" >}}',
        "{{< instagram CxOWiQNP2MO >}}",
        '{{< youtube id="x\\"><script>" >}}',
      ].join("\n\n"),
    );
    expect(page.html).not.toMatch(/<iframe|<script|<img/);
    expect([...page.html.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
      ["https://www.youtube.com/watch?v=0RKpf3rK57I&#x26;t=30s", "在 YouTube 上观看：注意力讲解"],
      ["https://www.youtube.com/watch?v=0RKpf3rK57I", "在 YouTube 上观看：视频 0RKpf3rK57I"],
      ["https://vimeo.com/55073825", "在 Vimeo 上观看：视频 55073825"],
      [
        "https://gist.github.com/jmooring/23932424365401ffa5e9d9810102a477#file-list-html",
        "GitHub Gist：jmooring/23932424365401ffa5e9d9810102a477 · list.html",
      ],
      ["https://x.com/SanDiegoZoo/status/1453110110599868418", "@SanDiegoZoo 在 X 上的帖子"],
      ["https://x.com/SanDiegoZoo/status/1453110110599868418", "@SanDiegoZoo 在 X 上的帖子"],
      ["https://www.instagram.com/p/CxOWiQNP2MO/", "Instagram 帖子 CxOWiQNP2MO"],
    ]);
    expect(page.diagnostics).toEqual([expect.objectContaining({ rule: "shortcode-syntax", line: 15 })]);
    const english = await render("{{< youtube 0RKpf3rK57I >}}", { language: "en" });
    expect(english.html).toContain(">Watch on YouTube: video 0RKpf3rK57I</a>");
  });

  it("comment: its body is left out, and leaves no empty paragraph", async () => {
    const page = await renderSnippet("A\n\n{{< comment >}}\n秘密 **笔记**\n{{< /comment >}}\n\nB");
    expect(page.html).toBe("<p>A</p>\n<p>B</p>");
  });
});

describe("theme and inline shortcodes", () => {
  it("reports an unknown shortcode once per name per page, with its body dropped, and no second error for its closer", async () => {
    const uses = Array.from({ length: 20 }, () => "{{< hint info >}}\n**提示** <b>x</b>\n{{< /hint >}}").join("\n\n");
    const page = await renderSnippet(`${uses}\n\n{{< tabs >}}`);
    expect(page.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ["shortcode-unknown", 1],
      ["shortcode-unknown", 81],
    ]);
    expect(page.diagnostics[0]?.message).toContain("shortcodes: { render: [hint] }");
    expect(page.html).toBe("");
  });

  it("renders a site's listed theme shortcodes as their body or drops them, with one warning per name", async () => {
    const page = await render(
      '{{< hint info >}}\n**提示**：先看形状。\n{{< /hint >}}\n\n点 {{< button href="/x" >}}**这里**{{< /button >}} 继续。\n\n{{< hint >}}\n再一次\n{{< /hint >}}\n\n{{< mermaid >}}\ngraph TD; A-->B\n{{< /mermaid >}}',
      { themeShortcodes: { render: new Set(["hint", "button"]), drop: new Set(["mermaid"]) } },
    );
    expect(page.html).toBe(
      "<p><strong>提示</strong>：先看形状。</p>\n<p>点 <strong>这里</strong> 继续。</p>\n<p>再一次</p>",
    );
    expect(page.diagnostics.map((d) => [d.rule, d.line, d.severity])).toEqual([
      ["shortcode-theme", 1, "warning"],
      ["shortcode-theme", 5, "warning"],
      ["shortcode-theme", 11, "warning"],
    ]);
  });

  it("recognises inline shortcodes and leaves them out, as Hugo does by default", async () => {
    const page = await renderSnippet(
      "现在是 {{< time.inline >}}{{ now }}{{< /time.inline >}}。又 {{< time.inline />}}。",
    );
    expect(page.html).toBe("<p>现在是 。又 。</p>");
    expect(page.diagnostics).toEqual([expect.objectContaining({ rule: "shortcode-inline", severity: "warning" })]);
  });
});
