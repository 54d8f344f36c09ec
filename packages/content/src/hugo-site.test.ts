import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSite } from "./site.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url));

describe("a Hugo site of our own (test/fixtures/hugo-site): config, two languages, every built-in shortcode", async () => {
  const site = await loadSite({ contentDir: `${fixture("hugo-site")}/content`, includeDrafts: false });
  const page = (url: string) => {
    const found = site.pageAt(url);
    if (!found) throw new Error(`no page at ${url}`);
    return found;
  };

  it("renders with no error, and the one warning is the theme shortcode the site listed", () => {
    expect(site.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
      ["zh/docs/softmax.md", "shortcode-theme", "warning"],
    ]);
  });

  it("takes title, baseURL, languages and their content directories from hugo.toml", () => {
    expect(site.settings).toMatchObject({
      title: "注意力课程",
      baseURL: "https://course.example.org/",
      language: "zh-CN",
    });
    expect(site.languages.map((l) => [l.code, l.lang, l.root, l.title])).toEqual([
      ["zh", "zh-CN", "/", "注意力课程"],
      ["en", "en-US", "/en/", "Attention course"],
    ]);
    expect(site.lessons.map((p) => [p.url, p.file])).toEqual([
      ["/docs/softmax/", "zh/docs/softmax.md"],
      ["/docs/attention/", "zh/docs/attention.md"],
    ]);
    expect(site.lessonsIn("en").map((p) => p.url)).toEqual(["/en/docs/attention/"]);
    expect([...site.translationsOf(page("/docs/attention/")).keys()]).toEqual(["zh", "en"]);
  });

  it("resolves refs by name, across languages, with anchors to {#id} headings", () => {
    expect(page("/").html).toContain('<a href="/docs/attention/">注意力</a>');
    expect(page("/").html).toContain('<a href="/docs/softmax/#%E5%AE%9A%E4%B9%89">softmax</a>');
    expect(page("/en/").html).toContain('<a href="/en/docs/attention/">attention</a>');
    expect(page("/en/docs/attention/").html).toContain('<a href="/docs/attention/">the Chinese page</a>');
    expect(page("/en/docs/attention/").html).toContain('<a href="/docs/softmax/">softmax</a>');
  });

  it("reads params from the page, then the site's; $…$ math; attributes after headings and blocks", () => {
    expect(page("/").html).toContain("<p>作者：课程组，代码在 llm-basics。</p>");
    expect(page("/").html).toContain('<h1 id="home" class="lead">注意力课程</h1>');
    expect(page("/docs/attention/").html).toContain("难度：入门。");
    const softmax = page("/docs/softmax/");
    expect(softmax.formulas).toEqual({ display: 0, inline: 2 });
    expect(softmax.html).toMatch(
      /^<h2 id="定义">定义<\/h2>\n<p class="definition">对向量 <span class="math math-inline">/,
    );
    expect(softmax.html).toContain("<p>先减去最大值，数值更稳定。</p>");
  });

  it("renders Hugo's shortcodes without a request to another host", () => {
    const html = page("/docs/attention/").html;
    expect(html).not.toMatch(/<iframe|<script|src="https?:|src="\/\//);
    expect(html).toContain(
      '<figure><img src="/images/heatmap.svg" alt="注意力权重热图"><figcaption><h4 id="图-1">图 1</h4><p>每行之和为 <strong>1</strong> <a href="https://example.org/">课程组</a></p></figcaption></figure>',
    );
    expect(html.match(/<span class="line hl">/g)).toHaveLength(2);
    expect(html).toMatch(/<details><summary>为什么除以 <span class="math math-inline">.*<\/summary><p>点积的方差随/s);
    expect(html).toContain('<div class="math math-display">');
    expect(html).toMatch(
      /<p><img src="data:image\/svg\+xml;base64,[^"]+" width="\d+" height="\d+" alt="本页地址"><\/p>/,
    );
    for (const address of [
      "https://www.youtube.com/watch?v=eMlx5fFNoYc",
      "https://vimeo.com/55073825",
      "https://gist.github.com/jmooring/23932424365401ffa5e9d9810102a477",
      "https://x.com/SanDiegoZoo/status/1453110110599868418",
      "https://www.instagram.com/p/CxOWiQNP2MO/",
    ]) {
      expect(html).toContain(`<a href="${address}" rel="noopener noreferrer">`);
    }
    expect(html).not.toContain("备注");
    expect(page("/en/docs/attention/").html).toContain(
      "<details open><summary>Why scale by the square root?</summary>",
    );
  });
});

describe("hugo-book's example site (MIT), with its own configuration", async () => {
  const root = fixture("hugo-theme-book");
  const site = await loadSite({ contentDir: `${root}/content`, includeDrafts: false });

  it("renders every page with no error; the only warnings name its theme shortcodes (listed in _site.yaml) and one untitled section", () => {
    expect(site.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const warnings = new Set(site.diagnostics.map((d) => d.rule));
    expect(warnings).toEqual(new Set(["shortcode-theme", "front-matter-title"]));
    expect(site.diagnostics.filter((d) => d.rule === "front-matter-title").map((d) => d.file)).toEqual([
      "../content.en/docs/content/shortcodes/experimental/_index.md",
    ]);
  });

  it("follows its languages: English at the root from content.en/, Chinese and Hebrew under /zh/ and /he/", async () => {
    expect(site.languages.map((l) => [l.code, l.root])).toEqual([
      ["en", "/"],
      ["zh", "/zh/"],
      ["he", "/he/"],
    ]);
    expect(site.home?.file).toBe("../content.en/_index.md");
    expect(site.homeIn("zh")?.url).toBe("/zh/");
    expect(site.homeIn("he")?.url).toBe("/he/");
    expect(site.lessons.length).toBeGreaterThan(25);
    const license = await readFile(`${root}/LICENSE`, "utf8");
    expect(license).toContain("MIT License");
  });

  it("shows theme shortcodes as their body, its details with a positional summary, katex as formulas", () => {
    const details = site.pageAt("/docs/content/shortcodes/details/")?.html ?? "";
    expect(details).toContain("<details><summary>What Hugo version is required?</summary>");
    expect(details).toContain("<details open><summary>How do I override the theme?</summary>");
    const katex = site.pageAt("/docs/content/shortcodes/katex/");
    expect((katex?.formulas.display ?? 0) + (katex?.formulas.inline ?? 0)).toBeGreaterThan(2);
    const hints = site.pageAt("/docs/content/shortcodes/hints/")?.html ?? "";
    // Outside its code samples, no shortcode is left as text; each hint's body is on the page.
    expect(hints.replace(/<pre>[\s\S]*?<\/pre>/g, "")).not.toContain("{{");
    expect(hints).toContain("<p><strong>Default hint</strong><br>\nWithout a specified type.</p>");
  });
});

describe("a Hugo configuration read as Hugo reads it", () => {
  const site = async (files: Record<string, string>) => {
    const { mkdtemp, mkdir, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const root = await mkdtemp(`${tmpdir()}/hugo-config-`);
    for (const [name, text] of Object.entries(files)) {
      await mkdir(`${root}/${name}`.replace(/\/[^/]+$/, ""), { recursive: true });
      await writeFile(`${root}/${name}`, text);
    }
    return { root, site: await loadSite({ contentDir: `${root}/content`, includeDrafts: false }) };
  };

  it("merges config/_default/ over the root file, and puts the default language in its own subdirectory when asked", async () => {
    const { site: loaded } = await site({
      "config.json": JSON.stringify({
        title: "JSON",
        defaultContentLanguage: "en",
        defaultContentLanguageInSubdir: true,
      }),
      "config/_default/params.yaml": "author: YAML 作者\n",
      "config/_default/languages.toml":
        '[en]\nweight = 1\nlocale = "en-GB"\n[zh]\nweight = 2\nlocale = "zh-CN"\ntitle = "中文站"\n',
      "content/_index.md": "---\ntitle: Home\n---\n\n{{< param author >}}\n",
      "content/_index.zh.md": "---\ntitle: 首页\n---\n",
    });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.languages.map((l) => [l.code, l.lang, l.root, l.title])).toEqual([
      ["en", "en-GB", "/en/", "JSON"],
      ["zh", "zh-CN", "/zh/", "中文站"],
    ]);
    expect(loaded.homeIn("en")?.html).toBe("<p>YAML 作者</p>");
    expect(loaded.settings.hugo?.files).toEqual([
      "config.json",
      "config/_default/languages.toml",
      "config/_default/params.yaml",
    ]);
  });

  it("reads hugo.toml before config.toml, and _site.yaml wins over both; a broken file is an error at its line", async () => {
    const { site: loaded } = await site({
      "hugo.toml":
        'title = "hugo.toml"\n[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\ninline = [["@@", "@@"]]\n',
      "config.toml": 'title = "config.toml"\n',
      "content/_site.yaml": "math: { singleDollar: true }\n",
      "content/_index.md": "---\ntitle: x\n---\n\n$a$\n",
    });
    expect(loaded.settings.title).toBe("hugo.toml");
    expect(loaded.settings.math.singleDollar).toBe(true);
    expect(loaded.home?.formulas.inline).toBe(1);
    expect(loaded.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
      ["../hugo.toml", "site-config", "warning"],
    ]);
    expect(loaded.diagnostics[0]?.message).toContain("@@ … @@ stay text");
    const { site: broken } = await site({ "hugo.yaml": "title: [unclosed\n", "content/_index.md": "# x\n" });
    expect(broken.diagnostics[0]).toMatchObject({
      file: "../hugo.yaml",
      rule: "site-config",
      severity: "error",
      line: 2,
    });
  });

  it("publishes static/ at the root and a page bundle's images beside the page", async () => {
    const { siteFiles } = await import("./site-files.ts");
    const { root } = await site({
      "static/images/a.svg": "<svg/>",
      "static/.hidden": "x",
      "content/Docs/Attention/index.md": "# x\n",
      "content/Docs/Attention/Heat Map.png": "png",
      "content/Docs/notes.yaml": "a: 1\n",
    });
    expect((await siteFiles(`${root}/content`)).map((f) => f.url)).toEqual([
      "/docs/attention/Heat%20Map.png",
      "/images/a.svg",
    ]);
    expect((await siteFiles(`${fixture("hugo-site")}/content`)).map((f) => f.url)).toEqual(["/images/heatmap.svg"]);
  });
});
