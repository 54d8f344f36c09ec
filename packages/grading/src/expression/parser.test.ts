import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate.ts";
import { authorFunctions, constants } from "./functions.ts";
import { parseExpression, parseStatements } from "./parser.ts";

const value = (text: string, values: Record<string, unknown> = {}) => {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.problem.message.en);
  return evaluate(parsed.expr, {
    values: new Map([...constants, ...Object.entries(values)] as never),
    functions: authorFunctions,
  });
};

describe("the expression language", () => {
  it("reads numbers, precedence, powers and implicit products as mathematics does", () => {
    expect(value("1 + 2 * 3")).toBe(7);
    expect(value("-2^2")).toBe(-4);
    expect(value("2^3^2")).toBe(512);
    expect(value("2^-1")).toBe(0.5);
    expect(value("1e-3 + .5")).toBe(0.501);
    expect(value("2sqrt(4)")).toBe(4);
    expect(value("3(1 + 1)")).toBe(6);
    expect(value("2pi")).toBe(2 * Math.PI);
    expect(value("ln 2")).toBe(Math.log(2));
    expect(value("sqrt (4) + 1")).toBe(3);
    expect(value("2 exp 0")).toBe(2);
  });

  it("builds vectors and matrices from brackets, semicolons, newlines and tuples", () => {
    expect(value("[1, 2, 3]")).toEqual([1, 2, 3]);
    expect(value("(1, 2, 3)")).toEqual([1, 2, 3]);
    expect(value("[[1, 2], [3, 4]]")).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(value("[1, 2; 3, 4]")).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(value("[1, 2\n3, 4]")).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("multiplies matrices with *, transposes with ', and reads fields with .", () => {
    const A = [
      [1, 2],
      [3, 4],
    ];
    expect(value("A * A'", { A })).toEqual([
      [5, 11],
      [11, 25],
    ]);
    expect(value("2 * A - A", { A })).toEqual(A);
    expect(value("A^-1", { A })).toEqual([
      [-2, 1],
      [1.5, -0.5],
    ]);
    expect(value("scaledDotProductAttention([[1, 0]], [[1, 0], [0, 1]], [[1], [0]]).weights")).toEqual([
      [0.6697615493266569, 0.3302384506733431],
    ]);
  });

  it("says where a syntax error is and what would fix it", () => {
    const unclosed = parseExpression("[[1, 2], [3, 4]");
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) {
      expect(unclosed.problem.code).toBe("unclosed-bracket");
      expect(unclosed.problem.at).toBe(0);
      expect(unclosed.problem.hint?.en).toBe("Add the missing “]”.");
    }
    const space = parseExpression("[1 2 3]");
    expect(space.ok).toBe(false);
    if (!space.ok) expect([space.problem.code, space.problem.at]).toEqual(["expected-comma", 3]);
    const stray = parseExpression("1 + * 2");
    expect(stray.ok).toBe(false);
    if (!stray.ok) expect(stray.problem.at).toBe(4);
  });

  it("refuses nesting deeper than the limit instead of exhausting the stack", () => {
    const deep = parseExpression(`${"(".repeat(100_000)}1${")".repeat(100_000)}`);
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.problem.code).toMatch(/too-deep|too-many-tokens/);
    const minus = parseExpression(`${"-".repeat(1000)}1`);
    expect(minus.ok).toBe(false);
  });

  it("reads named statements for answers with several parts", () => {
    const parsed = parseStatements("U = [[1, 0], [0, 1]]; S = [2, 1]\nV = [[1, 0], [0, 1]]");
    expect(parsed.ok && parsed.statements.map((s) => s.name)).toEqual(["U", "S", "V"]);
  });
});
