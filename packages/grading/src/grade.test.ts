import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkExercise, evaluateAuthorExpression, formatValue } from "./check.ts";
import { compileExerciseYaml, type Exercise } from "./exercise.ts";
import { grade } from "./grade.ts";
import { drawParams } from "./params.ts";

function exercise(yaml: string): Exercise {
  const compiled = compileExerciseYaml(yaml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.exercise;
}

const fixture = (name: string) => exercise(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), "utf8"));

/** What a learner would type for an author expression, evaluated on a variant's parameters. */
function typed(ex: Exercise, seed: number, expr: string): string {
  return formatValue(evaluateAuthorExpression(expr, drawParams(ex, seed)));
}

const fixed = `
params:
  Q: { value: [[1, 0, 2, -1], [0, 1, -1, 2], [2, 1, 0, 0]] }
  K: { value: [[1, 1, 0, 0], [0, 2, 1, -1], [1, 0, -1, 2]] }
  V: { value: [[1, 2], [0, 1], [-1, 0]] }
  X: { value: [[1, 2, 0], [-1, 0, 3]] }
  W1: { value: [[1, -1], [0, 2], [1, 1]] }
  b1: { value: [0.5, -5] }
  W2: { value: [[1, 0], [2, -1]] }
  b2: { value: [0.25, 0.75] }
  x: { value: [1, 2, 3, 5] }
  A: { value: [[1, 2], [3, 4]] }
  B: { value: [[0, 1], [5, -2]] }
  theta: { value: [1, -2] }
  g: { value: [0.5, 4] }
`;

describe("numbers, vectors and matrices", () => {
  const attention = exercise(
    `${fixed}answer: { type: matrix, expr: "scaledDotProductAttention(Q, K, V).weights", noun: { zh: 注意力权重（每个查询一行）, en: "attention weights, one row per query" } }`,
  );

  it("accepts the right answer, and a near miss within tolerance, reporting the tolerance used", () => {
    const right = typed(attention, 0, "scaledDotProductAttention(Q, K, V).weights");
    expect(grade(attention, 0, right)).toMatchObject({
      status: "correct",
      score: 1,
      tolerance: { atol: 1e-3, rtol: 1e-3 },
    });
    const rounded = evaluateAuthorExpression(
      "scaledDotProductAttention(Q, K, V).weights",
      drawParams(attention, 0),
    ) as number[][];
    const threeDecimals = formatValue(rounded.map((row) => row.map((x) => Math.round(x * 1000) / 1000)));
    expect(grade(attention, 0, threeDecimals).status).toBe("correct");
    const oneDecimal = formatValue(rounded.map((row) => row.map((x) => Math.round(x * 10) / 10)));
    expect(grade(attention, 0, oneDecimal).status).not.toBe("correct");
  });

  it("marks each cell and gives partial credit", () => {
    const weights = evaluateAuthorExpression(
      "scaledDotProductAttention(Q, K, V).weights",
      drawParams(attention, 0),
    ) as number[][];
    const oneWrong = weights.map((row, i) => row.map((x, j) => (i === 0 && j === 0 ? x + 0.3 : x)));
    const verdict = grade(attention, 0, formatValue(oneWrong), { locale: "en" });
    expect(verdict.status).toBe("partial");
    expect(verdict.score).toBeCloseTo(8 / 9, 12);
    expect(verdict.cells).toEqual([
      [false, true, true],
      [true, true, true],
      [true, true, true],
    ]);
    expect(verdict.message).toBe("Partly right: 8 of 9 entries are correct.");
  });

  it("explains a wrong shape in the exercise's own words", () => {
    const verdict = grade(attention, 0, "[[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]", { locale: "en" });
    expect(verdict).toMatchObject({ status: "incorrect", score: 0 });
    expect(verdict.message).toBe("Wrong shape: expected 3×3 attention weights, one row per query; got a 3×2 matrix.");
    expect(grade(attention, 0, "[[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]").message).toBe(
      "答案的形状不对：应该是 3×3 的注意力权重（每个查询一行），你给的是 3×2 的矩阵。",
    );
  });

  it("treats an unreadable answer as invalid, saying where, and never as wrong", () => {
    const verdict = grade(attention, 0, "[[0.5, 0.5], [0.2", { locale: "en" });
    expect(verdict.status).toBe("invalid");
    expect(verdict.problem).toMatchObject({ at: 13, code: "unclosed-bracket" });
    expect(verdict.message).toContain("(at character 14)");
    expect(grade(attention, 0, "[[1, 2], [3]]", { locale: "en" }).message).toContain(
      "Row 2 has 1 entries but row 1 has 2",
    );
  });

  it("reads what Chinese keyboards type", () => {
    const vector = exercise(`${fixed}answer: { type: vector, expr: "softmax(x)" }`);
    const p = evaluateAuthorExpression("softmax(x)", drawParams(vector, 0)) as number[];
    expect(grade(vector, 0, `（${p.join("，")}）`).status).toBe("correct");
    expect(grade(vector, 0, p.join(", ")).status).toBe("correct");
    const scalar = exercise(`${fixed}answer: { type: scalar, expr: "det(A)" }`);
    expect(grade(scalar, 0, "－２").status).toBe("correct");
    expect(grade(scalar, 0, "-4/2").status).toBe("correct");
    const half = exercise(`params: {}\nanswer: { type: scalar, expr: "1/sqrt(2)" }`);
    expect(grade(half, 0, "\\frac{1}{\\sqrt{2}}").status).toBe("correct");
    expect(grade(half, 0, "√2/2").status).toBe("correct");
    expect(grade(half, 0, "sqrt(2)/2").status).toBe("correct");
  });
});

describe("misconception detectors", () => {
  const cases: [string, string, string, string][] = [
    ["attention-no-scaling", "scaledDotProductAttention(Q, K, V).weights", "softmax(Q * K')", "matrix"],
    ["attention-scaled-by-dk", "scaledDotProductAttention(Q, K, V).weights", "softmax(Q * K' / 4)", "matrix"],
    ["attention-keys-first", "scaledDotProductAttention(Q, K, V).weights", "softmax(K * Q' / 2)", "matrix"],
    [
      "attention-softmax-over-columns",
      "scaledDotProductAttention(Q, K, V).weights",
      "softmax(Q * K' / 2, 0)",
      "matrix",
    ],
    ["softmax-wrong-axis", "softmax(X)", "softmax(X, 0)", "matrix"],
    [
      "attention-mask-after-softmax",
      "scaledDotProductAttention(Q, K, V, causalMask(3)).weights",
      "hadamard(softmax(Q * K' / 2), causalMask(3))",
      "matrix",
    ],
    [
      "layernorm-sample-variance",
      "layerNorm(x)",
      "(x - mean(x)) / sqrt(sum(hadamard(x - mean(x), x - mean(x))) / 3 + 0.00001)",
      "vector",
    ],
    [
      "layernorm-without-eps",
      "layerNorm(x, [1, 1, 1, 1], [0, 0, 0, 0], 0.5)",
      "(x - mean(x)) / sqrt(sum(hadamard(x - mean(x), x - mean(x))) / 4)",
      "vector",
    ],
    ["layernorm-wrong-axis", "layerNorm(X)", "transpose(layerNorm(X'))", "matrix"],
    ["ffn-without-activation", "feedForward(X, W1, b1, W2, b2)", "(X * W1 + b1) * W2 + b2", "matrix"],
    ["ffn-without-bias", "feedForward(X, W1, b1, W2, b2)", "relu(X * W1) * W2", "matrix"],
    [
      "mha-without-output-projection",
      "multiHeadAttention(Q, 2, A', A', A', B).output",
      "multiHeadAttention(Q, 2, A', A', A', B).concat",
      "matrix",
    ],
    ["gradient-step-wrong-sign", "gradientStep(theta, 0.1, g)", "theta + 0.1 * g", "vector"],
    ["product-order", "A * B", "B * A", "matrix"],
    ["transposed-answer", "A * B", "(A * B)'", "matrix"],
  ];

  it.each(cases)("%s: the buggy variant is caught and named", (id, answer, mistake, type) => {
    // Q is 3×4 here, so d_k = 4 and √d_k = 2 in the hand-written mistakes.
    const shapes = id.startsWith("mha")
      ? fixed.replace(
          "Q: { value: [[1, 0, 2, -1], [0, 1, -1, 2], [2, 1, 0, 0]] }",
          "Q: { value: [[1, 0], [0, 1], [2, 1]] }",
        )
      : fixed;
    const ex = exercise(`${shapes}answer: { type: ${type}, expr: "${answer}" }`);
    const right = grade(ex, 0, typed(ex, 0, answer));
    expect(right.status).toBe("correct");
    const verdict = grade(ex, 0, typed(ex, 0, mistake), { locale: "en" });
    expect(verdict.status).toBe("incorrect");
    expect(verdict.misconception?.id).toBe(id);
    expect(verdict.message).toBe(verdict.misconception?.message);
  });

  it("attention-keys-first is named when there are fewer queries than keys (K·Qᵀ has the other shape)", () => {
    const ex = exercise(`params:
  Q: { value: [[1, 0, 2, -1], [0, 1, -1, 2]] }
  K: { value: [[1, 1, 0, 0], [0, 2, 1, -1], [1, 0, -1, 2]] }
  V: { value: [[1, 2], [0, 1], [-1, 0]] }
answer: { type: matrix, expr: "scaledDotProductAttention(Q, K, V).weights" }`);
    const verdict = grade(ex, 0, typed(ex, 0, "softmax(K * Q' / 2)"), { locale: "en" });
    expect(verdict.misconception?.id).toBe("attention-keys-first");
  });

  it("mha-interleaved-heads: heads dealt every h-th column are caught and named", () => {
    const ex = exercise(`params:
  X: { value: [[1, 0, 2, -1], [0, 1, -1, 2], [2, 1, 0, 0]] }
  W: { value: [[1, 0, 2, 0], [0, 1, 0, -1], [1, 1, 0, 0], [0, 2, 1, 1]] }
answer: { type: matrix, expr: "multiHeadAttention(X, 2, W, W', W, identity(4)).output" }`);
    // By hand: head h takes columns h and h + 2 of XW (not 2h and 2h + 1), then no W^O mixing.
    const XW = evaluateAuthorExpression("X * W", drawParams(ex, 0)) as number[][];
    const XWt = evaluateAuthorExpression("X * W'", drawParams(ex, 0)) as number[][];
    const cols = (M: number[][], js: number[]) => M.map((row) => js.map((j) => row[j] as number));
    const head = (h: number) =>
      evaluateAuthorExpression(
        "scaledDotProductAttention(A, B, A).output",
        new Map([
          ["A", cols(XW, [h, h + 2])],
          ["B", cols(XWt, [h, h + 2])],
        ] as [string, number[][]][]),
      ) as number[][];
    const [h0, h1] = [head(0), head(1)];
    const interleaved = h0.map((row, i) => [...row, ...(h1[i] as number[])]);
    const verdict = grade(ex, 0, formatValue(interleaved));
    expect(verdict.misconception?.id).toBe("mha-interleaved-heads");
  });

  it("names a mistake in Chinese by default, with its topic", () => {
    const ex = exercise(`${fixed}answer: { type: matrix, expr: "scaledDotProductAttention(Q, K, V).weights" }`);
    expect(grade(ex, 0, typed(ex, 0, "softmax(Q * K')")).misconception).toEqual({
      id: "attention-no-scaling",
      topic: "attention",
      message: "你没有把 QKᵀ 除以 √d_k。缩放让分数不随维度变大，softmax 才不会过早饱和。",
    });
  });

  it("resolves a tie between a mistake and the right answer to correct", () => {
    // A symmetric product: the transposed answer equals the right one.
    const ex = exercise(`params: { A: { value: [[2, 1], [1, 2]] } }\nanswer: { type: matrix, expr: "A * A" }`);
    expect(grade(ex, 0, typed(ex, 0, "(A * A)'"))).toMatchObject({ status: "correct", score: 1 });
  });
});

describe("other answer types", () => {
  it("booleans in English and Chinese", () => {
    const ex = exercise(`params: { A: { value: [[0, -1], [1, 0]] } }\nanswer: { type: boolean, expr: "rank(A) - 1" }`);
    expect(grade(ex, 0, "是").status).toBe("correct");
    expect(grade(ex, 0, "false").status).toBe("incorrect");
    expect(grade(ex, 0, "maybe").status).toBe("invalid");
  });

  it("choices, one or several", () => {
    const one = exercise(`answer: { type: choice, options: ["行", "列", "整个矩阵"], correct: 0 }`);
    expect(grade(one, 0, "A").status).toBe("correct");
    expect(grade(one, 0, "ｂ").status).toBe("incorrect");
    expect(grade(one, 0, "D").status).toBe("invalid");
    const several = exercise(
      `answer: { type: choice, options: ["a", "b", "c", "d"], correct: [0, 2], multiple: true }`,
    );
    expect(grade(several, 0, "A, C").status).toBe("correct");
    expect(grade(several, 0, "A").score).toBe(0.5);
  });

  it("sets in any order", () => {
    const ex = exercise(`params: { S: { value: [[2, 1], [1, 2]] } }\nanswer: { type: set, expr: "eigenvalues(S)" }`);
    expect(grade(ex, 0, "3, 1").status).toBe("correct");
    expect(grade(ex, 0, "{1, 3}").status).toBe("correct");
    expect(grade(ex, 0, "1").status).toBe("partial");
  });

  it("expressions, by their values at random points", () => {
    const ex = exercise(`answer: { type: expression, expr: "(x + 1)^2", variables: [x] }`);
    expect(grade(ex, 0, "x^2 + 2x + 1").status).toBe("correct");
    expect(grade(ex, 0, "x^2 + 1").status).toBe("incorrect");
    expect(grade(ex, 0, "y + 1", { locale: "en" })).toMatchObject({
      status: "invalid",
      problem: { hint: "The variables you can use: x." },
    });
  });

  it("eigenpairs up to order, sign and scale", () => {
    const ex = exercise(`params: { S: { value: [[2, 1], [1, 2]] } }\nanswer: { type: eigenpairs, matrix: "S" }`);
    expect(grade(ex, 0, "[3, [1, 1]]; [1, [1, -1]]").status).toBe("correct");
    expect(grade(ex, 0, "[[1, [-2, 2]], [3, [5, 5]]]").status).toBe("correct");
    expect(grade(ex, 0, "[3, [1, 1]]; [1, [1, 1]]").status).toBe("partial");
  });

  it("an SVD up to the signs of matching singular vectors", () => {
    const ex = exercise(`params: { A: { value: [[3, 0], [0, -2]] } }\nanswer: { type: svd, matrix: "A" }`);
    expect(grade(ex, 0, "U = [[1, 0], [0, -1]]\nS = [3, 2]\nV = [[1, 0], [0, 1]]").status).toBe("correct");
    expect(grade(ex, 0, "U = [[-1, 0], [0, 1]]\nS = [3, 2]\nV = [[-1, 0], [0, -1]]").status).toBe("correct");
    expect(grade(ex, 0, "U = [[1, 0], [0, 1]]\nS = [3, 2]\nV = [[1, 0], [0, 1]]").status).toBe("incorrect");
  });

  it("properties, for questions with many right answers", () => {
    const ex = exercise(`answer: { type: property, checks: [{ orthogonal: true }, { shape: [2, 2] }] }`);
    expect(grade(ex, 0, "[[0, -1], [1, 0]]").status).toBe("correct");
    expect(grade(ex, 0, "[[0.6, -0.8], [0.8, 0.6]]").status).toBe("correct");
    expect(grade(ex, 0, "[[1, 1], [0, 1]]", { locale: "en" })).toMatchObject({
      status: "partial",
      message: "Not yet: it is not orthogonal (AᵀA ≠ I).",
    });
  });
});

describe("multi-part exercises", () => {
  const ex = fixture("attention-steps.yaml");

  it("grades a later step against the learner's own earlier answer, and says so", () => {
    const values = drawParams(ex, 0);
    // Softmax ignores a shift of a whole row, so the slip changes one score only.
    const wrongScores = (evaluateAuthorExpression("Q * K' / sqrt(2)", values) as number[][]).map((row, i) =>
      row.map((x, j) => (i === 0 && j === 0 ? x + 1 : x)),
    );
    const weightsOfWrong = evaluateAuthorExpression("softmax(S)", new Map([...values, ["S", wrongScores]]));
    const verdict = grade(
      ex,
      0,
      { scores: formatValue(wrongScores), weights: formatValue(weightsOfWrong), output: "[[0, 0], [0, 0]]" },
      { locale: "en" },
    );
    expect(verdict.parts?.map((p) => p.status)).toEqual(["partial", "correct", "incorrect"]);
    expect(verdict.parts?.[1]?.carriedForward).toBe(true);
    expect(verdict.parts?.[1]?.message).toContain("correct for your earlier answers");
    expect(verdict.status).toBe("partial");
  });
});

describe("the README's attention exercise", () => {
  it("passes its own tests for 50 variants", () => {
    expect(checkExercise(fixture("attention-weights.yaml"), { seeds: 50 })).toEqual([]);
    expect(checkExercise(fixture("attention-steps.yaml"), { seeds: 50 })).toEqual([]);
  });

  it("reports spec mistakes with the line they are on", () => {
    const result = compileExerciseYaml(
      "params:\n  Q: { matrix: [2, 3] }\nanswer:\n  type: matrix\n  expr: softmax(Q * Z)\n",
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]).toMatchObject({ message: 'unknown name Z in "softmax(Q * Z)"', line: 5 });
    const typo = compileExerciseYaml("answer:\n  type: matrx\n  expr: 1\n");
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.problems[0]?.line).toBe(2);
  });
});

describe("never throws", () => {
  it("answers that are not text, or exercises that fail, give a verdict", () => {
    const ex = exercise(`answer: { type: scalar, expr: "1" }`);
    expect(grade(ex, 0, 42 as never).status).toBe("invalid");
    expect(grade(ex, 0, null as never).status).toBe("invalid");
    expect(grade(ex, 0, "x".repeat(20_000)).problem?.code).toBe("too-long");
  });
});

describe("matrices typed without brackets", () => {
  it("reads rows split by semicolons or lines", () => {
    const ex = exercise(`params: { A: { value: [[1, 2], [3, 4]] } }\nanswer: { type: matrix, expr: "A" }`);
    expect(grade(ex, 0, "1, 2; 3, 4").status).toBe("correct");
    expect(grade(ex, 0, "1, 2\n3, 4").status).toBe("correct");
    expect(grade(ex, 0, "１，２；３，４").status).toBe("correct");
  });
});
