import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { evaluateAuthorExpression, variantValues } from "@llm-basics/grading";
import { describe, expect, it } from "vitest";
import { checkContent } from "./check.ts";
import { ExerciseRenderer, InterpolationError, interpolate, latexOf } from "./exercise-view.ts";
import { splitAtSlots } from "./exercises.ts";
import { loadSite } from "./site.ts";

const ATTENTION = `title: 注意力权重
prompt: |
  设 \\( Q = {{Q}} \\)，\\( K = {{K}} \\)，求注意力权重。缩放因子是 {{ sqrt(cols(Q)) }}。
params:
  Q: { matrix: [2, 4], integers: [-2, 2] }
  K: { matrix: [3, 4], integers: [-2, 2] }
  V: { matrix: [3, 2], integers: [-2, 2] }
answer:
  type: matrix
  expr: scaledDotProductAttention(Q, K, V).weights
  noun: 注意力权重
tolerance: { atol: 0.005, rtol: 0 }
hints:
  - 先算 \\( QK^\\top = {{ Q * K' }} \\)。
solution: 权重是 \\( {{ scaledDotProductAttention(Q, K, V).weights }} \\)。
mistakes:
  - id: forgot-softmax
    expr: Q * K' / 2
    message: 还要做 softmax。
tests:
  - answerExpr: softmax(Q * K')
    expect: { mistake: attention-no-scaling }
`;

const lesson = (body: string, front = "title: 注意力\nweight: 5") => `---\n${front}\n---\n\n${body}`;
const exercise = (id: string, yaml: string) => `{{< exercise id="${id}" >}}\n${yaml}{{< /exercise >}}\n`;

async function course(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "exercises-"));
  await writeFile(path.join(dir, "_index.md"), "---\ntitle: 首页\n---\n\n# 首页\n");
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe("the exercise shortcode", () => {
  it("puts each exercise in its place in the page and lists it on the site", async () => {
    const dir = await course({
      "attention.md": lesson(
        `## 练习\n\n${exercise("attention-weights", ATTENTION)}\n中间的文字。\n\n${exercise("scores", "prompt: 求 \\( {{ 1 + 1 }} \\)。\nanswer: { type: scalar, expr: '2' }\n")}`,
      ),
    });
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    expect(site.diagnostics).toEqual([]);
    const page = site.pageAt("/attention/");
    expect(page?.exercises).toEqual(["attention-weights", "scores"]);
    const segments = splitAtSlots(page?.html ?? "");
    expect(segments.filter((s) => typeof s !== "string")).toEqual([
      { exercise: "attention-weights" },
      { exercise: "scores" },
    ]);
    expect(segments[0]).toContain("练习");
    expect(segments[2]).toContain("中间的文字。");
    // The lesson's HTML holds no part of the spec: no prompt, no answer expression.
    expect(page?.html).not.toContain("scaledDotProductAttention");
    expect(page?.html).not.toContain("注意力权重");
    const found = site.exercises.get("attention-weights");
    expect(found).toMatchObject({
      file: "attention.md",
      line: 8,
      bodyLine: 9,
      pageUrl: "/attention/",
      pageTitle: "注意力",
    });
    expect(found?.exercise.spec.id).toBe("attention-weights");
  });

  it("reports a problem in the YAML at its own line and column of the lesson", async () => {
    const broken = ATTENTION.replace("scaledDotProductAttention(Q, K, V).weights\n  noun", "softmax(Q * Z)\n  noun");
    const dir = await course({ "attention.md": lesson(`一段话。\n\n${exercise("attention-weights", broken)}`) });
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    // Front matter (4 lines), a blank line, the paragraph on line 6, a blank line, the tag on
    // line 8; `expr:` is the body's line 10, so line 18 of the file, its value at column 9.
    expect(site.diagnostics).toEqual([
      expect.objectContaining({
        file: "attention.md",
        line: 18,
        column: 9,
        rule: "exercise-spec",
        message: expect.stringContaining('unknown name Z in "softmax(Q * Z)"'),
      }),
    ]);
    expect(site.exercises.size).toBe(0);
  });

  it.each([
    ["{{< exercise >}}\nanswer: { type: scalar, expr: '1' }\n{{< /exercise >}}", "an exercise needs an id"],
    [
      "{{< exercise id=\"注意力\" >}}\nanswer: { type: scalar, expr: '1' }\n{{< /exercise >}}",
      "must start with an ASCII letter",
    ],
    [
      "{{< exercise id=\"42\" >}}\nanswer: { type: scalar, expr: '1' }\n{{< /exercise >}}",
      "must start with an ASCII letter",
    ],
    ['{{< exercise id="empty" >}}\n{{< /exercise >}}', "has no body"],
    ["{{< exercise id=\"open\" >}}\nanswer: { type: scalar, expr: '1' }\n", "needs a closing"],
    [
      "{{< exercise id=\"a\" >}}\nid: b\nanswer: { type: scalar, expr: '1' }\n{{< /exercise >}}",
      "differs from the shortcode's id",
    ],
    ['{{< exercise id="a" >}}\nanswer: [unclosed\n{{< /exercise >}}', "exercise-spec"],
  ])("refuses %j with a clear error", async (body, message) => {
    const dir = await course({ "a.md": lesson(body) });
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    const errors = site.diagnostics.filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((d) => `${d.rule} ${d.message}`).join("\n")).toContain(message);
    expect(errors.every((d) => d.file === "a.md" && d.line >= 6)).toBe(true);
  });

  it("keeps ids unique across the course, naming where the first one is", async () => {
    const spec = "answer: { type: scalar, expr: '1' }\n";
    const dir = await course({
      "a.md": lesson(exercise("same", spec), "title: A\nweight: 1"),
      "b.md": lesson(`前言。\n\n${exercise("same", spec)}`, "title: B\nweight: 2"),
    });
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    expect(site.diagnostics).toEqual([
      expect.objectContaining({
        file: "b.md",
        line: 8,
        rule: "exercise-id",
        message: expect.stringContaining("a.md:6"),
      }),
    ]);
  });

  it("must stand at the top level: inside a list it would cut the page apart", async () => {
    const spec = "  answer: { type: scalar, expr: '1' }\n";
    const dir = await course({
      "a.md": lesson(`- 第一项\n- {{< exercise id="in-list" >}}\n${spec}  {{< /exercise >}}\n- 第三项\n`),
    });
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    expect(site.diagnostics).toEqual([
      expect.objectContaining({ file: "a.md", line: 7, rule: "shortcode-placement", severity: "error" }),
    ]);
    expect(splitAtSlots(site.pageAt("/a/")?.html ?? "")).toHaveLength(1);
  });

  it("cannot be forged with raw HTML", async () => {
    const dir = await course({
      "a.md": lesson('<div data-exercise="x"></div>\n\n<div data-slot="1:exercise:x"></div>\n'),
    });
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    const html = site.pageAt("/a/")?.html ?? "";
    expect(splitAtSlots(html)).toEqual([html]);
    expect(html).not.toContain("data-exercise");
  });
});

describe("interpolation", () => {
  const values = new Map<string, never>([
    [
      "Q",
      [
        [1, -2],
        [0.5, 3],
      ] as never,
    ],
    ["x", [1, 2, 3] as never],
    ["n", 4 as never],
  ]);

  it("writes matrices as bmatrix, vectors as a row, numbers to at most 4 decimals", () => {
    expect(interpolate("\\( Q = {{Q}} \\)", values)).toBe(
      "\\( Q = \\begin{bmatrix} 1 & -2 \\\\ 0.5 & 3 \\end{bmatrix} \\)",
    );
    expect(interpolate("$$ x = {{ x }} $$", values)).toBe("$$ x = \\begin{bmatrix} 1 & 2 & 3 \\end{bmatrix} $$");
    expect(interpolate("\\( {{ 1/(n-1) }} \\)，\\( {{ sqrt(n) }} \\)", values)).toBe("\\( 0.3333 \\)，\\( 2 \\)");
    expect(latexOf(-0)).toBe("0");
    expect(latexOf(1.5e-7)).toBe("1.5 \\times 10^{-7}");
    expect(latexOf(2.5e12)).toBe("2500000000000");
  });

  it("evaluates author expressions, and wraps a value written outside math in \\( \\)", () => {
    expect(interpolate("行列式是 {{ det(Q) }}。", values)).toBe("行列式是 \\( 4 \\)。");
    expect(interpolate("\\( Q^\\top = {{ Q' }} \\)", values)).toContain(
      "\\begin{bmatrix} 1 & 0.5 \\\\ -2 & 3 \\end{bmatrix}",
    );
  });

  it("writes a value inside a code span as a learner would type it", () => {
    expect(interpolate("输入 `{{Q}}` 或 `` {{ n / 3 }} ``，即 {{ n }}。", values)).toBe(
      "输入 `[[1, -2], [0.5, 3]]` 或 `` 1.3333 ``，即 \\( 4 \\)。",
    );
  });

  it("leaves LaTeX's own double braces alone and refuses unknown names", () => {
    expect(interpolate("\\( x^{{2}} + \\frac{{1}}{2} \\)", values)).toBe("\\( x^{{2}} + \\frac{{1}}{2} \\)");
    expect(() => interpolate("\\( {{ Z }} \\)", values)).toThrow(/no parameter named Z \(known: Q, x, n\)/);
    expect(() => interpolate("\\( {{ Q * Z }} \\)", values)).toThrow(InterpolationError);
    expect(() => interpolate("\\( {{ svd(Q) }} \\)", values)).toThrow(/write one of them, like svd\(Q\)\.U/);
  });
});

describe("ExerciseRenderer", () => {
  const renderer = new ExerciseRenderer();

  it("shows a variant's prompt with its numbers, the answer's shape, and never the answer", async () => {
    const dir = await course({ "attention.md": lesson(exercise("attention-weights", ATTENTION)) });
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    const found = site.exercises.get("attention-weights");
    if (!found) throw new Error("exercise missing");
    const view = await renderer.view(found, 7, "zh");
    const { values } = variantValues(found.exercise, 7);
    expect(view.promptSource).toContain(latexOf(values.get("Q") as number[][]));
    expect(view.promptSource).toContain("缩放因子是 \\( 2 \\)");
    expect(view.promptHtml).toContain('class="katex"');
    expect(view.answers).toEqual([{ type: "matrix", shape: [2, 3], noun: "注意力权重" }]);
    expect(view).toMatchObject({
      id: "attention-weights",
      seed: 7,
      title: "注意力权重",
      hintCount: 1,
      hasSolution: true,
    });
    expect(renderer.hintCount(found)).toBe(view.hintCount);
    const json = JSON.stringify(view);
    const weights = evaluateAuthorExpression("scaledDotProductAttention(Q, K, V).weights", values) as number[][];
    for (const entry of weights.flat()) {
      expect(json).not.toContain(String(entry));
      expect(json).not.toContain(latexOf(entry));
    }
    expect(json).not.toMatch(/atol|forgot-softmax|还要做|权重是/);
    // Hints and the solution carry this variant's numbers, when asked for.
    const [hint] = await renderer.hints(found, 7, 5, "zh");
    expect(hint).toContain('class="katex"');
    expect(await renderer.hints(found, 7, 0, "zh")).toEqual([]);
    expect(await renderer.solution(found, 7, "zh")).toContain(latexOf(weights[0]?.[0] ?? 0));

    // Kept per variant and language, and never shared with a reloaded course's exercise.
    expect(await renderer.solution(found, 7, "zh")).toBe(await renderer.solution(found, 7, "zh"));
    const other = variantValues(found.exercise, 8).values.get("Q") as number[][];
    expect(await renderer.solution(found, 8, "zh")).not.toBe(await renderer.solution(found, 7, "zh"));
    expect(await renderer.hints(found, 8, 1, "zh")).toEqual([expect.stringContaining('class="katex"')]);
    expect(latexOf(other)).not.toBe(latexOf(values.get("Q") as number[][]));
    const edited = await course({
      "attention.md": lesson(exercise("attention-weights", ATTENTION.replace("权重是", "注意力权重是"))),
    });
    const reloaded = (await loadSite({ contentDir: edited, includeDrafts: false })).exercises.get("attention-weights");
    if (!reloaded) throw new Error("exercise missing");
    expect(await renderer.solution(reloaded, 7, "zh")).toContain("注意力权重是");
  });

  it("is checked on 50 variants by content:check, each problem once, at the exercise", async () => {
    const spec = `prompt: 求 \\( \\frac{1}{ {{n}} \\)。
params:
  n: { integer: [1, 3] }
answer: { type: scalar, expr: '1 / n' }
hints:
  - \\( {{ m }} \\)
tests:
  - answerExpr: '2 / n'
    expect: correct
`;
    const dir = await course({ "a.md": lesson(`文字。\n\n${exercise("reciprocal", spec)}`) });
    const report = await checkContent(dir);
    expect(report.exercises).toBe(1);
    const messages = report.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^a\.md:8 error exercise "reciprocal", tests\[0\] \(seed 0\): expected correct, got incorrect/,
        ),
        expect.stringMatching(/^a\.md:8 error exercise "reciprocal", prompt \(seed 0\): .*KaTeX/),
        expect.stringMatching(/^a\.md:8 error exercise "reciprocal", hints\[0\] \(seed 0\): .*no parameter named m/),
      ]),
    );
    expect(messages.filter((m) => m.includes("hints[0]"))).toHaveLength(1);
  });

  it("draws a variant with its widget's parameters computed from the variant; content:check tries every variant", async () => {
    const withWidget = `${ATTENTION}widget: { name: attention, q: Q, k: K, scaled: false }\n`;
    const dir = await course({ "attention.md": lesson(exercise("attention-weights", withWidget)) });
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    const found = site.exercises.get("attention-weights");
    if (!found) throw new Error("exercise missing");
    const { values } = variantValues(found.exercise, 3);
    expect(renderer.widget(found, 3)).toEqual({
      name: "attention",
      params: { q: values.get("Q"), k: values.get("K"), causal: false, scaled: false },
    });
    // The view (what the page gets before the solution is due) says nothing of it.
    expect(JSON.stringify(await renderer.view(found, 3, "zh"))).not.toMatch(/widget|scaled/);

    const broken = await course({
      "a.md": lesson(
        `${exercise("w1", `${ATTENTION}widget: { name: attention, q: Q, k: V }\n`)}\n${exercise(
          "w2",
          `${ATTENTION}widget: { name: attention, q: Q + nope, k: K, colour: red }\n`,
        )}\n${exercise("w3", `${ATTENTION}widget: { name: heatmap, q: Q }\n`)}`,
      ),
    });
    const messages = (await checkContent(broken)).diagnostics
      .filter((d) => d.message.includes("widget"))
      .map((d) => d.message);
    expect(messages).toEqual([
      'exercise "w1", widget (seed 0): widget attention: q and k need the same number of columns, d_k',
      'exercise "w2", widget (seed 0): widget attention has no parameter colour; it takes tokens, q, k, causal, scaled',
      'exercise "w3", widget (seed 0): no widget is named "heatmap" (there are attention, descent, layernorm, matmul, softmax, svd)',
    ]);
  });
});
