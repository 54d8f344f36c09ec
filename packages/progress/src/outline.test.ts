import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadSite } from "@llm-basics/content";
import { compileExerciseYaml } from "@llm-basics/grading";
import { afterAll, describe, expect, it } from "vitest";
import { courseOutline, exerciseMisconceptions, firstSentence, progressLessons } from "./outline.ts";

function compiled(yaml: string) {
  const result = compileExerciseYaml(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.exercise;
}

describe("exerciseMisconceptions", () => {
  it("lists the built-in detectors that apply, then the author's mistakes with their topics", () => {
    const exercise = compiled(`
params:
  Q: { matrix: [2, 2], integers: [-2, 2] }
  K: { matrix: [2, 2], integers: [-2, 2] }
  V: { matrix: [2, 2], integers: [-2, 2] }
answer:
  type: matrix
  expr: scaledDotProductAttention(Q, K, V).weights
mistakes:
  - id: scores-only
    expr: Q * K'
    message: 你只算到了分数。还要做 softmax。
    topic: attention
  - expr: K
    message: { zh: 这是 K。, en: That is K. }
`);
    const found = exerciseMisconceptions(exercise);
    expect(found.map((m) => [m.id, m.topic])).toEqual([
      ["attention-no-scaling", "attention"],
      ["attention-scaled-by-dk", "attention"],
      ["attention-keys-first", "attention"],
      ["attention-softmax-over-columns", "softmax"],
      ["transposed-answer", "matrices"],
      ["scores-only", "attention"],
      ["mistake-2", "exercise"],
    ]);
    expect(found.find((m) => m.id === "scores-only")?.label).toBe("你只算到了分数。");
    expect(found.find((m) => m.id === "attention-no-scaling")?.label).toBe("你没有把 QKᵀ 除以 √d_k。");
    expect(exerciseMisconceptions(exercise, "en").find((m) => m.id === "mistake-2")?.label).toBe("That is K.");
  });

  it("lists the mistakes a shape answer recognises by itself, the heads' only when it has heads and d_k", () => {
    const heads = compiled(`answer: { type: shape, axes: [batch, heads, seq, d_k], expr: "[2, 8, 10, 64]" }`);
    expect(exerciseMisconceptions(heads).map((m) => [m.id, m.topic])).toEqual([
      ["shape-heads-not-split", "multi-head-attention"],
      ["shape-d-model-for-d-k", "multi-head-attention"],
      ["shape-axes-swapped", "tensor-shapes"],
      ["shape-axis-missing", "tensor-shapes"],
    ]);
    const plain = compiled(
      `answer: { type: shape, axes: [rows, columns], expr: "[2, 3]", ignoreDetectors: [shape-axis-missing] }`,
    );
    expect(exerciseMisconceptions(plain, "en").map((m) => [m.id, m.label])).toEqual([
      ["shape-axes-swapped", "Two axes are swapped: each axis's size belongs in its own place."],
    ]);
  });

  it("leaves out a transposed answer where the answer is not a matrix, and detectors the author turned off", () => {
    const scalar = compiled(`
params:
  a: { integer: [1, 3] }
answer:
  type: scalar
  expr: a * 2
`);
    expect(exerciseMisconceptions(scalar).map((m) => m.id)).toEqual(["product-order"]);
    const vector = compiled(`
params:
  z: { vector: 3, integers: [-2, 2] }
answer:
  type: vector
  expr: softmax(z)
  ignoreDetectors: [softmax-wrong-axis]
`);
    expect(exerciseMisconceptions(vector)).toEqual([]);
    const choice = compiled(`
answer:
  type: choice
  options: [一, 二]
  correct: 0
`);
    expect(exerciseMisconceptions(choice)).toEqual([]);
  });
});

describe("firstSentence", () => {
  it("keeps the first sentence, in Chinese or English, and shortens a long one", () => {
    expect(firstSentence("矩阵乘法的顺序反了：一般来说 AB ≠ BA。")).toBe("矩阵乘法的顺序反了：一般来说 AB ≠ BA。");
    expect(firstSentence("Not normalized. Divide by the sum.")).toBe("Not normalized.");
    expect(firstSentence("  0.5 is not a probability here  ")).toBe("0.5 is not a probability here");
    expect(firstSentence("长".repeat(100))).toBe(`${"长".repeat(79)}…`);
  });
});

describe("courseOutline", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "course-outline-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the lessons in course order with their exercises, and the home page only when it has some", async () => {
    writeFileSync(path.join(dir, "_index.md"), '---\ntitle: "首页"\n---\n\n欢迎。\n');
    writeFileSync(path.join(dir, "reading.md"), '---\ntitle: "先读一读"\nweight: 10\n---\n\n只有文字。\n');
    writeFileSync(
      path.join(dir, "practice.md"),
      [
        "---",
        'title: "练一练"',
        "weight: 20",
        "lang: en",
        "---",
        "",
        '{{< exercise id="double" >}}',
        "title: { zh: 乘以二, en: Times two }",
        "params:",
        "  a: { integer: [1, 3] }",
        "answer:",
        "  type: scalar",
        "  expr: a * 2",
        "{{< /exercise >}}",
        "",
        '{{< exercise id="untitled" >}}',
        "answer:",
        "  type: choice",
        "  options: [一, 二]",
        "  correct: 1",
        "{{< /exercise >}}",
        "",
      ].join("\n"),
    );
    const site = await loadSite({ contentDir: dir, includeDrafts: false });
    expect(site.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(progressLessons(site).map((p) => p.url)).toEqual(["/reading/", "/practice/"]);
    const outline = courseOutline(site, "en");
    expect(outline.map((l) => [l.url, l.title, l.exercises.map((e) => [e.id, e.title])])).toEqual([
      ["/reading/", "先读一读", []],
      [
        "/practice/",
        "练一练",
        [
          ["double", "Times two"],
          ["untitled", "untitled"],
        ],
      ],
    ]);
    expect(outline[1]?.exercises[0]?.misconceptions.map((m) => m.label)).toEqual([
      "The product is in the wrong order: in general AB ≠ BA.",
    ]);
    // Made once per loaded site.
    expect(courseOutline(site, "en")).toBe(outline);
    expect(courseOutline(site, "zh")[1]?.exercises[0]?.title).toBe("乘以二");

    writeFileSync(
      path.join(dir, "_index.md"),
      '---\ntitle: "首页"\n---\n\n{{< exercise id="home-quiz" >}}\nanswer:\n  type: choice\n  options: [是, 否]\n  correct: 0\n{{< /exercise >}}\n',
    );
    const withQuiz = await loadSite({ contentDir: dir, includeDrafts: false });
    expect(withQuiz.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(progressLessons(withQuiz).map((p) => p.url)).toEqual(["/", "/reading/", "/practice/"]);
  });
});
