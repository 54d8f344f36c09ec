import type { Matrix } from "@llm-basics/math-core";
import * as core from "@llm-basics/math-core";
import { z } from "zod";
import { both, type Localized } from "../messages.ts";
import { commonAnswerFields, side } from "../spec-common.ts";
import { compare, shapeOfValue } from "../tensor-compare.ts";
import { within } from "../tolerance.ts";
import { authorValue } from "../variant-values.ts";
import { correct, invalid, scored } from "../verdict.ts";
import { type AnswerContext, answerType, fromStatements } from "./answer-type.ts";

// Any matrix with the asked-for properties ("a symmetric 2×2 matrix of rank 1"): each check is
// judged on its own, and the score is the share passed.

const check = z.union([
  z.object({ symmetric: z.literal(true) }).strict(),
  z.object({ orthogonal: z.literal(true) }).strict(),
  z.object({ diagonal: z.literal(true) }).strict(),
  z.object({ rowStochastic: z.literal(true) }).strict(),
  z.object({ invertible: z.literal(true) }).strict(),
  z.object({ rank: z.int().min(0) }).strict(),
  z.object({ shape: z.tuple([side, side]) }).strict(),
  z.object({ equals: z.string().min(1) }).strict(),
  z.object({ det: z.string().min(1) }).strict(),
]);

const schema = z.object({ type: z.literal("property"), checks: z.array(check).min(1), ...commonAnswerFields }).strict();

type PropertyCheck = z.infer<typeof check>;

/** Whether `M` passes one check, and what to say when it does not. */
function judge(c: PropertyCheck, i: number, M: Matrix, shape: number[], ctx: AnswerContext): [boolean, Localized] {
  const { tolerance } = ctx;
  const tol = "sigfigs" in tolerance ? 10 ** -tolerance.sigfigs : tolerance.atol + tolerance.rtol;
  const square = shape[0] === shape[1];
  if ("symmetric" in c) return [core.isSymmetric(M, tol), both("不是对称矩阵", "it is not symmetric")];
  if ("orthogonal" in c)
    return [core.isOrthogonal(M, tol), both("不是正交矩阵（AᵀA ≠ I）", "it is not orthogonal (AᵀA ≠ I)")];
  if ("diagonal" in c) return [core.isDiagonal(M, tol), both("不是对角矩阵", "it is not diagonal")];
  if ("rowStochastic" in c) {
    const ok = M.every(
      (row) =>
        row.every((x) => x >= -tol) &&
        within(
          row.reduce((a, b) => a + b, 0),
          1,
          tolerance,
        ),
    );
    return [ok, both("不是每行非负且和为 1", "its rows are not all non-negative with sum 1")];
  }
  if ("invertible" in c) return [square && core.rank(M) === shape[0], both("不可逆", "it is not invertible")];
  if ("rank" in c) return [core.rank(M) === c.rank, both(`秩不是 ${c.rank}`, `its rank is not ${c.rank}`)];
  if ("shape" in c)
    return [
      shape[0] === c.shape[0] && shape[1] === c.shape[1],
      both(`形状不是 ${c.shape[0]}×${c.shape[1]}`, `it is not ${c.shape[0]}×${c.shape[1]}`),
    ];
  const expr = ctx.answer.checkExprs.get(i);
  const target = expr ? authorValue(expr, ctx.values) : undefined;
  if ("equals" in c)
    return [
      target !== undefined && compare(M, target, tolerance).allClose,
      both("不等于题目要求的矩阵", "it is not the matrix asked for"),
    ];
  return [
    square && typeof target === "number" && within(core.det(M), target, tolerance),
    both(`行列式不等于 ${c.det}`, `its determinant is not ${c.det}`),
  ];
}

/** A matrix with the properties in `checks`: symmetric, orthogonal, rank, determinant, … */
export const propertyAnswer = answerType({
  type: "property",
  schema,
  compile: (spec, path, tools) => {
    const checkExprs = new Map<number, NonNullable<ReturnType<typeof tools.parse>>>();
    spec.checks.forEach((c, i) => {
      const text = "equals" in c ? c.equals : "det" in c ? c.det : undefined;
      const e = text === undefined ? undefined : tools.parse(text, [...path, "checks", i]);
      if (e) checkExprs.set(i, e);
    });
    return { checkExprs };
  },
  read: fromStatements((statements, ctx) => {
    const value = statements.length === 1 ? statements[0]?.value : undefined;
    const shape = value === undefined ? undefined : shapeOfValue(value);
    if (shape?.length !== 2)
      return {
        ok: false,
        verdict: invalid(
          ctx,
          both("请给出一个矩阵，例如 [[1, 0], [0, 1]]。", "Give a matrix, as in [[1, 0], [0, 1]]."),
          "not-a-matrix",
        ),
      };
    return { ok: true, read: { M: value as unknown as Matrix, shape } };
  }),
  grade: ({ M, shape }, ctx) => {
    const failures = ctx.spec.checks.flatMap((c, i) => {
      const [ok, says] = judge(c, i, M, shape, ctx);
      return ok ? [] : [says];
    });
    if (failures.length === 0) return correct(ctx);
    const score = (ctx.spec.checks.length - failures.length) / ctx.spec.checks.length;
    const list = both(failures.map((f) => f.zh).join("；"), failures.map((f) => f.en).join("; "));
    return scored(ctx, score, both(`还不对：${list.zh}。`, `Not yet: ${list.en}.`));
  },
});
