import fc from "fast-check";
import { expect, it } from "vitest";
import { compileExerciseYaml, type Exercise } from "./exercise.ts";
import { grade } from "./grade.ts";

function exercise(yaml: string): Exercise {
  const compiled = compileExerciseYaml(yaml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.exercise;
}

const exercises = [
  exercise(`params:
  Q: { matrix: [3, 4], integers: [-2, 2] }
  K: { matrix: [3, 4], integers: [-2, 2] }
  V: { matrix: [3, 2], integers: [-2, 2] }
answer: { type: matrix, expr: "scaledDotProductAttention(Q, K, V).weights" }`),
  exercise(`params: { x: { logits: 4 } }\nanswer: { type: vector, expr: "softmax(x)" }`),
  exercise(`params: { A: { invertible: 2 } }\nanswer: { type: scalar, expr: "det(A)" }`),
  exercise(`answer: { type: expression, expr: "x^2 + 1", variables: [x] }`),
  exercise(`params: { S: { symmetric: 2 } }\nanswer: { type: eigenpairs, matrix: "S" }`),
  exercise(`params: { S: { symmetric: 2 } }\nanswer: { type: set, expr: "eigenvalues(S)" }`),
  exercise(`answer: { type: property, checks: [{ orthogonal: true }] }`),
  exercise(`answer: { type: choice, options: [a, b, c], correct: 1 }`),
];

// Pieces that stress the reader: brackets, LaTeX, full-width punctuation, huge and tiny numbers,
// operators that overflow, names that are not allowed.
const piece = fc.constantFrom(
  "[",
  "]",
  "(",
  ")",
  "[[",
  "]]",
  ",",
  "，",
  ";",
  "；",
  "\n",
  " ",
  "0",
  "1",
  "-",
  "+",
  "*",
  "/",
  "^",
  "'",
  ".",
  "1e308",
  "1e-320",
  "9".repeat(400),
  "0.5",
  "sqrt(",
  "exp(",
  "log(",
  "pi",
  "e",
  "x",
  "Q",
  "softmax(",
  "__proto__",
  "constructor",
  "\\frac{",
  "}",
  "{",
  "\\sqrt",
  "\\begin{bmatrix}",
  "\\end{bmatrix}",
  "&",
  "\\\\",
  "√",
  "²",
  "−",
  "（",
  "）",
  "［",
  "］",
  "U =",
  "S =",
  "=",
  "^999999",
  "^-1",
  "!",
  "\u0000",
  "😀",
  "\ud800",
);
const answers = fc.oneof(
  { weight: 3, arbitrary: fc.array(piece, { maxLength: 40 }).map((p) => p.join("")) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.array(fc.double(), { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 9 })
      .map((m) => JSON.stringify(m)),
  },
  { weight: 1, arbitrary: fc.nat(3000).map((n) => `${"(".repeat(n)}1${")".repeat(n % 7 === 0 ? n : 0)}`) },
  { weight: 1, arbitrary: fc.nat(12_000).map((n) => "[1, ".repeat(n % 3000) + "2".repeat(n)) },
);

it("grading never throws and always returns a well-formed verdict, whatever the answer (100,000 answers)", () => {
  let graded = 0;
  fc.assert(
    fc.property(answers, fc.nat(1000), fc.nat(exercises.length - 1), (answer, seed, which) => {
      const verdict = grade(exercises[which] as Exercise, seed, answer);
      expect(["correct", "partial", "incorrect", "invalid"]).toContain(verdict.status);
      expect(verdict.score >= 0 && verdict.score <= 1).toBe(true);
      expect(typeof verdict.message).toBe("string");
      // A grader error would be our bug, never the learner's.
      expect(verdict.problem?.code).not.toBe("grader-error");
      expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
      graded++;
    }),
    { numRuns: 100_000 },
  );
  expect(graded).toBe(100_000);
});
