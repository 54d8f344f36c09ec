import type { Matrix } from "@llm-basics/math-core";
import * as core from "@llm-basics/math-core";
import type { Value } from "../expression/evaluate.ts";
import type { Expr } from "../expression/parser.ts";
import { both } from "../messages.ts";
import { answerSchema, expressionText } from "../spec-common.ts";
import { within } from "../tolerance.ts";
import { evaluateAuthor } from "../variant-values.ts";
import { correct, invalid, scored } from "../verdict.ts";
import { answerType, expectedExpression, fromStatements, type Reading } from "./answer-type.ts";

// Eigenpairs are unique only up to order, sign and scale: each λ must match an eigenvalue of
// the matrix, and A·v = λ·v for the learner's v scaled to length 1.

const FORMAT = both(
  "请按“特征值, [特征向量]”的格式逐行作答，例如 [1, [1, -1]]; [3, [1, 1]]。",
  "Give one pair per line as [eigenvalue, [eigenvector]], as in [1, [1, -1]]; [3, [1, 1]].",
);

/** A pair as the learner gave it: an eigenvalue and a vector (any length, any scale). */
interface Eigenpair {
  lambda: number;
  v: number[];
}

/** Eigenpairs of `matrix`: `[1, [1, -1]]; [3, [1, 1]]`, one pair per line. */
export const eigenpairsAnswer = answerType({
  type: "eigenpairs",
  schema: answerSchema("eigenpairs", { matrix: expressionText }),
  compile: expectedExpression("matrix"),
  read: fromStatements((statements, ctx): Reading<Eigenpair[]> => {
    const only = statements.length === 1 ? statements[0]?.value : undefined;
    const pairs: Value[] =
      Array.isArray(only) && only.every((p) => Array.isArray(p) && p.length === 2 && Array.isArray(p[1]))
        ? only
        : statements.map((s) => s.value as Value);
    const parsed: Eigenpair[] = [];
    for (const p of pairs) {
      if (
        !Array.isArray(p) ||
        p.length !== 2 ||
        typeof p[0] !== "number" ||
        !Array.isArray(p[1]) ||
        !p[1].every((x) => typeof x === "number")
      ) {
        return { ok: false, verdict: invalid(ctx, FORMAT, "not-eigenpairs") };
      }
      parsed.push({ lambda: p[0], v: p[1] as number[] });
    }
    return { ok: true, read: parsed };
  }),
  grade: (parsed: Eigenpair[], ctx) => {
    const { tolerance } = ctx;
    const A = evaluateAuthor(ctx.answer.expr as Expr, ctx.values) as unknown as Matrix;
    const n = A.length;
    if (parsed.some(({ v }) => v.length !== n)) {
      return invalid(
        ctx,
        both(`每个特征向量应该有 ${n} 个分量。`, `Each eigenvector needs ${n} entries.`),
        "eigenvector-length",
      );
    }
    const expected = core.isSymmetric(A)
      ? core.eigSymmetric(A).values
      : core
          .eig(A)
          .values.filter((c) => c.im === 0)
          .map((c) => c.re);
    const unused = [...expected];
    let right = 0;
    const byValue = new Map<number, number[][]>();
    for (const { lambda, v } of parsed) {
      const at = unused.findIndex((x) => within(lambda, x, tolerance));
      const length = Math.hypot(...v);
      if (at < 0 || length === 0) continue;
      const trueLambda = unused[at] as number;
      const unit = v.map((x) => x / length);
      const Av = core.matmul(A, unit);
      // Any nonzero multiple of an eigenvector is one: check A·v = λ·v for the normalized vector.
      // The residual of a rounded vector grows with A, so allow the tolerance times ‖A‖.
      const size = Math.max(1, ...A.flat().map(Math.abs)) * n;
      const slack =
        ("sigfigs" in tolerance ? 10 ** -tolerance.sigfigs : tolerance.atol + tolerance.rtol * Math.abs(trueLambda)) *
        size;
      if (!Av.every((x, i) => Math.abs(x - trueLambda * (unit[i] as number)) <= slack)) continue;
      const same = byValue.get(trueLambda) ?? [];
      // Vectors for a repeated eigenvalue must be independent.
      if (
        same.length > 0 &&
        core.rank([...same, unit].map((r) => r.map((x) => Math.round(x * 1e6) / 1e6))) <= same.length
      )
        continue;
      same.push(unit);
      byValue.set(trueLambda, same);
      unused.splice(at, 1);
      right++;
    }
    const total = expected.length;
    if (right === total && parsed.length === total) return correct(ctx);
    const score = Math.max(0, (right - Math.max(0, parsed.length - total)) / total);
    return scored(
      ctx,
      score,
      both(`${total} 个特征对中有 ${right} 个正确。`, `${right} of ${total} eigenpairs are right.`),
    );
  },
});
