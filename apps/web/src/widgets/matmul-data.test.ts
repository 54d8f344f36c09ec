import { describe, expect, it } from "vitest";
import { formatEntry, matmulPicture, stepEntry, writeTerms } from "./matmul-data";
import { subscript } from "./subscript";

describe("the matrix multiplication widget's picture", () => {
  it("is the lesson's default AB, with c₁₂ = 1·6 + 2·8 (numpy's numbers)", () => {
    // numpy: np.array([[1, 2], [3, 4]]) @ np.array([[5, 6], [7, 8]]) → [[19 22] [43 50]]
    const a = [
      [1, 2],
      [3, 4],
    ];
    const b = [
      [5, 6],
      [7, 8],
    ];
    const picture = matmulPicture(a, b, [0, 1]);
    expect(picture.c).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expect(picture.row).toEqual([1, 2]);
    expect(picture.column).toEqual([6, 8]);
    expect(picture.terms).toEqual([6, 16]);
    expect(picture.sum).toBe(22);
    expect(writeTerms(picture.row, picture.column)).toBe("1·6 + 2·8");
  });

  it("multiplies a 2×3 by a 3×2 into a 2×2, each entry the sum of its terms (numpy's numbers)", () => {
    // numpy: a @ b → [[ 23 -11] [-17   4]]; a[1] * b[:, 0] → [  0 -12  -5]
    const a = [
      [1, -2, 3],
      [0, 4, -1],
    ];
    const b = [
      [2, 1],
      [-3, 0],
      [5, -4],
    ];
    const picture = matmulPicture(a, b, [1, 0]);
    expect(picture.c).toEqual([
      [23, -11],
      [-17, 4],
    ]);
    expect(picture.row).toEqual([0, 4, -1]);
    expect(picture.column).toEqual([2, -3, 5]);
    expect(picture.terms).toEqual([0, -12, -5]);
    expect(writeTerms(picture.row, picture.column)).toBe("0·2 + 4·(-3) + (-1)·5");
    for (const i of [0, 1]) {
      for (const j of [0, 1]) {
        const entry = matmulPicture(a, b, [i, j]);
        expect(entry.terms).toHaveLength(3);
        expect(entry.terms.reduce((s, t) => s + t)).toBe(entry.c[i]?.[j]);
        expect(entry.sum).toBe(entry.c[i]?.[j]);
      }
    }
  });

  it("adds decimal terms to math-core's entry, and keeps the focus inside C", () => {
    // numpy: np.array([[0.5, -1.25, 2]]) @ np.array([[1.5], [2], [-0.3]]) → [[-2.35]]; terms → [ 0.75 -2.5  -0.6 ]
    const picture = matmulPicture([[0.5, -1.25, 2]], [[1.5], [2], [-0.3]], [3, 5]);
    expect(picture.focus).toEqual([0, 0]);
    expect(picture.terms.map(formatEntry)).toEqual(["0.75", "-2.5", "-0.6"]);
    expect(picture.sum).toBeCloseTo(-2.35, 12);
    expect(picture.terms.reduce((s, t) => s + t)).toBeCloseTo(picture.sum, 12);
    expect(formatEntry(picture.sum)).toBe("-2.35");
  });

  it("writes entries compactly: integers as they are, others to at most 2 decimals, never -0", () => {
    expect(formatEntry(19)).toBe("19");
    expect(formatEntry(-7)).toBe("-7");
    expect(formatEntry(2.5)).toBe("2.5");
    expect(formatEntry(1 / 3)).toBe("0.33");
    expect(formatEntry(-0.001)).toBe("0");
    expect(formatEntry(-0)).toBe("0");
    expect(writeTerms([-0.001], [2])).toBe("0·2");
  });

  it("steps through C in reading order, stopping at the first and the last entry", () => {
    expect(stepEntry([0, 0], 1, 2, 3)).toEqual([0, 1]);
    expect(stepEntry([0, 2], 1, 2, 3)).toEqual([1, 0]);
    expect(stepEntry([1, 0], -1, 2, 3)).toEqual([0, 2]);
    expect(stepEntry([1, 2], 1, 2, 3)).toEqual([1, 2]);
    expect(stepEntry([0, 0], -1, 2, 3)).toEqual([0, 0]);
    expect(subscript(12)).toBe("₁₂");
  });
});
