import { both } from "../messages.ts";
import { answerSchema, expressionText } from "../spec-common.ts";
import { evaluateAuthor } from "../variant-values.ts";
import { correct, incorrect, invalid } from "../verdict.ts";
import { answerType, expectedExpression } from "./answer-type.ts";

// Yes or no: the learner's word against an author expression (non-zero is true).

const TRUE_WORDS = new Set([
  "true",
  "t",
  "yes",
  "y",
  "1",
  "是",
  "是的",
  "对",
  "对的",
  "正确",
  "真",
  "成立",
  "√",
  "✓",
  "✔",
]);
const FALSE_WORDS = new Set([
  "false",
  "f",
  "no",
  "n",
  "0",
  "否",
  "不",
  "不对",
  "错",
  "错的",
  "错误",
  "不正确",
  "假",
  "不成立",
  "不是",
  "×",
  "✗",
  "✘",
]);

/** Yes or no: `true`/`false`, `yes`/`no`, `是`/`否`, `对`/`错`. */
export const booleanAnswer = answerType({
  type: "boolean",
  schema: answerSchema("boolean", { expr: expressionText }),
  compile: expectedExpression("expr"),
  read: (text, ctx) => {
    const word = text
      .normalize("NFKC")
      .trim()
      .toLowerCase()
      .replace(/[。.!！]$/u, "");
    const given = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
    if (given !== undefined) return { ok: true, read: given };
    return {
      ok: false,
      verdict: invalid(
        ctx,
        both("请回答“是”或“否”（true / false）。", "Answer yes or no (true / false)."),
        "not-boolean",
      ),
    };
  },
  grade: (given, ctx) => {
    const value = evaluateAuthor(ctx.answer.expr as NonNullable<typeof ctx.answer.expr>, ctx.values);
    const expected = value === true || (typeof value === "number" && value !== 0);
    return given === expected ? correct(ctx) : incorrect(ctx);
  },
});
