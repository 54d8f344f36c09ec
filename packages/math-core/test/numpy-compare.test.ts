import { describe, expect, it } from "vitest";
import { checkEig, checkEigSymmetric, checkSvd, expectClose, flipColumns } from "./numpy-compare.ts";
import {
  cases,
  type EigExpected,
  type EigSymmetricExpected,
  type Matrix,
  RTOL,
  type SvdExpected,
  type Vector,
} from "./numpy-fixtures.ts";

// The helpers themselves: a wrong answer must fail, and fail legibly.

describe("comparison helpers", () => {
  const product = cases.matmul.find((c) => c.name === "normal 8x8 . 8x8");
  const expected = product?.expected as Matrix;
  const clone = (m: Matrix): Matrix => m.map((row) => [...row]);

  it("accept the reference itself and differences within tolerance", () => {
    expectClose("matmul normal 8x8 . 8x8", clone(expected), expected, RTOL);
    const nudged = clone(expected);
    (nudged[2] as Vector)[5] = (expected[2]?.[5] ?? 0) * (1 + 1e-12);
    expectClose("matmul normal 8x8 . 8x8", nudged, expected, RTOL);
  });

  it("reject one perturbed entry, naming the case, the index and both values", () => {
    const want = expected[2]?.[5] ?? 0;
    const wrong = clone(expected);
    (wrong[2] as Vector)[5] = want * (1 + 1e-7);
    expect(() => expectClose("matmul normal 8x8 . 8x8", wrong, expected, RTOL)).toThrow(
      `matmul normal 8x8 . 8x8[2][5]: expected ${want}, got ${want * (1 + 1e-7)}`,
    );
  });

  it("reject a wrong shape", () => {
    expect(() => expectClose("x", [1, 2, 3], [[1, 2, 3]], RTOL)).toThrow("x: shape [3], but numpy gives [1, 3]");
    expect(() => expectClose("x", [[1, 2, 3]], 6, RTOL)).toThrow("x: shape [1, 3], but numpy gives a number");
  });

  it("align eigenvector and singular-vector signs, but only U and V together", () => {
    const sym = cases.eigSymmetric.find((c) => c.name === "normal 8x8")?.expected as EigSymmetricExpected;
    const flips = [1, -1, 1, 1, -1, -1, 1, -1];
    checkEigSymmetric("eigSymmetric", { values: sym.values, vectors: flipColumns(sym.vectors, flips) }, sym);
    const s = cases.svd.find((c) => c.name === "tall 6x3")?.expected as SvdExpected;
    checkSvd("svd", { U: flipColumns(s.U, [-1, 1, -1]), S: s.S, V: flipColumns(s.V, [-1, 1, -1]) }, s);
    expect(() => checkSvd("svd tall 6x3", { U: flipColumns(s.U, [1, -1, 1]), S: s.S, V: s.V }, s)).toThrow(
      "svd tall 6x3 V[",
    );
  });

  it("match eigenvalues in any order and reject a wrong one", () => {
    const e = cases.eig.find((c) => c.name === "normal 8x8")?.expected as EigExpected;
    const reversed = [...e.values].reverse();
    checkEig("eig", { values: reversed, vectors: reversed.map(() => null) }, e);
    const wrong = e.values.map((z, i) => (i === 3 ? { re: z.re, im: z.im * (1 + 1e-6) } : z));
    expect(() => checkEig("eig normal 8x8", { values: wrong, vectors: wrong.map(() => null) }, e)).toThrow(
      "eig normal 8x8 values[3]: expected",
    );
  });
});
