import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "./front-matter.ts";

describe("front matter", () => {
  it("reads Hugo's YAML keys and keeps unknown ones", () => {
    const { format, data, diagnostics } = parseFrontMatter(
      '---\ntitle: "首页"\ndate: 2025-01-01T00:00:00+08:00\ndraft: false\nweight: 3\ntags: [矩阵, 线性代数]\nmath: true\n---\n# Body\n',
      "a.md",
    );
    expect(diagnostics).toEqual([]);
    expect(format).toBe("yaml");
    expect(data).toMatchObject({ title: "首页", date: "2025-01-01T00:00:00+08:00", draft: false, weight: 3 });
    expect(data.tags).toEqual(["矩阵", "线性代数"]);
    expect(data.math).toBe(true);
  });

  it("reads TOML front matter, dates included", () => {
    const { format, data, diagnostics } = parseFrontMatter(
      '+++\ntitle = "Softmax"\ndate = 2025-02-01T08:00:00Z\nweight = 20\ndescription = "概率分布"\n[params]\nlevel = 1\n+++\nText\n',
      "b.md",
    );
    expect(diagnostics).toEqual([]);
    expect(format).toBe("toml");
    expect(data).toMatchObject({
      title: "Softmax",
      date: "2025-02-01T08:00:00.000Z",
      weight: 20,
      description: "概率分布",
    });
    expect(data.params).toEqual({ level: 1 });
  });

  it("reports a wrong type at the key's line and column", () => {
    const { diagnostics, data } = parseFrontMatter('---\ntitle: "x"\nweight: "ten"\ndraft: yes please\n---\n', "c.md");
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({
      severity: "error",
      rule: "front-matter-type",
      file: "c.md",
      line: 3,
      column: 1,
    });
    expect(diagnostics[0]?.message).toContain('"weight"');
    expect(diagnostics[0]?.message).toContain('the text "ten"');
    expect(diagnostics[1]).toMatchObject({ line: 4, rule: "front-matter-type" });
    // Invalid front matter never half-applies.
    expect(data.weight).toBe(0);
  });

  it("reports wrong types in TOML at the key's line", () => {
    const { diagnostics } = parseFrontMatter('+++\ntitle = "x"\n\ntags = "matrix"\n+++\n', "d.md");
    expect(diagnostics[0]).toMatchObject({ rule: "front-matter-type", line: 4, column: 1 });
  });

  it("reports a date that is not a date, and a slug with a slash", () => {
    const { diagnostics } = parseFrontMatter("---\ndate: next tuesday\nslug: a/b\n---\n", "e.md");
    expect(diagnostics.map((d) => [d.line, d.rule])).toEqual([
      [2, "front-matter-type"],
      [3, "front-matter-type"],
    ]);
  });

  it("reports YAML and TOML syntax errors with their line", () => {
    const yaml = parseFrontMatter("---\ntitle: x\n  bad: [\n---\n", "f.md");
    expect(yaml.diagnostics[0]).toMatchObject({ rule: "front-matter-syntax", file: "f.md" });
    expect(yaml.diagnostics[0]?.line).toBeGreaterThanOrEqual(2);
    const toml = parseFrontMatter('+++\ntitle = "x"\nweight = = 3\n+++\n', "g.md");
    expect(toml.diagnostics[0]).toMatchObject({ rule: "front-matter-syntax", line: 3 });
  });

  it("accepts a file without front matter and an empty block", () => {
    expect(parseFrontMatter("# Just text\n", "h.md")).toMatchObject({ format: "none", end: 0, diagnostics: [] });
    expect(parseFrontMatter("---\n---\nBody", "i.md")).toMatchObject({ format: "yaml", end: 8, diagnostics: [] });
  });
});

describe("front matter in files saved on other systems", () => {
  it("reads YAML and TOML with CRLF line endings", () => {
    const yaml = parseFrontMatter('---\r\ntitle: "T"\r\nweight: 3\r\ndraft: true\r\n---\r\nBody\r\n', "crlf.md");
    expect(yaml.diagnostics).toEqual([]);
    expect(yaml.data).toMatchObject({ title: "T", weight: 3, draft: true });
    const toml = parseFrontMatter("+++\r\ntitle = 'T'\r\nweight = 1\r\n+++\r\nBody", "crlf.md");
    expect(toml.diagnostics).toEqual([]);
    expect(toml.data).toMatchObject({ title: "T", weight: 1 });
  });

  it("reads front matter after a byte order mark, so a draft stays a draft", () => {
    const { data, diagnostics } = parseFrontMatter("\uFEFF---\ntitle: Secret\ndraft: true\n---\nAnswers", "bom.md");
    expect(diagnostics).toEqual([]);
    expect(data).toMatchObject({ title: "Secret", draft: true });
  });

  it("reports a YAML alias bomb instead of expanding it", () => {
    const bomb =
      '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n';
    const { diagnostics } = parseFrontMatter(bomb, "bomb.md");
    expect(diagnostics[0]).toMatchObject({ rule: "front-matter-syntax", file: "bomb.md" });
  });
});
