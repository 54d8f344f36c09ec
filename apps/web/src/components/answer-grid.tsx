"use client";

import { type ClipboardEvent, type KeyboardEvent, useRef } from "react";
import { type CellIndex, emptyCells, fillGrid } from "@/lib/exercises/answer-form";
import type { ExerciseText } from "@/lib/exercises/exercise-text";
import { parseGridPaste, pasteOrigin } from "@/lib/exercises/grid-paste";

/** How a cell was judged, once graded: shown as ✓ / ✗ and a colour, and told to screen readers. */
export type CellMark = "right" | "wrong" | undefined;

/**
 * A vector or matrix answer as a grid of cells, one entry each. Arrow keys move between cells
 * (at the edge of a cell's text), Enter goes to the next empty cell or checks the answer when
 * none is left, and pasting a whole matrix into any cell fills the grid.
 */
export function AnswerGrid({
  id,
  cells,
  vector,
  label,
  marks,
  problemCell,
  describedBy,
  text,
  onChange,
}: {
  id: string;
  cells: string[][];
  vector: boolean;
  label: string;
  marks: (row: number, column: number) => CellMark;
  problemCell: CellIndex | undefined;
  describedBy?: string;
  text: ExerciseText;
  onChange: (cells: string[][], edited: CellIndex[]) => void;
}) {
  const grid = useRef<HTMLFieldSetElement>(null);
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;

  const focusCell = (row: number, column: number): boolean => {
    const input = grid.current?.querySelector<HTMLInputElement>(`[data-cell="${row}:${column}"]`);
    if (!input) return false;
    input.focus();
    input.select();
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, row: number, column: number): void => {
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    let moved = false;
    switch (event.key) {
      case "ArrowRight":
        if (atEnd) moved = focusCell(row, column + 1) || focusCell(row + 1, 0);
        break;
      case "ArrowLeft":
        if (atStart) moved = focusCell(row, column - 1) || focusCell(row - 1, columns - 1);
        break;
      case "ArrowDown":
        moved = focusCell(row + 1, column);
        break;
      case "ArrowUp":
        moved = focusCell(row - 1, column);
        break;
      case "Enter": {
        // From a filled cell, on to the next empty one (wrapping round). Otherwise the form
        // submits, and says which cells are still empty if any are.
        const empty = emptyCells(cells).filter(([r, c]) => r !== row || c !== column);
        const after = empty.find(([r, c]) => r > row || (r === row && c > column)) ?? empty[0];
        if (after && input.value.trim() !== "") moved = focusCell(after[0], after[1]);
        break;
      }
    }
    if (moved) event.preventDefault();
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>, row: number, column: number): void => {
    const pasted = parseGridPaste(event.clipboardData.getData("text/plain"));
    if (!pasted) return; // one entry: the ordinary paste into this cell
    event.preventDefault();
    const rowsPasted = vector ? [pasted.flat()] : pasted;
    const origin = pasteOrigin(rowsPasted, [rows, columns], [row, column]);
    const next = fillGrid(cells, rowsPasted, origin, vector);
    const edited: CellIndex[] = [];
    next.forEach((r, i) => {
      r.forEach((value, j) => {
        if (value !== cells[i]?.[j]) edited.push([i, j]);
      });
    });
    onChange(next, edited);
  };

  return (
    <fieldset
      ref={grid}
      id={id}
      className="answer-grid-group"
      {...(describedBy ? { "aria-describedby": describedBy } : {})}
    >
      <legend className="sr-only">{label}</legend>
      <div className="answer-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(3.75rem, 6rem))` }}>
        {cells.map((row, r) =>
          row.map((value, c) => {
            const mark = marks(r, c);
            const problem = problemCell?.[0] === r && problemCell[1] === c;
            const markId = `${id}-mark-${r}-${c}`;
            return (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positions in a fixed grid
                key={`${r}:${c}`}
                className={`answer-cell${mark ? ` cell-${mark}` : ""}${problem ? " cell-problem" : ""}`}
              >
                <input
                  type="text"
                  data-cell={`${r}:${c}`}
                  aria-label={vector ? text.entry(c + 1) : text.cell(r + 1, c + 1)}
                  aria-invalid={mark === "wrong" || problem ? true : undefined}
                  {...(mark ? { "aria-describedby": markId } : {})}
                  value={value}
                  autoComplete="off"
                  autoCapitalize="off"
                  autoCorrect="off"
                  spellCheck={false}
                  enterKeyHint={r === rows - 1 && c === columns - 1 ? "done" : "next"}
                  onChange={(event) => {
                    const next = cells.map((cellsRow) => [...cellsRow]);
                    (next[r] as string[])[c] = event.target.value;
                    onChange(next, [[r, c]]);
                  }}
                  onKeyDown={(event) => onKeyDown(event, r, c)}
                  onPaste={(event) => onPaste(event, r, c)}
                />
                {mark ? (
                  <span className="cell-mark" id={markId}>
                    <span aria-hidden="true">{mark === "right" ? "✓" : "✗"}</span>
                    <span className="sr-only">{text.marks[mark]}</span>
                  </span>
                ) : null}
              </span>
            );
          }),
        )}
      </div>
    </fieldset>
  );
}
