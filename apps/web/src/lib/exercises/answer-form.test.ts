import { describe, expect, it } from "vitest";
import { cellAt, choiceAnswer, emptyCells, emptyGrid, fillGrid, gridAnswer } from "./answer-form";

describe("gridAnswer", () => {
  it("writes a matrix as [[a, b], [c, d]] and remembers where each cell went", () => {
    const { text, spans } = gridAnswer(
      [
        [" 0.25", "1/3"],
        ["-1", "sqrt(2) "],
      ],
      false,
    );
    expect(text).toBe("[[0.25, 1/3], [-1, sqrt(2)]]");
    for (const { cell, start, end } of spans) {
      expect(text.slice(start, end)).toBe(["0.25", "1/3", "-1", "sqrt(2)"][cell[0] * 2 + cell[1]]);
    }
  });

  it("writes a vector as [a, b, c]", () => {
    expect(gridAnswer([["1", "2", "3"]], true).text).toBe("[1, 2, 3]");
  });

  it("finds the cell of a problem's position, also at a cell's end or in an empty one", () => {
    const { text, spans } = gridAnswer(
      [
        ["1", "1/"],
        ["", "4"],
      ],
      false,
    );
    expect(text).toBe("[[1, 1/], [, 4]]");
    expect(cellAt(spans, text.indexOf("1/") + 2)).toEqual([0, 1]);
    expect(cellAt(spans, text.indexOf("[, ") + 1)).toEqual([1, 0]);
    expect(cellAt(spans, 0)).toBeUndefined();
  });
});

describe("grid helpers", () => {
  it("lists empty cells in reading order", () => {
    expect(
      emptyCells([
        ["1", " "],
        ["", "2"],
      ]),
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it("makes empty grids of a vector's and a matrix's shape", () => {
    expect(emptyGrid([3])).toEqual([["", "", ""]]);
    expect(emptyGrid([2, 3])).toEqual([
      ["", "", ""],
      ["", "", ""],
    ]);
  });

  it("writes pasted rows in from a cell, clipped to the grid", () => {
    expect(fillGrid(emptyGrid([2, 2]), [["1", "2", "3"]], [1, 1], false)).toEqual([
      ["", ""],
      ["", "1"],
    ]);
    expect(fillGrid(emptyGrid([3]), [["1"], ["2"], ["3"]], [0, 0], true)).toEqual([["1", "2", "3"]]);
  });
});

it("writes chosen options as letters", () => {
  expect(choiceAnswer([1])).toBe("B");
  expect(choiceAnswer([3, 0])).toBe("A, D");
});
