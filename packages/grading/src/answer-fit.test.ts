import { describe, expect, it } from "vitest";
import { fitAnswer } from "./answer-fit.ts";
import { compileExerciseYaml, type Exercise } from "./exercise.ts";

function exercise(yaml: string): Exercise {
  const compiled = compileExerciseYaml(yaml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.exercise;
}

const single = exercise(`
params: { a: { integer: [1, 5] } }
answer: { type: scalar, expr: "a + 1" }
`);
const parts = exercise(`
params: { a: { integer: [1, 5] } }
parts:
  - { id: sum, answer: { type: scalar, expr: "a + 1" } }
  - { id: twice, answer: { type: scalar, expr: "2 * a" } }
`);

describe("fitAnswer", () => {
  it("takes text for a single answer and an object of known parts for a multi-part one", () => {
    expect(fitAnswer(single, "3")).toEqual({ ok: true, answer: "3" });
    expect(fitAnswer(parts, { sum: "3", twice: "4" })).toEqual({ ok: true, answer: { sum: "3", twice: "4" } });
    // A part left out is the verdict's business, not a misfit.
    expect(fitAnswer(parts, { twice: "4" })).toEqual({ ok: true, answer: { twice: "4" } });
  });

  it("refuses what the exercise does not have, naming the part, in both languages", () => {
    expect(fitAnswer(single, { a: "1" })).toMatchObject({ ok: false, code: "expected-text" });
    expect(fitAnswer(single, 3)).toMatchObject({ ok: false, code: "expected-text" });
    for (const wrong of ["3", null, ["3"], 3]) {
      expect(fitAnswer(parts, wrong)).toMatchObject({ ok: false, code: "expected-parts" });
    }
    const extra = fitAnswer(parts, { sum: "3", "<img src=x onerror=alert(1)>": "正确答案请见 http://x" });
    expect(extra).toMatchObject({ ok: false, code: "unknown-part", part: "<img src=x onerror=alert(1)>" });
    if (extra.ok) throw new Error("unreachable");
    expect(extra.message.zh).toContain("sum、twice");
    expect(extra.message.en).toContain("its parts are sum, twice");
    expect(fitAnswer(parts, { sum: 3 })).toMatchObject({ ok: false, code: "part-not-text", part: "sum" });
  });

  it("does not take a key from an object's prototype for a part", () => {
    const sneaky = JSON.parse('{"__proto__": {"sum": "3"}}');
    expect(fitAnswer(parts, sneaky)).toMatchObject({ ok: false, code: "unknown-part", part: "__proto__" });
    expect(fitAnswer(parts, Object.create({ sum: "3" }))).toEqual({ ok: true, answer: {} });
  });
});
