import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkContent } from "./check.ts";
import { pageUrl } from "./course-files.ts";
import { loadSite } from "./site.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url));

describe("pageUrl keeps Hugo's URLs", () => {
  it.each([
    ["_index.md", undefined, "/"],
    ["matrix_basics.md", undefined, "/matrix_basics/"],
    ["Section/_index.md", undefined, "/section/"],
    ["a/index.md", undefined, "/a/"],
    ["a/b.md", "c", "/a/c/"],
    ["注意力.md", undefined, "/%E6%B3%A8%E6%84%8F%E5%8A%9B/"],
  ])("%s (slug %s) → %s", (file, slug, url) => {
    expect(pageUrl(file, slug)).toBe(url);
  });
});

describe("loadSite", () => {
  it("orders lessons by weight, resolves relative and absolute refs, and leaves drafts out of production", async () => {
    const site = await loadSite({ contentDir: fixture("course"), includeDrafts: false });
    expect(site.diagnostics).toEqual([]);
    expect(site.home?.title).toBe("首页");
    expect(site.lessons.map((p) => [p.url, p.title])).toEqual([
      ["/lesson-b/", "第一课：矩阵"],
      ["/lesson-a/", "第二课：Softmax"],
      ["/section/", "进阶"],
      ["/section/deep-dive/", "深入"],
    ]);
    const lessonB = site.pageAt("/lesson-b");
    expect(lessonB?.html).toContain('<a href="/lesson-a/">下一课</a>');
    expect(lessonB?.html).toContain('href="/section/deep-dive/#%E7%BB%86%E8%8A%82"');
    expect(site.pageAt("/section/")?.html).toContain('<a href="/lesson-b/">回到第一课</a>');
    expect(site.pageAt("/draft/")).toBeUndefined();
  });

  it("shows drafts in development", async () => {
    const site = await loadSite({ contentDir: fixture("course"), includeDrafts: true });
    expect(site.lessons[0]).toMatchObject({ url: "/draft/", draft: true });
  });

  it("gives headings CJK-safe unique ids and a table of contents", async () => {
    const site = await loadSite({ contentDir: fixture("course"), includeDrafts: false });
    const lessonB = site.pageAt("/lesson-b/");
    expect(lessonB?.toc).toEqual([
      expect.objectContaining({ depth: 2, id: "矩阵的定义", text: "矩阵的定义" }),
      expect.objectContaining({ depth: 2, id: "矩阵的定义-1", text: "矩阵的定义" }),
    ]);
    expect(lessonB?.hasTitleHeading).toBe(false);
    expect(site.home?.hasTitleHeading).toBe(true);
  });

  it("reports a broken ref, a ref to a draft, a bad formula and a wrong front matter type with file:line:column", async () => {
    const report = await checkContent(fixture("broken"));
    const errors = report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
    expect(errors).toEqual([
      "_index.md:5:12 ref-not-found",
      "bad-front.md:3:1 front-matter-type",
      "bad-math.md:11:14 math-parse",
      "links-draft.md:6:6 ref-not-found",
    ]);
    expect(report.diagnostics.find((d) => d.file === "links-draft.md")?.message).toContain("draft");
  });

  it("reports a ref to a heading that does not exist", async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(`${tmpdir()}/content-`);
    await writeFile(`${dir}/_index.md`, '---\ntitle: "x"\n---\n\n[a]({{< ref "/b#nowhere" >}})\n');
    await writeFile(`${dir}/b.md`, '---\ntitle: "b"\n---\n\n## 有的标题\n');
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    expect(site.diagnostics).toEqual([
      expect.objectContaining({ rule: "ref-anchor-not-found", file: "_index.md", line: 5, column: 5 }),
    ]);
  });
});

describe("content:check CLI", () => {
  const run = promisify(execFile);
  const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
  const check = (dir: string) =>
    run(process.execPath, ["--import", "tsx", cli, dir], {
      cwd: fixture(""),
      env: { ...process.env, INIT_CWD: fixture("") },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );

  it("prints each problem as file:line:column and exits 1 on errors", async () => {
    const { code, stdout } = await check("broken");
    expect(code).toBe(1);
    expect(stdout).toContain("broken/_index.md:5:12 error [ref-not-found]");
    expect(stdout).toContain("broken/bad-math.md:11:14 error [math-parse] KaTeX cannot parse");
    expect(stdout).toContain("broken/bad-front.md:3:1 error [front-matter-type]");
    expect(stdout).toMatch(/4 errors, 0 warnings/);
    expect(stdout).toContain('broken/links-draft.md:6:6 error [ref-not-found] ref "/wip" points to a draft page');
  });

  it("prints nothing but JSON with --json when run as `pnpm content-check` (no runner banner)", async () => {
    const root = fileURLToPath(new URL("../../..", import.meta.url));
    const result = await run(
      process.execPath,
      [`${root}scripts/pnpm.mjs`, "content-check", "--json", fixture("broken")],
      { cwd: root },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ errors: 4, warnings: 0 });
    expect(report.diagnostics[0]).toMatchObject({ file: "_index.md", line: 5, column: 12, rule: "ref-not-found" });
  });

  it("exits 0 on good content", async () => {
    const { code, stdout } = await check("course");
    expect(code).toBe(0);
    expect(stdout).toContain("content:check: 6 pages, 1 formulas, 0 exercises (50 variants each), 0 errors");
  });
});

it("checks same-page anchors too", async () => {
  const { mkdtemp, writeFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(`${tmpdir()}/content-`);
  await writeFile(
    `${dir}/_index.md`,
    '---\ntitle: "x"\n---\n\n## 有\n\n[a]({{< ref "#有" >}}) [b]({{< ref "#没有" >}})\n',
  );
  const site = await loadSite({ contentDir: dir, includeDrafts: false });
  expect(site.diagnostics).toEqual([
    expect.objectContaining({ rule: "ref-anchor-not-found", file: "_index.md", line: 7, column: 27 }),
  ]);
});

describe("ref and relref as Hugo resolves them", () => {
  it("finds a page by its name when only one has it, says which pages share an ambiguous one, and follows lang", async () => {
    const { mkdtemp, mkdir, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(`${tmpdir()}/refs-`);
    for (const sub of ["docs", "guide/intro", "a", "b"]) await mkdir(`${dir}/${sub}`, { recursive: true });
    await writeFile(`${dir}/docs/blocks.md`, '---\ntitle: "Blocks"\n---\n\n## Key Ideas {#key-ideas}\n');
    await writeFile(`${dir}/docs/blocks.en.md`, '---\ntitle: "Blocks"\n---\n\n## Key Ideas {#key-ideas}\n');
    await writeFile(`${dir}/guide/intro/_index.md`, '---\ntitle: "Intro"\n---\n');
    await writeFile(`${dir}/a/dup.md`, '---\ntitle: "A"\n---\n');
    await writeFile(`${dir}/b/dup.md`, '---\ntitle: "B"\n---\n');
    await writeFile(
      `${dir}/_index.md`,
      [
        "---",
        'title: "首页"',
        "---",
        "",
        '[1]({{< ref "blocks" >}}) [2]({{< ref "intro" >}}) [3]({{< relref "blocks#key-ideas" >}})',
        "",
        '[4]({{< ref path="blocks" lang="en" >}}) [5]({{< ref "dup" >}}) [6]({{< ref "./blocks" >}})',
        "",
        '[7]({{< ref path="/docs/blocks" lang="fr" >}})',
      ].join("\n"),
    );
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    const home = site.pageAt("/");
    expect(home?.html).toContain(
      '<a href="/docs/blocks/">1</a> <a href="/guide/intro/">2</a> <a href="/docs/blocks/#key-ideas">3</a>',
    );
    expect(home?.html).toContain('<a href="/en/docs/blocks/">4</a>');
    const errors = site.diagnostics.filter((d) => d.file === "_index.md" && d.severity === "error");
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [7, 'ref "dup" is ambiguous: 2 pages are named dup (a/dup.md, b/dup.md); write the path, like "/a/dup"'],
      [7, expect.stringContaining('ref "./blocks" matches no page')],
      [9, 'ref "/docs/blocks": no language "fr" (the site has zh, en)'],
    ]);
  });
});
