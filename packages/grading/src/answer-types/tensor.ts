import { z } from "zod";
import { readsAsList } from "../answer/readings.ts";
import type { Value } from "../expression/evaluate.ts";
import { both, type Localized } from "../messages.ts";
import { mistakeVerdict } from "../mistaken-values.ts";
import { commonAnswerFields, expressionText } from "../spec-common.ts";
import { allClose, coerce, compare, shapeOfValue } from "../tensor-compare.ts";
import { answerValues, authorValue } from "../variant-values.ts";
import { correct, incorrect, invalid, scored, type Verdict } from "../verdict.ts";
import { type AnswerContext, answerType, expectedExpression, type Reading, readStatements } from "./answer-type.ts";

// Numbers, vectors and matrices: the learner's value against the expected one, entry by entry,
// with per-cell marks, partial credit, error carried forward from earlier parts, and the
// misconception detectors that recompute the answer with one mistake.

type TensorType = "scalar" | "vector" | "matrix";

const schemaOf = <T extends TensorType>(type: T) =>
  z.object({ type: z.literal(type), expr: expressionText, ...commonAnswerFields }).strict();

type TensorSpec = z.infer<ReturnType<typeof schemaOf>>;

function readTensor(text: string, ctx: AnswerContext<TensorSpec>): Reading<Value> {
  const read = readStatements(text, ctx, { asList: readsAsList(ctx.spec.type as TensorType) });
  if (!read.ok) return read;
  const statements = read.read;
  const [statement, extra] = statements;
  if (extra !== undefined || statement?.name !== undefined || statement?.value === undefined) {
    return {
      ok: false,
      verdict: invalid(
        ctx,
        both("请只写一个答案（一个数、向量或矩阵）。", "Give one answer: a number, a vector or a matrix."),
        "one-answer",
      ),
    };
  }
  return { ok: true, read: statement.value };
}

function gradeTensor(value: Value, ctx: AnswerContext<TensorSpec>): Verdict {
  const { answer, tolerance } = ctx;
  const expected = answerValues(answer, ctx.values).expected;
  const learner = coerce(value, expected);
  const result = compare(learner, expected, tolerance);
  // Marks per cell go with every verdict on an answer of the right shape.
  const cells = result.sameShape && result.cells ? { cells: result.cells } : undefined;
  if (result.allClose) return correct(ctx, undefined, cells);
  // Judged against the learner's own earlier answers (multi-part): right method, earlier slip.
  if (ctx.ownValues && answer.expr) {
    const carried = authorValue(answer.expr, ctx.ownValues);
    if (carried !== undefined && allClose(learner, carried, tolerance)) {
      return correct(
        ctx,
        both(
          "这一步做对了：按你前面的答案计算，结果是正确的（不过前面的答案有误）。",
          "This step is right: it is correct for your earlier answers (though those had an error).",
        ),
        { carriedForward: true, cells: compare(learner, carried, tolerance).cells ?? [] },
      );
    }
  }
  // A tie (the mistake gives the right value too) was already resolved to correct above.
  const mistaken = mistakeVerdict(ctx, result.sameShape, (value) => allClose(learner, value, tolerance), cells?.cells);
  if (mistaken) return mistaken;
  if (!result.sameShape) return incorrect(ctx, expectedShapeMessage(ctx, expected, learner));
  if (result.fraction > 0 && result.cells) {
    const total = Array.isArray(result.cells[0]) ? (result.cells as boolean[][]).flat().length : result.cells.length;
    const right = Math.round(result.fraction * total);
    return scored(
      ctx,
      result.fraction,
      both(
        `部分正确：${total} 个元素中有 ${right} 个对了。`,
        `Partly right: ${right} of ${total} entries are correct.`,
      ),
      cells,
    );
  }
  return incorrect(ctx, undefined, cells);
}

function describeShape(shape: number[] | undefined): Localized {
  if (shape === undefined) return both("一个列表", "a list");
  if (shape.length === 0) return both("一个数", "a single number");
  if (shape.length === 1) return both(`长度为 ${shape[0]} 的向量`, `a vector of length ${shape[0]}`);
  return both(`${shape[0]}×${shape[1]} 的矩阵`, `a ${shape[0]}×${shape[1]} matrix`);
}

function expectedShapeMessage(ctx: AnswerContext<TensorSpec>, expected: Value, actual: Value): Localized {
  const e = shapeOfValue(expected);
  const a = describeShape(shapeOfValue(actual));
  const noun = ctx.spec.noun;
  const nounText = noun === undefined ? undefined : typeof noun === "string" ? both(noun, noun) : noun;
  const what = nounText
    ? both(
        `${e && e.length === 2 ? `${e[0]}×${e[1]} 的` : ""}${nounText.zh}`,
        `${e && e.length === 2 ? `${e[0]}×${e[1]} ` : ""}${nounText.en}`,
      )
    : describeShape(e);
  // A space between Chinese and a number, as in 长度为 3 的向量.
  const spaced = (text: string) => (/^[0-9A-Za-z]/.test(text) ? ` ${text}` : text);
  return both(
    `答案的形状不对：应该是${spaced(what.zh)}，你给的是${spaced(a.zh)}。`,
    `Wrong shape: expected ${what.en}; got ${a.en}.`,
  );
}

/** The shape a vector or matrix answer must have (a scalar has none to show). */
function inputShape(expected: Value | undefined): { shape?: [number] | [number, number] } {
  if (!Array.isArray(expected)) return {};
  if (expected.length > 0 && expected.every(Array.isArray))
    return { shape: [expected.length, (expected[0] as Value[]).length] };
  return { shape: [expected.length] };
}

function tensorAnswer<T extends TensorType>(type: T, showsShape: boolean) {
  return answerType({
    type,
    schema: schemaOf(type),
    compile: expectedExpression("expr"),
    read: readTensor,
    grade: gradeTensor,
    carriedValue: (value) => value,
    view: (_spec, expected) => (showsShape ? inputShape(expected) : {}),
  });
}

/** A number: `-0.5`, `1/3`, `sqrt(2)`, `\frac{1}{2}`. */
export const scalarAnswer = tensorAnswer("scalar", false);
/** A vector: `[1, 2]`, `(1, 2)`, `1, 2`; a 1×n or n×1 matrix counts. */
export const vectorAnswer = tensorAnswer("vector", true);
/** A matrix: `[[1, 2], [3, 4]]`, `[1, 2; 3, 4]`, rows on lines, LaTeX `bmatrix`. */
export const matrixAnswer = tensorAnswer("matrix", true);
