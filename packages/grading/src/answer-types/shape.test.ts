import { describe, expect, it } from "vitest";
import { compileExerciseYaml, type Exercise } from "../exercise.ts";
import { grade } from "../grade.ts";

function exercise(yaml: string): Exercise {
  const compiled = compileExerciseYaml(yaml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.exercise;
}

// Q after splitting heads and swapping axes: batch 2, 8 heads, 10 tokens, d_k = 512 / 8 = 64.
const split = exercise(`
params:
  B: { value: 2 }
  h: { value: 8 }
  n: { value: 10 }
  dm: { value: 512 }
answer:
  type: shape
  axes: [batch, heads, seq, d_k]
  expr: "[B, h, n, dm / h]"
  mistakes:
    - id: not-transposed
      expr: "[B, n, h, dm / h]"
      message: { zh: 拆了头但还没换轴。, en: The heads are split but the axes not yet swapped. }
      topic: multi-head-attention
`);

const en = (answer: string) => grade(split, 0, answer, { locale: "en" });

describe("shape answers", () => {
  it("reads the sizes as brackets, parentheses, × and full-width forms", () => {
    for (const answer of [
      "[2, 8, 10, 64]",
      "(2, 8, 10, 64)",
      "2×8×10×64",
      "2 x 8 x 10 x 64",
      "［２，８，１０，６４］",
      "（2，8，10，64）",
      "【2、8、10、64】",
    ]) {
      expect([answer, en(answer).status]).toEqual([answer, "correct"]);
    }
    expect(en("[2, 8, 10, 64]").cells).toEqual([true, true, true, true]);
  });

  it("says where a size is not a whole number, and that reading it costs nothing", () => {
    expect(en("[2, 8, 10, d_k]")).toMatchObject({
      status: "invalid",
      problem: {
        at: 11,
        length: 3,
        code: "not-a-size",
        message: "Write each axis's size as a whole number. As in [2, 8, 10, 64].",
      },
    });
    expect(en("[2, 8, 10, 512/8]")).toMatchObject({
      status: "invalid",
      problem: { at: 11, length: 5, hint: "Work the size out: write 64, not 512/8." },
    });
    expect(en("[2, 8, 10, 64")).toMatchObject({ status: "invalid", problem: { code: "unclosed-bracket", at: 0 } });
    expect(en("[2, , 10, 64]")).toMatchObject({ status: "invalid", problem: { code: "missing-size" } });
    expect(en("[[2, 8], [10, 64]]")).toMatchObject({ status: "invalid", problem: { code: "nested-brackets" } });
    expect(en("   ")).toMatchObject({ status: "invalid", problem: { code: "empty" } });
    expect(en(`${"1,".repeat(17)}1`)).toMatchObject({ status: "invalid", problem: { code: "too-many-axes" } });
  });

  it("names heads not split, d_model where d_k belongs, swapped and missing axes, in domain words", () => {
    expect(en("[2, 10, 512]")).toMatchObject({
      status: "incorrect",
      misconception: { id: "shape-heads-not-split", topic: "multi-head-attention" },
    });
    expect(en("[2, 8, 10, 512]").misconception).toMatchObject({ id: "shape-d-model-for-d-k" });
    const swapped = en("[2, 64, 10, 8]");
    expect(swapped.misconception).toMatchObject({ id: "shape-axes-swapped", topic: "tensor-shapes" });
    expect(swapped.message).toContain("(heads and d_k)");
    expect(grade(split, 0, "[2, 64, 10, 8]").message).toContain("（heads 和 d_k）");
    const missing = en("[8, 10, 64]");
    expect(missing.misconception).toMatchObject({ id: "shape-axis-missing" });
    expect(missing.message).toContain("(batch is missing)");
  });

  it("looks for the author's own mistakes before the built-in ones", () => {
    // [2, 10, 8, 64] is also two swapped axes; the author's message says more.
    expect(en("[2, 10, 8, 64]")).toMatchObject({
      misconception: { id: "not-transposed", message: "The heads are split but the axes not yet swapped." },
    });
  });

  it("gives credit per axis and never says which sizes were expected", () => {
    const partly = en("[2, 8, 10, 32]");
    expect(partly).toMatchObject({ status: "partial", score: 0.75, cells: [true, true, true, false] });
    expect(partly.message).toBe("These axes have the wrong size: d_k.");
    const count = en("[2, 8, 10, 64, 1]");
    expect(count).toMatchObject({ status: "incorrect", message: "Wrong number of axes: the shape has 4; you gave 5." });
    for (const verdict of [partly, count, en("[2, 10, 512]"), en("[2, 64, 10, 8]")])
      expect(verdict.message).not.toMatch(/64|512/);
  });

  it("leaves out a built-in misconception the author ignores", () => {
    const ignoring = exercise(`
params: { B: { value: 2 }, h: { value: 8 }, n: { value: 10 } }
answer: { type: shape, axes: [batch, heads, seq, d_k], expr: "[B, h, n, 64]", ignoreDetectors: [shape-axes-swapped] }
`);
    expect(grade(ignoring, 0, "[2, 10, 8, 64]", { locale: "en" })).toMatchObject({ status: "partial", score: 0.5 });
  });

  it("reports an expr that does not give one whole number per axis as the author's defect", () => {
    const wrong = exercise(`answer: { type: shape, axes: [rows, columns], expr: "[2, 3, 4]" }`);
    expect(grade(wrong, 0, "[2, 3]", { locale: "en" })).toMatchObject({
      status: "invalid",
      problem: { code: "grader-error" },
    });
    expect(compileExerciseYaml(`answer: { type: shape, axes: [a, a], expr: "[1, 2]" }`)).toMatchObject({
      ok: false,
      problems: [{ path: ["answer", "axes"], message: "each axis needs its own name" }],
    });
  });
});
