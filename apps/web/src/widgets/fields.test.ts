import type { ChangeEvent } from "react";
import { describe, expect, it } from "vitest";
import { gridStep, onNumber, withMatrixEntry } from "./fields";

const typed = (value: string) => ({ target: { value } }) as ChangeEvent<HTMLInputElement>;

describe("the widgets' fields", () => {
  it("take a typed number within their range, and ignore a field that is empty or half typed", () => {
    const got: number[] = [];
    const handler = onNumber(-5, 5, (v) => got.push(v));
    for (const value of ["2.5", "", "-", "1e", "99", "-99", "Infinity"]) handler(typed(value));
    expect(got).toEqual([2.5, 5, -5]);
    expect(
      withMatrixEntry(
        [
          [1, 2],
          [3, 4],
        ],
        1,
        0,
        9,
      ),
    ).toEqual([
      [1, 2],
      [9, 4],
    ]);
  });

  it("move a grid's focus by arrow keys within its edges, Home and End to the row's ends, Ctrl to the corners", () => {
    expect(gridStep("ArrowRight", false, [0, 0], 2, 3)).toEqual([0, 1]);
    expect(gridStep("ArrowUp", false, [0, 2], 2, 3)).toEqual([0, 2]);
    expect(gridStep("ArrowDown", false, [1, 2], 2, 3)).toEqual([1, 2]);
    expect(gridStep("End", false, [1, 0], 2, 3)).toEqual([1, 2]);
    expect(gridStep("Home", true, [1, 2], 2, 3)).toEqual([0, 0]);
    expect(gridStep("End", true, [0, 0], 2, 3)).toEqual([1, 2]);
    expect(gridStep("Enter", false, [0, 0], 2, 3)).toBeUndefined();
  });
});
