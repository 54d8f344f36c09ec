import type { Matrix } from "@llm-basics/math-core";
import * as core from "@llm-basics/math-core";
import type { Value } from "../expression/evaluate.ts";
import type { Expr } from "../expression/parser.ts";
import { both } from "../messages.ts";
import { answerSchema, expressionText } from "../spec-common.ts";
import { compare, shapeOfValue } from "../tensor-compare.ts";
import { within } from "../tolerance.ts";
import { evaluateAuthor } from "../variant-values.ts";
import { correct, incorrect, invalid } from "../verdict.ts";
import { answerType, expectedExpression, fromStatements } from "./answer-type.ts";

// A singular value decomposition is unique only up to the signs of matching singular vectors:
// judged by its properties (shapes, values, orthonormal columns, U·diag(S)·Vᵀ = A), never
// against one decomposition.

/** An SVD of `matrix`: `U = …`, `S = …` (or `Σ`), `V = …` on separate lines. */
export const svdAnswer = answerType({
  type: "svd",
  schema: answerSchema("svd", { matrix: expressionText }),
  compile: expectedExpression("matrix"),
  read: fromStatements((statements, ctx) => {
    const named = new Map<string, Value>();
    for (const s of statements)
      if (s.name && s.value !== undefined)
        named.set(s.name.toUpperCase() === "SIGMA" ? "S" : s.name.toUpperCase(), s.value);
    const U = named.get("U");
    const S = named.get("S");
    const V = named.get("V");
    if (U === undefined || S === undefined || V === undefined) {
      return {
        ok: false,
        verdict: invalid(
          ctx,
          both("请分别写出 U = …、S = …、V = …（每行一个）。", "Give U = …, S = … and V = … (one per line)."),
          "not-svd",
        ),
      };
    }
    return { ok: true, read: { U, S, V } };
  }),
  grade: ({ U, S, V }, ctx) => {
    const { tolerance } = ctx;
    const A = evaluateAuthor(ctx.answer.expr as Expr, ctx.values) as unknown as Matrix;
    const fail = (zh: string, en: string) => incorrect(ctx, both(zh, en));
    // Σ may be given as its diagonal or as the diagonal matrix itself (whose other entries must be 0).
    const sMatrix = Array.isArray(S) && Array.isArray(S[0]) ? (S as number[][]) : undefined;
    if (sMatrix?.some((row, i) => row.some((x, j) => i !== j && !within(x, 0, tolerance)))) {
      return fail("Σ 是对角矩阵：对角线以外的元素都应为 0。", "Σ is diagonal: its entries off the diagonal must be 0.");
    }
    const sValues = (sMatrix ? sMatrix.map((row, i) => row[i] ?? 0) : S) as number[];
    const truth = core.svd(A);
    const k = truth.S.length;
    const columns = (A[0] as number[]).length;
    const shape = (v: Value) => shapeOfValue(v) ?? [];
    if (
      !Array.isArray(sValues) ||
      sValues.length !== k ||
      shape(U).join() !== `${A.length},${k}` ||
      shape(V).join() !== `${columns},${k}`
    ) {
      return fail(
        `形状不对：U 应为 ${A.length}×${k}，S 应有 ${k} 个值，V 应为 ${columns}×${k}。`,
        `Wrong shapes: U should be ${A.length}×${k}, S should have ${k} values, V should be ${columns}×${k}.`,
      );
    }
    if (!sValues.every((s, i) => within(s, truth.S[i] as number, tolerance)))
      return fail(
        "奇异值不对（应按从大到小排列）。",
        "The singular values are wrong (they go from largest to smallest).",
      );
    const orthonormal = (M: Matrix) => compare(core.matmul(core.transpose(M), M), core.identity(k), tolerance).allClose;
    if (!orthonormal(U as unknown as Matrix))
      return fail("U 的列不是单位正交的。", "The columns of U are not orthonormal.");
    if (!orthonormal(V as unknown as Matrix))
      return fail("V 的列不是单位正交的。", "The columns of V are not orthonormal.");
    const product = core.matmul(
      core.matmul(
        U as unknown as Matrix,
        sValues.map((s, i) => sValues.map((_, j) => (i === j ? s : 0))),
      ),
      core.transpose(V as unknown as Matrix),
    );
    if (!compare(product, A as unknown as Value, tolerance).allClose)
      return fail(
        "U·diag(S)·Vᵀ 不等于 A：检查奇异向量的符号是否配对。",
        "U·diag(S)·Vᵀ is not A: check that the signs of matching singular vectors agree.",
      );
    return correct(ctx);
  },
});
