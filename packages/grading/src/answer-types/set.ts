import type { Value } from "../expression/evaluate.ts";
import { both } from "../messages.ts";
import { answerSchema, expressionText } from "../spec-common.ts";
import { within } from "../tolerance.ts";
import { evaluateAuthor } from "../variant-values.ts";
import { correct, invalid, scored } from "../verdict.ts";
import { answerType, expectedExpression, readStatements } from "./answer-type.ts";

// The same values in any order: `1, 3` or `{1, 3}`; score = (found − extra) / expected.

/** A set of numbers: `1, 3`, `{1, 3}`. */
export const setAnswer = answerType({
  type: "set",
  schema: answerSchema("set", { expr: expressionText }),
  compile: expectedExpression("expr"),
  read: (text, ctx) => {
    const read = readStatements(text, ctx, { asList: true });
    if (!read.ok) return read;
    const statements = read.read;
    const given = statements.length === 1 ? statements[0]?.value : statements.map((s) => s.value as Value);
    const items = Array.isArray(given) ? given : [given as Value];
    if (!items.every((x) => typeof x === "number")) {
      return {
        ok: false,
        verdict: invalid(
          ctx,
          both("请列出数，用逗号分开，例如 1, 3。", "List numbers separated by commas, as in 1, 3."),
          "not-a-set",
        ),
      };
    }
    return { ok: true, read: { items: items as number[], single: statements.length === 1 ? given : undefined } };
  },
  grade: ({ items }, ctx) => {
    const expected = evaluateAuthor(ctx.answer.expr as NonNullable<typeof ctx.answer.expr>, ctx.values);
    const wanted = Array.isArray(expected) ? [...(expected as Value[])] : [expected];
    let matched = 0;
    const unused = [...wanted];
    for (const x of items) {
      const at = unused.findIndex((y) => typeof y === "number" && within(x, y, ctx.tolerance));
      if (at >= 0) {
        unused.splice(at, 1);
        matched++;
      }
    }
    const extra = items.length - matched;
    if (matched === wanted.length && extra === 0) return correct(ctx);
    const score = Math.max(0, (matched - extra) / wanted.length);
    const message = both(
      `${wanted.length} 个值中找对了 ${matched} 个${extra > 0 ? `，另有 ${extra} 个多余` : ""}。`,
      `${matched} of ${wanted.length} values found${extra > 0 ? `, ${extra} extra` : ""}.`,
    );
    return scored(ctx, score, message);
  },
  // A later part may use the learner's set as the list they typed.
  carriedValue: (read) => read.single,
});
