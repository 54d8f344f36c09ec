import { z } from "zod";
import { both } from "../messages.ts";
import { commonAnswerFields, localizedText } from "../spec-common.ts";
import { correct, incorrect, invalid, scored } from "../verdict.ts";
import { answerType } from "./answer-type.ts";

// Options by letter: one right option, or several with `multiple: true` (scored right − wrong).

const schema = z
  .object({
    type: z.literal("choice"),
    options: z.array(localizedText).min(2),
    /** Index (from 0) of the right option, or indices when several are right. */
    correct: z.union([z.int().min(0), z.array(z.int().min(0)).min(1)]),
    multiple: z.boolean().optional(),
    ...commonAnswerFields,
  })
  .strict()
  .refine((c) => c.multiple === true || !Array.isArray(c.correct) || c.correct.length === 1, {
    message: "several correct options need multiple: true",
    path: ["correct"],
  });

/** Option letters: `A`, `B, D`, `AC`, `(b)`, full-width `ｂ。`. */
export const choiceAnswer = answerType({
  type: "choice",
  schema,
  compile: (spec, path, tools) => {
    for (const c of Array.isArray(spec.correct) ? spec.correct : [spec.correct]) {
      if (c >= spec.options.length)
        tools.problem(
          [...path, "correct"],
          `option ${c} does not exist (there are ${spec.options.length}, counted from 0)`,
        );
    }
    return {};
  },
  read: (text, ctx) => {
    const spec = ctx.spec;
    // "A, C", "A C", "AC", "(B)", "ｂ。": letters, with separators, brackets and full stops ignored.
    const letters = text
      .normalize("NFKC")
      .toUpperCase()
      .replace(/[()（）[\]【】。.!！]/gu, "")
      .replace(/[，、；;,\s]+/gu, " ")
      .trim()
      .split(" ")
      .filter(Boolean)
      .flatMap((word) => (/^[A-Z]+$/.test(word) ? [...word] : [word]));
    const chosen = new Set<number>();
    for (const l of letters) {
      const index = l.length === 1 ? l.charCodeAt(0) - 65 : -1;
      if (index < 0 || index >= spec.options.length) {
        const last = String.fromCharCode(64 + spec.options.length);
        return {
          ok: false,
          verdict: invalid(
            ctx,
            both(`请用选项字母 A–${last} 作答。`, `Answer with the option letters A–${last}.`),
            "not-a-choice",
          ),
        };
      }
      chosen.add(index);
    }
    if (chosen.size === 0)
      return { ok: false, verdict: invalid(ctx, both("请选择一个选项。", "Choose an option."), "empty") };
    if (!spec.multiple && chosen.size > 1)
      return { ok: false, verdict: invalid(ctx, both("这道题只能选一个。", "Choose only one option."), "one-choice") };
    return { ok: true, read: chosen };
  },
  grade: (chosen, ctx) => {
    const spec = ctx.spec;
    const right = new Set(Array.isArray(spec.correct) ? spec.correct : [spec.correct]);
    const hits = [...chosen].filter((c) => right.has(c)).length;
    const wrong = chosen.size - hits;
    if (hits === right.size && wrong === 0) return correct(ctx);
    const score = spec.multiple ? Math.max(0, (hits - wrong) / right.size) : 0;
    return score > 0 ? scored(ctx, score, both("部分正确。", "Partly right.")) : incorrect(ctx);
  },
  view: (spec) => ({ options: spec.options, multiple: spec.multiple === true }),
});
