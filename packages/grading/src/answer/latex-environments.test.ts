import { describe, expect, it } from "vitest";
import { error, pointedAt, text } from "./normalize-test-helpers.ts";

describe("LaTeX", () => {
  it("writes matrices as nested brackets, one row per \\\\", () => {
    expect(text("\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}")).toBe("[[1, 2], [3, 4]]");
    expect(text("\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}")).toBe("[[a, b], [c, d]]");
    expect(text("\\begin{matrix}1&0\\\\0&1\\end{matrix}")).toBe("[[1, 0], [0, 1]]");
    expect(text("\\begin{Bmatrix}1\\end{Bmatrix}")).toBe("[[1]]");
    expect(text("\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}")).toBe("[[1, 2], [3, 4]]");
    expect(text("\\begin{array}{|c|c|} 1 & 2 \\end{array}")).toBe("[[1, 2]]");
  });

  it("keeps one-row and one-column matrices as matrices", () => {
    expect(text("\\begin{bmatrix} 1 & 2 & 3 \\end{bmatrix}")).toBe("[[1, 2, 3]]");
    expect(text("\\begin{bmatrix} 1 \\\\ 2 \\\\ 3 \\end{bmatrix}")).toBe("[[1], [2], [3]]");
  });

  it("allows a trailing \\\\ and line breaks in a pasted matrix", () => {
    expect(text("\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\\\ \\end{bmatrix}")).toBe("[[1, 2], [3, 4]]");
    expect(text("\\begin{bmatrix}\n  1 & 2 \\\\\n  3 & 4\n\\end{bmatrix}")).toBe("[[1, 2], [3, 4]]");
  });

  it("translates what is inside the cells", () => {
    expect(text("\\begin{bmatrix} \\frac12 & -\\sqrt{2} \\\\ x_1 & \\pi \\end{bmatrix}")).toBe(
      "[[((1)/(2)), -sqrt(2)], [x_1, pi]]",
    );
    expect(text("\\begin{bmatrix} \\begin{bmatrix} 1 \\end{bmatrix} \\end{bmatrix}")).toBe("[[[[1]]]]");
  });

  it("does not nest a bare matrix inside the brackets wrapped around it", () => {
    expect(text("\\left[\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}\\right]")).toBe("[[1, 2], [3, 4]]");
    expect(text("\\left( \\begin{matrix} 1 \\end{matrix} \\right)")).toBe("[[1]]");
    expect(text("[\\begin{matrix} 1 \\end{matrix}]")).toBe("[[1]]");
    expect(text("\\left[\\begin{matrix} 1 \\end{matrix} + 1\\right]")).toBe("[[[1]] + 1]");
  });

  it("refuses a determinant, pointing at its \\begin", () => {
    const input = "\\begin{vmatrix} 1 & 2 \\\\ 3 & 4 \\end{vmatrix}";
    const e = error(input);
    expect(e.code).toBe("latex-determinant");
    expect(pointedAt(input, e)).toBe("\\begin{vmatrix}");
    expect(e.message.zh).toContain("行列式");
    expect(e.hint?.en).toContain("bmatrix");
    expect(error("\\left|\\begin{matrix} 1 \\end{matrix}\\right|").code).toBe("latex-determinant");
  });

  it("refuses an empty cell, pointing at it", () => {
    const input = "\\begin{bmatrix} 1 & & 2 \\end{bmatrix}";
    const e = error(input);
    expect(e.code).toBe("latex-empty-cell");
    expect(e.at).toBe(19);
    expect(pointedAt(input, e)).toBe(" ");
    const glued = "\\begin{bmatrix}1&&2\\end{bmatrix}";
    expect(pointedAt(glued, error(glued))).toBe("&");
    expect(error("\\begin{bmatrix} 1 & \\\\ 3 & 4 \\end{bmatrix}").code).toBe("latex-empty-cell");
    expect(error("\\begin{bmatrix}\\end{bmatrix}").code).toBe("latex-empty-cell");
  });

  it("reports environment mistakes where they are", () => {
    const unclosed = "x = \\begin{bmatrix} 1 & 2";
    const e1 = error(unclosed);
    expect(e1.code).toBe("latex-unclosed-environment");
    expect(pointedAt(unclosed, e1)).toBe("\\begin{bmatrix}");
    expect(e1.hint?.zh).toContain("\\end{bmatrix}");

    const mismatch = "\\begin{bmatrix} 1 \\end{pmatrix}";
    const e2 = error(mismatch);
    expect(e2.code).toBe("latex-environment-mismatch");
    expect(pointedAt(mismatch, e2)).toBe("\\end{pmatrix}");

    const stray = "1 \\end{bmatrix}";
    expect(pointedAt(stray, error(stray))).toBe("\\end{bmatrix}");
    expect(error(stray).code).toBe("latex-unexpected-end");

    const unknown = "\\begin{cases} 1 \\end{cases}";
    expect(error(unknown).code).toBe("latex-unknown-environment");
    expect(error("\\begin{array} 1 \\end{array}").code).toBe("latex-array-columns");
    expect(error("\\begin bmatrix").code).toBe("latex-bad-environment");
  });

  it("refuses a line break inside a group", () => {
    const input = "\\begin{matrix} 1 & {2 \\\\ 3} \\end{matrix}";
    const e = error(input);
    expect(e.code).toBe("latex-misplaced-line-break");
    expect(pointedAt(input, e)).toBe("\\\\");
  });

  it("reads aligned lines as separate answers", () => {
    expect(text("\\begin{aligned} x &= 1 \\\\ y &= 2 \\end{aligned}")).toBe(" x = 1 \n y = 2 ");
  });
});
