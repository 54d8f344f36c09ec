"use client";

import { Fragment, type KeyboardEvent, useId, useMemo, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { gridStep, onNumber, withMatrixEntry } from "./fields";
import { factor, formatEntry, matmulPicture, stepEntry, writeTerms } from "./matmul-data";
import { subscript } from "./subscript";

/** Marks this widget's chunk, so a test can tell which pages load it (see widgets.spec.ts). */
export const WIDGET_CHUNK = "llm-basics-widget:matmul";

export interface MatmulWidgetParams {
  a: number[][];
  b: number[][];
}

const words = {
  zh: {
    title: "矩阵乘法，一项一项地算",
    hint: "点 AB 的一格（或用 Tab 键进入 AB，再用方向键移动），看它由 A 的哪一行和 B 的哪一列算出。A 和 B 的数可以改。",
    shape: (name: string, rows: number, cols: number) => `${name}（${rows}×${cols}）`,
    entry: (name: string, i: number, j: number) => `${name} 的第 ${i} 行第 ${j} 列`,
    used: (i: number, j: number) => `，用来算 AB 的第 ${i} 行第 ${j} 列`,
    cell: (i: number, j: number, v: string) => `AB 的第 ${i} 行第 ${j} 列：${v}`,
    steps: "逐个查看 AB 的元素",
    previous: "上一个",
    next: "下一个",
    position: (k: number, n: number) => `第 ${k} 个，共 ${n} 个`,
    describe: (i: number, j: number, row: string, column: string, sum: string) =>
      `AB 的第 ${i} 行第 ${j} 列：A 的第 ${i} 行 (${row}) 与 B 的第 ${j} 列 (${column}) 逐项相乘再相加：${sum}。`,
  },
  en: {
    title: "Matrix multiplication, entry by entry",
    hint: "Click an entry of AB (or Tab into AB and move with the arrow keys) to see which row of A and column of B make it. The entries of A and B can be changed.",
    shape: (name: string, rows: number, cols: number) => `${name} (${rows}×${cols})`,
    entry: (name: string, i: number, j: number) => `row ${i}, column ${j} of ${name}`,
    used: (i: number, j: number) => `, used for row ${i}, column ${j} of AB`,
    cell: (i: number, j: number, v: string) => `row ${i}, column ${j} of AB: ${v}`,
    steps: "Step through the entries of AB",
    previous: "Previous entry",
    next: "Next entry",
    position: (k: number, n: number) => `entry ${k} of ${n}`,
    describe: (i: number, j: number, row: string, column: string, sum: string) =>
      `Row ${i}, column ${j} of AB: row ${i} of A (${row}) and column ${j} of B (${column}), multiplied entry by entry and added up: ${sum}.`,
  },
};

/** Entries of A and B stay within ±LIMIT, as the shortcode's check keeps them. */
const LIMIT = 9;

const indices = (n: number) => Array.from({ length: n }, (_, k) => k);

/**
 * A (m×n), B (n×p) and C = AB from math-core, side by side. Focusing an entry c_ij of C (arrow
 * keys move, or the step buttons walk C row by row) marks row i of A and column j of B and
 * writes out the sum of products that makes c_ij; A's and B's entries can be edited.
 */
export default function MatmulWidget({ params, locale }: { params: MatmulWidgetParams; locale: Locale }) {
  const text = words[locale];
  const id = useId();
  const [a, setA] = useState(params.a);
  const [b, setB] = useState(params.b);
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const grid = useRef<HTMLTableElement>(null);
  const picture = useMemo(() => matmulPicture(a, b, focus), [a, b, focus]);
  const [row, column] = picture.focus;
  const m = a.length;
  const n = b.length;
  const p = b[0]?.length ?? 0;
  const position = row * p + column;
  const sum = `${writeTerms(picture.row, picture.column)} = ${formatEntry(picture.sum)}`;

  const focusCell = (next: [number, number]) => {
    setFocus(next);
    grid.current?.querySelector<HTMLElement>(`[data-cell="${next[0]}-${next[1]}"]`)?.focus();
  };

  const move = (event: KeyboardEvent) => {
    const next = gridStep(event.key, event.ctrlKey, [row, column], m, p);
    if (!next) return;
    event.preventDefault();
    focusCell(next);
  };

  const edit = (set: typeof setA, i: number, j: number) =>
    onNumber(-LIMIT, LIMIT, (value) => set((old) => withMatrixEntry(old, i, j, value)));

  const editable = (
    name: "A" | "B",
    values: number[][],
    set: typeof setA,
    marked: (i: number, j: number) => boolean,
  ) => (
    <table className="widget-matmul-matrix" data-matrix={name.toLowerCase()}>
      <caption>{text.shape(name, values.length, values[0]?.length ?? 0)}</caption>
      <tbody>
        {indices(values.length).map((i) => (
          <tr key={i}>
            {indices(values[i]?.length ?? 0).map((j) => {
              const on = marked(i, j);
              return (
                <td key={j} className={on ? (name === "A" ? "is-row" : "is-col") : undefined}>
                  <input
                    type="number"
                    step={1}
                    min={-LIMIT}
                    max={LIMIT}
                    value={values[i]?.[j] ?? 0}
                    aria-label={`${text.entry(name, i + 1, j + 1)}${on ? text.used(row + 1, column + 1) : ""}`}
                    onChange={edit(set, i, j)}
                  />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <div className="widget-matmul" data-chunk={WIDGET_CHUNK} data-focus={`${row}-${column}`}>
      <p className="widget-title">{text.title}</p>
      <p id={`${id}-hint`} className="widget-hint">
        {text.hint}
      </p>
      <div className="widget-matmul-tables">
        {editable("A", a, setA, (i) => i === row)}
        <span className="widget-matmul-operator" aria-hidden="true">
          ×
        </span>
        {editable("B", b, setB, (_, j) => j === column)}
        <span className="widget-matmul-operator" aria-hidden="true">
          =
        </span>
        <table
          ref={grid}
          className="widget-heatmap widget-matmul-product"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA's data grid pattern is a table with role grid: one tab stop, arrow keys between cells
          role="grid"
          aria-describedby={`${id}-hint`}
          data-matrix="c"
        >
          <caption>{text.shape("AB", m, p)}</caption>
          <tbody>
            {indices(m).map((i) => (
              <tr key={i}>
                {indices(p).map((j) => {
                  const value = picture.c[i]?.[j] ?? 0;
                  return (
                    <td
                      key={j}
                      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of the data grid above
                      role="gridcell"
                      data-cell={`${i}-${j}`}
                      data-value={value}
                      tabIndex={i === row && j === column ? 0 : -1}
                      aria-label={text.cell(i + 1, j + 1, formatEntry(value))}
                      aria-selected={i === row && j === column}
                      onFocus={() => setFocus([i, j])}
                      onClick={() => setFocus([i, j])}
                      onKeyDown={move}
                    >
                      {formatEntry(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* The description below says the same in words, for screen readers. */}
      <p className="widget-matmul-sum" aria-hidden="true" data-sum={picture.sum}>
        {`(AB)${subscript(row + 1)}${subscript(column + 1)} = `}
        {indices(n).map((k) => (
          <Fragment key={k}>
            {k > 0 ? " + " : ""}
            <span data-term={k} data-product={picture.terms[k]}>
              {factor(picture.row[k] ?? 0)}·{factor(picture.column[k] ?? 0)}
            </span>
          </Fragment>
        ))}
        {n > 1 ? ` = ${picture.terms.map(factor).join(" + ")}` : ""} = <strong>{formatEntry(picture.sum)}</strong>
      </p>
      <p className="widget-description" aria-live="polite">
        {text.describe(
          row + 1,
          column + 1,
          picture.row.map(formatEntry).join(", "),
          picture.column.map(formatEntry).join(", "),
          sum,
        )}
      </p>
      <fieldset className="widget-matmul-steps">
        <legend className="sr-only">{text.steps}</legend>
        <button
          type="button"
          className="button-secondary"
          aria-disabled={position === 0}
          onClick={() => setFocus(stepEntry([row, column], -1, m, p))}
        >
          {text.previous}
        </button>
        <button
          type="button"
          className="button-secondary"
          aria-disabled={position === m * p - 1}
          onClick={() => setFocus(stepEntry([row, column], 1, m, p))}
        >
          {text.next}
        </button>
        <span className="widget-hint">{text.position(position + 1, m * p)}</span>
      </fieldset>
    </div>
  );
}
