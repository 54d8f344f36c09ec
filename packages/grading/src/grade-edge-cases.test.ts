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

describe("answers a learner would reasonably type", () => {
  const A = exercise(`params: { A: { value: [[1, 2], [3, 4]] } }\nanswer: { type: matrix, expr: "-A" }`);

  it("keeps commas inside brackets: -[[1, 2], [3, 4]] and 0.5*[[…]] are whole expressions", () => {
    expect(grade(A, 0, "-[[1, 2], [3, 4]]").status).toBe("correct");
    expect(grade(A, 0, "0.5*[[-2, -4], [-6, -8]]").status).toBe("correct");
  });

  it("accepts a separator right before the closing bracket, and pasted rows ending in a newline", () => {
    const B = exercise(`params: { A: { value: [[1, 2], [3, 4]] } }\nanswer: { type: matrix, expr: "A" }`);
    expect(grade(B, 0, "1,2\n3,4\n").status).toBe("correct");
    expect(grade(B, 0, "[\n[1, 2],\n[3, 4]\n]").status).toBe("correct");
    expect(grade(B, 0, "[1, 2; 3, 4;]").status).toBe("correct");
    expect(grade(B, 0, "[[1, 3], [2, 4]]^T").status).toBe("correct");
    expect(grade(B, 0, "[1, 2]\n[3, 4]").status).toBe("correct");
    expect(grade(B, 0, "[1, 2]; [3, 4]").status).toBe("correct");
  });

  it("reads sigfigs around rounding noise and eigenvectors rounded to three decimals", () => {
    const identity = exercise(
      `params: { A: { value: [[4, 7], [2, 6.1]] } }\nanswer: { type: matrix, expr: "A * inverse(A)" }\ntolerance: { sigfigs: 3 }`,
    );
    expect(grade(identity, 0, "[[1, 0], [0, 1]]").status).toBe("correct");
    const eigen = exercise(`params: { S: { value: [[9, 3], [3, 1]] } }\nanswer: { type: eigenpairs, matrix: "S" }`);
    expect(grade(eigen, 0, "[10, [0.949, 0.316]]; [0, [0.316, -0.949]]").status).toBe("correct");
  });

  it("reads products in expressions: x(x + 2) + 1 and 2xy", () => {
    const ex = exercise(`answer: { type: expression, expr: "(x + 1)^2", variables: [x, y] }`);
    expect(grade(ex, 0, "x(x+2)+1").status).toBe("correct");
    const xy = exercise(`answer: { type: expression, expr: "2*x*y", variables: [x, y] }`);
    expect(grade(xy, 0, "2xy").status).toBe("correct");
    expect(grade(ex, 0, "x^2 + 2.001x + 1").status).toBe("incorrect");
  });

  it("reads choices and yes/no the way people type them", () => {
    const several = exercise(`answer: { type: choice, options: [a, b, c], correct: [0, 2], multiple: true }`);
    expect(grade(several, 0, "AC").status).toBe("correct");
    expect(grade(several, 0, "ＡＣ").status).toBe("correct");
    const one = exercise(`answer: { type: choice, options: [a, b, c], correct: 1 }`);
    expect(grade(one, 0, "(B)").status).toBe("correct");
    expect(grade(one, 0, "B。").status).toBe("correct");
    const yes = exercise(`answer: { type: boolean, expr: "0" }`);
    for (const word of ["不对", "不正确", "错的", "×", "ｎｏ"]) expect(grade(yes, 0, word).status).toBe("correct");
  });

  it("reads functions written without parentheses, as LaTeX's \\ln 2 arrives", () => {
    const ex = exercise(`answer: { type: scalar, expr: "log(2)" }`);
    for (const typedAnswer of ["\\ln 2", "\\log 2", "ln 2", "ln(2)"])
      expect(grade(ex, 0, typedAnswer).status).toBe("correct");
  });

  it("treats empty brackets as unreadable, not wrong", () => {
    const v = exercise(`answer: { type: vector, expr: "[1, 2]" }`);
    expect(grade(v, 0, "[]").status).toBe("invalid");
    expect(grade(v, 0, "()").status).toBe("invalid");
  });
});

describe("multi-part answers", () => {
  const steps = exercise(`params:
  Q: { value: [[1, 0], [0, 2]] }
  K: { value: [[1, 1], [0, 1]] }
  V: { value: [[2, -1], [-1, -2]] }
parts:
  - { id: scores, answer: { type: matrix, expr: "Q * K' / sqrt(2)" } }
  - { id: weights, answer: { type: matrix, expr: "softmax(scores)" } }
  - { id: output, answer: { type: matrix, expr: "weights * V" } }`);

  it("carries forward only answers of the right shape: copying V earns nothing", () => {
    const verdict = grade(steps, 0, { scores: "0", weights: "1", output: "[[2, -1], [-1, -2]]" });
    expect(verdict.parts?.[2]?.status).toBe("incorrect");
    expect(verdict.parts?.[2]?.carriedForward).toBeUndefined();
  });

  it("reports the cells of a carried-forward step against the learner's own values", () => {
    const values = drawParams(steps, 0);
    const scores = (evaluateAuthorExpression("Q * K' / sqrt(2)", values) as number[][]).map((r, i) =>
      r.map((x, j) => (i + j === 0 ? x + 1 : x)),
    );
    const weights = evaluateAuthorExpression("softmax(S)", new Map([...values, ["S", scores]]));
    const verdict = grade(steps, 0, { scores: "1, -1; 4, 0", weights: formatValue(weights), output: "0, 0; 0, 0" });
    expect(verdict.status).toBe("partial");
    const own = grade(steps, 0, {
      scores: formatValue(scores),
      weights: formatValue(weights),
      output: "[[0, 0], [0, 0]]",
    });
    expect(own.parts?.[1]).toMatchObject({
      status: "correct",
      carriedForward: true,
      cells: [
        [true, true],
        [true, true],
      ],
    });
  });

  it("is invalid as a whole when one part cannot be read (no attempt used)", () => {
    const verdict = grade(steps, 0, { scores: "[[1, 2", weights: "[[1, 0], [0, 1]]", output: "[[1, 0], [0, 1]]" });
    expect(verdict.status).toBe("invalid");
    expect(grade(steps, 0, { scores: "[[1, 0], [0, 1]]" }).status).toBe("invalid");
  });

  it("tells nothing of the readable parts when one cannot be read: no score, no count of right parts", () => {
    const values = drawParams(steps, 0);
    const S = evaluateAuthorExpression("Q * K' / sqrt(2)", values);
    const [scores, weights] = [
      formatValue(S),
      formatValue(evaluateAuthorExpression("softmax(S)", new Map([...values, ["S", S]]))),
    ];
    const verdict = grade(steps, 0, { scores, weights, output: "[[1, 2" }, { locale: "en" });
    expect(verdict).toMatchObject({ status: "invalid", score: 0, message: "Part 3 cannot be graded yet." });
    expect(grade(steps, 0, { scores, weights: "[[1", output: "[[1, 2" }).message).toBe("第 2、3 部分还不能评分。");
  });
});

describe("specs and checks", () => {
  it("refuses an SVD whose Σ has entries off the diagonal", () => {
    const ex = exercise(`params: { A: { value: [[3, 0], [0, 2]] } }\nanswer: { type: svd, matrix: "A" }`);
    expect(grade(ex, 0, "U = [[1, 0], [0, 1]]\nS = [[3, 99], [-7, 2]]\nV = [[1, 0], [0, 1]]").status).toBe("incorrect");
    expect(grade(ex, 0, "U = [[1, 0], [0, 1]]\nS = [[3, 0], [0, 2]]\nV = [[1, 0], [0, 1]]").status).toBe("correct");
  });

  it("rejects specs that cannot be answered or that hide mistakes", () => {
    expect(compileExerciseYaml(`answer: { type: choice, options: [a, b], correct: [0, 1] }`).ok).toBe(false);
    const duplicate = compileExerciseYaml(
      `answer: { type: scalar, expr: "1", mistakes: [{ id: a, expr: "2", message: x }, { id: a, expr: "3", message: y }] }`,
    );
    expect(duplicate.ok).toBe(false);
    const multiPart = compileExerciseYaml(
      `parts: [{ id: a, answer: { type: scalar, expr: "1" } }]\nmistakes: [{ expr: "3", message: x }]`,
    );
    expect(multiPart.ok).toBe(false);
    const bomb = compileExerciseYaml(
      `a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]`,
    );
    expect(bomb.ok).toBe(false);
  });

  it("reports a YAML problem by its line and column, without the YAML library's own position text", () => {
    const compiled = compileExerciseYaml("answer:\n\ttype: scalar\n");
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.problems[0]).toMatchObject({ line: 2, column: 1 });
    expect(compiled.problems[0]?.message).not.toMatch(/at line|:$/);
  });

  it("tells an author to quote an expression that YAML reads as its own syntax", () => {
    const syntax = compileExerciseYaml("prompt: 求 {{Q}}: 的值\n");
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.problems[0]?.message).toMatch(/^Nested mappings .*must be quoted, as in expr: "…"/);
    const params = "params: { x: { vector: 3, integers: [-2, 2] } }\n";
    const mapping = compileExerciseYaml(`${params}answer: { type: vector, expr: {x} }\nsolution: {{ softmax(x) }}\n`);
    expect(mapping.ok).toBe(false);
    if (mapping.ok) return;
    expect(mapping.problems.map((p) => [p.path.join("."), p.line, /quote the expression/.test(p.message)])).toEqual([
      ["answer.expr", 2, true],
      ["solution", 3, true],
    ]);
    // A text written in two languages is a mapping on purpose: no such hint.
    const languages = compileExerciseYaml(`${params}answer: { type: vector, expr: "x" }\ntitle: { zh: 标题 }\n`);
    if (!languages.ok) expect(languages.problems.every((p) => !p.message.includes("quote"))).toBe(true);
  });

  it("reports an author test that cannot be typed instead of throwing", () => {
    const ex = exercise(
      `params: { A: { value: [[1, 0], [0, 1]] } }\nanswer: { type: matrix, expr: "A" }\ntests: [{ answerExpr: "1 +", expect: correct }]`,
    );
    expect(checkExercise(ex, { seeds: 1 })[0]?.message).toContain("answerExpr cannot be typed");
  });

  it("lets an author test of a later part name the earlier parts, as the parts' own expressions do", () => {
    const ex = exercise(`params: { A: { value: [[1, 2], [3, 4]] } }
parts:
  - { id: scores, answer: { type: matrix, expr: "2 * A" } }
  - { id: weights, answer: { type: matrix, expr: "softmax(scores)" } }
tests:
  - { answerExpr: { scores: "2 * A", weights: "softmax(scores)" }, expect: correct }`);
    expect(checkExercise(ex, { seeds: 2 })).toEqual([]);
  });

  it("checks an expression answer in its own variables, which are not parameters", () => {
    const ex = exercise(`params: { k: { value: 2 } }
answer: { type: expression, expr: "2*d*f + k*d", variables: [d, f], domain: [1, 10] }
tests:
  - { answer: "2 d f + 2 d", expect: correct }
  - { answer: "2 d f", expect: incorrect }`);
    expect(checkExercise(ex, { seeds: 3 })).toEqual([]);
  });

  it("never prints the expected matrix in a property check's message", () => {
    const ex = exercise(`answer: { type: property, checks: [{ equals: "[[1, 2], [3, 4]]" }] }`);
    expect(grade(ex, 0, "[[0, 0], [0, 0]]", { locale: "en" }).message).not.toContain("[[1, 2]");
  });

  it("stops an answer that would take too long instead of grinding through it", () => {
    const ex = exercise(`answer: { type: expression, expr: "x^2", variables: [x] }`);
    // 8 sample points × 8 nested powers of a 32×32 matrix: a tenth of a second or more of work,
    // well past a 5 ms budget on any machine (the default budget is 250 ms).
    const I = `[${Array.from({ length: 32 }, (_, i) => `[${Array.from({ length: 32 }, (_, j) => (i === j ? 1 : 0)).join(",")}]`).join(",")}]`;
    const v = `[${Array(32).fill(1).join(",")}]`;
    const verdict = grade(ex, 0, `x^2 + 0*(${v}*((((((((${I}^64)^64)^64)^64)^64)^64)^64)^64)*${v})`, {
      maxMilliseconds: 5,
    });
    expect(verdict).toMatchObject({ status: "invalid", problem: { code: "too-slow" } });
  });
});
