import { z } from "zod";
import { maxAxes, readShapeText } from "../answer/shape-text.ts";
import type { Value } from "../expression/evaluate.ts";
import { both, type Localized } from "../messages.ts";
import { mistakeVerdict } from "../mistaken-values.ts";
import { commonAnswerFields, expressionText } from "../spec-common.ts";
import { answerValues, authorValue } from "../variant-values.ts";
import { correct, incorrect, invalidAt, scored, type Verdict } from "../verdict.ts";
import { type AnswerContext, type AnswerMisconception, answerType, expectedExpression } from "./answer-type.ts";

// A tensor's shape with named axes: `axes: [batch, heads, seq, d_k]` and an `expr` giving their
// sizes, `[B, h, n, d_model / h]`. The learner types the sizes (`[2, 8, 10, 64]`, `2×8×10×64`).
// Feedback speaks of axes, never of the sizes expected: a swapped pair of axes, an axis left
// out, heads never split off d_model, d_model where d_k belongs.

const axisName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an axis name is letters, digits and _, like d_k");

const schema = z
  .object({
    type: z.literal("shape"),
    /** The axes' names, in order: `[batch, heads, seq, d_k]`. */
    axes: z
      .array(axisName)
      .min(1)
      .max(maxAxes)
      .refine((names) => new Set(names).size === names.length, "each axis needs its own name"),
    /** The sizes of the axes, in the same order: an expression giving a list of whole numbers. */
    expr: expressionText,
    ...commonAnswerFields,
  })
  .strict();

type ShapeSpec = z.infer<typeof schema>;
type ShapeContext = AnswerContext<ShapeSpec>;

const HEADS = /^(h|heads?|n_?heads|num_?heads)$/i;
const PER_HEAD = /^(d_?k|d_?v|d_?q|d_?head|head_?dim)$/i;

/** The misconceptions a shape answer names by itself. */
const MISCONCEPTIONS = {
  headsNotSplit: {
    id: "shape-heads-not-split",
    topic: "multi-head-attention",
    message: both(
      "多头注意力要把 d_model 拆成 h 个头：拆分后 heads 是单独的一个轴，每个头的最后一维是 d_k = d_model / h。",
      "Multi-head attention splits d_model into h heads: after the split, heads is an axis of its own and each head's last axis is d_k = d_model / h.",
    ),
  },
  dModelForDk: {
    id: "shape-d-model-for-d-k",
    topic: "multi-head-attention",
    message: both(
      "每个头只拿到 d_model 的一份：每个头的最后一维是 d_k = d_model / h，不是 d_model。",
      "Each head gets a slice of d_model: a head's last axis is d_k = d_model / h, not d_model.",
    ),
  },
  axesSwapped: {
    id: "shape-axes-swapped",
    topic: "tensor-shapes",
    message: both(
      "两个轴的位置对调了：每个轴的大小要写在它自己的位置上。",
      "Two axes are swapped: each axis's size belongs in its own place.",
    ),
  },
  axisMissing: {
    id: "shape-axis-missing",
    topic: "tensor-shapes",
    message: both(
      "少了一个轴：张量的每个轴都要写出大小。",
      "An axis is missing: a shape gives the size of every axis.",
    ),
  },
} satisfies Record<string, AnswerMisconception>;

const sameSizes = (a: readonly number[], b: Value): boolean =>
  Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);

/** The expected sizes, checked: a defect of the exercise throws (and is reported to its author). */
function expectedSizes(value: Value, spec: ShapeSpec): number[] {
  const problem = shapeProblem(value, spec);
  if (problem) throw new Error(problem);
  return value as number[];
}

function shapeProblem(value: Value, spec: ShapeSpec): string | undefined {
  const ok =
    Array.isArray(value) &&
    value.length === spec.axes.length &&
    value.every((x) => typeof x === "number" && Number.isInteger(x) && x >= 0);
  return ok
    ? undefined
    : `the shape's expr must give ${spec.axes.length} whole numbers, one per axis (${spec.axes.join(", ")}); it gave ${JSON.stringify(value)}`;
}

/** The misconception a wrong shape shows, found from the shape alone; with a word on where. */
function structuralMistake(
  given: readonly number[],
  expected: readonly number[],
  axes: readonly string[],
): { misconception: AnswerMisconception; detail?: Localized } | undefined {
  const heads = axes.findIndex((a) => HEADS.test(a));
  const perHead = axes.findIndex((a) => PER_HEAD.test(a));
  const h = expected[heads];
  if (heads >= 0 && perHead >= 0 && h !== undefined && h > 1) {
    const merged = expected.flatMap((size, i) => (i === heads ? [] : [i === perHead ? size * h : size]));
    if (sameSizes(given, merged)) return { misconception: MISCONCEPTIONS.headsNotSplit };
    const wide = expected.map((size, i) => (i === perHead ? size * h : size));
    if (sameSizes(given, wide)) return { misconception: MISCONCEPTIONS.dModelForDk };
  }
  if (given.length === expected.length) {
    const wrong = expected.flatMap((size, i) => (given[i] === size ? [] : [i]));
    const [i, j] = wrong;
    if (
      wrong.length === 2 &&
      i !== undefined &&
      j !== undefined &&
      given[i] === expected[j] &&
      given[j] === expected[i]
    ) {
      const [a, b] = [axes[i], axes[j]];
      return { misconception: MISCONCEPTIONS.axesSwapped, detail: both(`（${a} 和 ${b}）`, ` (${a} and ${b})`) };
    }
  }
  if (given.length === expected.length - 1) {
    const dropped = expected.findIndex((_, k) => sameSizes(given, [...expected.slice(0, k), ...expected.slice(k + 1)]));
    if (dropped >= 0) {
      const name = axes[dropped];
      return { misconception: MISCONCEPTIONS.axisMissing, detail: both(`（少了 ${name}）`, ` (${name} is missing)`) };
    }
  }
  return undefined;
}

function gradeShape(given: number[], ctx: ShapeContext): Verdict {
  const { spec, answer } = ctx;
  const expected = expectedSizes(answerValues(answer, ctx.values).expected, spec);
  const sameLength = given.length === expected.length;
  const cells = sameLength ? { cells: given.map((x, i) => x === expected[i]) } : {};
  if (sameSizes(given, expected)) return correct(ctx, undefined, cells);
  if (ctx.ownValues && answer.expr) {
    const carried = authorValue(answer.expr, ctx.ownValues);
    if (carried !== undefined && sameSizes(given, carried)) {
      return correct(
        ctx,
        both(
          "这一步做对了：按你前面的答案计算，形状是正确的（不过前面的答案有误）。",
          "This step is right: the shape is correct for your earlier answers (though those had an error).",
        ),
        { carriedForward: true, cells: given.map(() => true) },
      );
    }
  }
  const mistaken = mistakeVerdict(ctx, sameLength, (value) => sameSizes(given, value), cells.cells);
  if (mistaken) return mistaken;
  const ignored = new Set(spec.ignoreDetectors ?? []);
  const found = structuralMistake(given, expected, spec.axes);
  if (found && !ignored.has(found.misconception.id)) {
    const { misconception, detail } = found;
    const message = detail
      ? both(`${misconception.message.zh}${detail.zh}`, `${misconception.message.en}${detail.en}`)
      : misconception.message;
    return incorrect(ctx, message, {
      ...cells,
      misconception: { id: misconception.id, message: message[ctx.locale], topic: misconception.topic },
    });
  }
  if (!sameLength) {
    return incorrect(
      ctx,
      both(
        `轴的个数不对：形状应有 ${expected.length} 个轴，你给了 ${given.length} 个。`,
        `Wrong number of axes: the shape has ${expected.length}; you gave ${given.length}.`,
      ),
    );
  }
  const wrong = spec.axes.filter((_, i) => given[i] !== expected[i]);
  const right = expected.length - wrong.length;
  return scored(
    ctx,
    right / expected.length,
    both(`这些轴的大小不对：${wrong.join("、")}。`, `These axes have the wrong size: ${wrong.join(", ")}.`),
    cells,
  );
}

/** A tensor's shape: `[2, 8, 10, 64]`, `(2, 8, 10, 64)`, `2×8×10×64`, one size per named axis. */
export const shapeAnswer = answerType({
  type: "shape",
  schema,
  compile: expectedExpression("expr"),
  read: (text, ctx) => {
    const read = readShapeText(text);
    if (!read.ok) return { ok: false, verdict: invalidAt(ctx, read.problem) };
    return { ok: true, read: read.value.sizes };
  },
  grade: gradeShape,
  carriedValue: (sizes) => sizes,
  expectedProblem: (spec, value) => shapeProblem(value, spec),
  misconceptions: Object.values(MISCONCEPTIONS),
  misconceptionsFor: (spec) => {
    const split = spec.axes.some((a) => HEADS.test(a)) && spec.axes.some((a) => PER_HEAD.test(a));
    return Object.values(MISCONCEPTIONS).filter((m) => split || m.topic !== "multi-head-attention");
  },
});
