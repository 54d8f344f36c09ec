// Verdicts per second for each answer type, one core: @llm-basics/grading on exercises up to
// 8×8 with every applicable misconception detector, on a mix of answers (right, a named
// mistake, partly right, unreadable). A variant's expected and mistaken values are cached
// after its first verdict; one row measures first verdicts only (nothing cached). Beside
// each, the baseline measured in the same run: math-core computing the expected answer once
// (the work no grader can skip).
// Target (issue 4): p99 under 1 ms for an 8×8 exercise, at least 5,000 verdicts per second.
//
//   pnpm bench:grading            # 3 rounds of 3,000 verdicts per type
//   pnpm bench:grading --quick    # 1 round of 1,000
import { parseArgs } from "node:util";
import {
  compileExerciseYaml,
  drawParams,
  type Exercise,
  evaluateAuthorExpression,
  formatValue,
  grade,
} from "@llm-basics/grading";
import { scaledDotProductAttention } from "@llm-basics/math-core";
import { collectGarbage } from "./math/timing.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { quick: { type: "boolean", default: false }, rounds: { type: "string" }, count: { type: "string" } },
});
const rounds = Number(values.rounds ?? (values.quick ? 1 : 3));
const count = Number(values.count ?? (values.quick ? 1000 : 3000));

function exercise(yaml: string): Exercise {
  const compiled = compileExerciseYaml(yaml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.exercise;
}

const attention = `params:
  Q: { matrix: [8, 8], integers: [-2, 2] }
  K: { matrix: [8, 8], integers: [-2, 2] }
  V: { matrix: [8, 8], integers: [-2, 2] }
`;

interface Case {
  type: string;
  /** Every verdict on a variant not graded before (nothing cached). */
  cold?: boolean;
  exercise: Exercise;
  /** Answers for seed s, cycled through. */
  answers: (seed: number) => string[];
  baseline: (seed: number) => unknown;
}

const typedValue = (ex: Exercise, seed: number, expr: string) =>
  formatValue(evaluateAuthorExpression(expr, drawParams(ex, seed)));

const matrixCase = exercise(`${attention}answer: { type: matrix, expr: "scaledDotProductAttention(Q, K, V).weights" }`);
const mhaCase = exercise(`${attention}  W: { matrix: [8, 8], integers: [-1, 1] }
answer: { type: matrix, expr: "multiHeadAttention(Q, 2, W, W', W, W).output" }`);
const vectorCase = exercise(`params: { x: { logits: 8 } }\nanswer: { type: vector, expr: "softmax(x)" }`);
const scalarCase = exercise(`params: { A: { invertible: 4 } }\nanswer: { type: scalar, expr: "det(A)" }`);
const eigenCase = exercise(`params: { S: { symmetric: 3 } }\nanswer: { type: eigenpairs, matrix: "S" }`);
const expressionCase = exercise(`answer: { type: expression, expr: "(x + 1)^2", variables: [x] }`);

const cases: Case[] = [
  {
    type: "matrix (8×8 attention, 7 detectors)",
    exercise: matrixCase,
    answers: (s) => [
      typedValue(matrixCase, s, "scaledDotProductAttention(Q, K, V).weights"),
      typedValue(matrixCase, s, "softmax(Q * K')"),
      typedValue(matrixCase, s, "softmax(Q * K' / 3)"),
      "[[0.5, 0.5], [0.2",
    ],
    baseline: (s) => {
      const p = drawParams(matrixCase, s);
      return scaledDotProductAttention(p.get("Q") as number[][], p.get("K") as number[][], p.get("V") as number[][])
        .weights;
    },
  },
  {
    // Worst case: a new variant, and a right-shaped wrong answer, so every detector is computed.
    type: "matrix (8×8 attention, first answer to each variant)",
    cold: true,
    exercise: matrixCase,
    answers: (s) => [typedValue(matrixCase, s, "scaledDotProductAttention(Q, K, V).weights")],
    baseline: (s) => {
      const p = drawParams(matrixCase, s);
      return scaledDotProductAttention(p.get("Q") as number[][], p.get("K") as number[][], p.get("V") as number[][])
        .weights;
    },
  },
  {
    type: "matrix (8×8 multi-head, 6 detectors)",
    exercise: mhaCase,
    answers: (s) => [
      typedValue(mhaCase, s, "multiHeadAttention(Q, 2, W, W', W, W).output"),
      typedValue(mhaCase, s, "multiHeadAttention(Q, 2, W, W', W, W).concat"),
    ],
    baseline: (s) => evaluateAuthorExpression("multiHeadAttention(Q, 2, W, W', W, W).output", drawParams(mhaCase, s)),
  },
  {
    type: "vector (softmax of 8)",
    exercise: vectorCase,
    answers: (s) => [typedValue(vectorCase, s, "softmax(x)"), "（0.1，0.2，0.3）"],
    baseline: (s) => evaluateAuthorExpression("softmax(x)", drawParams(vectorCase, s)),
  },
  {
    type: "scalar (4×4 determinant)",
    exercise: scalarCase,
    answers: (s) => [typedValue(scalarCase, s, "det(A)"), "\\frac{1}{2}"],
    baseline: (s) => evaluateAuthorExpression("det(A)", drawParams(scalarCase, s)),
  },
  {
    type: "eigenpairs (3×3)",
    exercise: eigenCase,
    answers: () => ["[1, [1, 0, 0]]; [2, [0, 1, 0]]; [3, [0, 0, 1]]"],
    baseline: (s) => evaluateAuthorExpression("eigSymmetric(S)", drawParams(eigenCase, s)),
  },
  {
    type: "expression (8 sample points)",
    exercise: expressionCase,
    answers: () => ["x^2 + 2x + 1", "x^2 + 1"],
    baseline: () => evaluateAuthorExpression("(2 + 1)^2", new Map()),
  },
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

console.log(`grading bench: ${rounds} round(s) × ${count} verdicts per answer type, one core\n`);
const rows: string[][] = [];
let worstP99 = 0;
let slowestRate = Number.POSITIVE_INFINITY;
for (const c of cases) {
  const seeds = Array.from({ length: 50 }, (_, i) => i);
  const answers = seeds.map((s) => c.answers(s));
  // Warm up both sides.
  for (let i = 0; i < 300; i++) {
    const s = i % seeds.length;
    grade(c.exercise, s, answers[s]?.[i % (answers[s]?.length ?? 1)] ?? "");
    c.baseline(s);
  }
  const times: number[] = [];
  const baseTimes: number[] = [];
  let fresh = 100_000;
  for (let r = 0; r < rounds; r++) {
    collectGarbage();
    for (let i = 0; i < count; i++) {
      const s = i % seeds.length;
      const list = answers[s] as string[];
      const seed = c.cold ? fresh++ : s;
      const started = process.hrtime.bigint();
      grade(c.exercise, seed, list[i % list.length] as string);
      times.push(Number(process.hrtime.bigint() - started) / 1e3);
    }
    collectGarbage();
    for (let i = 0; i < count; i++) {
      const started = process.hrtime.bigint();
      c.baseline(c.cold ? fresh + i : i % seeds.length);
      baseTimes.push(Number(process.hrtime.bigint() - started) / 1e3);
    }
  }
  times.sort((a, b) => a - b);
  baseTimes.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const baseMean = baseTimes.reduce((a, b) => a + b, 0) / baseTimes.length;
  const p99 = percentile(times, 0.99);
  worstP99 = Math.max(worstP99, p99);
  slowestRate = Math.min(slowestRate, 1e6 / mean);
  rows.push([
    c.type,
    (1e6 / mean).toFixed(0),
    percentile(times, 0.5).toFixed(0),
    p99.toFixed(0),
    baseMean.toFixed(1),
    `${(mean / baseMean).toFixed(1)}×`,
  ]);
}
const header = ["answer type", "verdicts/s", "p50 µs", "p99 µs", "baseline µs", "verdict/baseline"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`);
for (const r of rows) console.log(line(r));
console.log(
  `\nbaseline: math-core computing the expected answer once (params drawn again).\ntarget (p99 < 1000 µs and ≥ 5,000 verdicts/s for every type): worst p99 ${worstP99.toFixed(0)} µs, slowest ${slowestRate.toFixed(0)}/s — ${worstP99 < 1000 && slowestRate >= 5000 ? "met" : "missed"}`,
);
