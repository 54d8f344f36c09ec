import { describe, expect, it } from "vitest";
import { parseGridPaste, pasteOrigin } from "./grid-paste";

const twoByTwo = [
  ["1", "2"],
  ["3", "4"],
];

describe("parseGridPaste", () => {
  it("reads a matrix however it was written", () => {
    for (const text of [
      "[[1,2],[3,4]]",
      "[[1, 2], [3, 4]]",
      "[1, 2; 3, 4]",
      "1, 2; 3, 4",
      "1, 2\n3, 4",
      "1 2\n3 4\n",
      "1\t2\r\n3\t4",
      "[[1 2]\n [3 4]]",
      "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}",
      "$\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}$",
      "［［1，2］，［3，4］］",
    ]) {
      expect(parseGridPaste(text), JSON.stringify(text)).toEqual(twoByTwo);
    }
  });

  it("keeps each entry's own syntax for the grader", () => {
    // Parentheses group within an entry; only square brackets make rows.
    expect(parseGridPaste("(1+2)/3, (3+4)/3")).toEqual([["(1+2)/3", "(3+4)/3"]]);
    expect(parseGridPaste("[[1/3, -0.5], [sqrt(2), 2 sqrt(2)]]")).toEqual([
      ["1/3", "-0.5"],
      ["sqrt(2)", "2 sqrt(2)"],
    ]);
    expect(parseGridPaste("[[ 0.1192 -0.5   ]\n [ 1.      2.    ]]")).toEqual([
      ["0.1192", "-0.5"],
      ["1.", "2."],
    ]);
  });

  it("reads a vector as one row, and a column as rows of one", () => {
    expect(parseGridPaste("[0.2, 0.3, 0.5]")).toEqual([["0.2", "0.3", "0.5"]]);
    expect(parseGridPaste("0.2、0.3、0.5")).toEqual([["0.2", "0.3", "0.5"]]);
    expect(parseGridPaste("0.2､0.3､0.5")).toEqual([["0.2", "0.3", "0.5"]]); // the half-width ､ too
    expect(parseGridPaste("1\n2\n3")).toEqual([["1"], ["2"], ["3"]]);
  });

  it("folds full-width forms as the grader does, leaving the ones it quotes back as typed", () => {
    expect(parseGridPaste("【０．５，－１／３】")).toEqual([["0.5", "-1/3"]]);
    // The grader reads no ： or ！, and its message names them as the learner typed them.
    expect(parseGridPaste("1：2，3！")).toEqual([["1：2", "3！"]]);
  });

  it("leaves a single entry to the ordinary paste", () => {
    for (const text of ["0.5", " -1/3 ", "sqrt(2)", "2 sqrt(2)", "[0.5]", "3 - 1", ""]) {
      expect(parseGridPaste(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe("pasteOrigin", () => {
  it("fills from the top-left when the paste is the whole grid, else from the cell pasted into", () => {
    expect(pasteOrigin(twoByTwo, [2, 2], [1, 1])).toEqual([0, 0]);
    expect(pasteOrigin([["1", "2"]], [2, 2], [1, 0])).toEqual([1, 0]);
  });
});
