"use client";

import { scaleLinear } from "d3-scale";
import { type KeyboardEvent, useId, useMemo, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { attentionPicture, textOn } from "./attention-data";
import { gridStep } from "./fields";
import { subscript } from "./subscript";

/** Marks this widget's chunk, so a test can tell which pages load it (see widgets.spec.ts). */
export const WIDGET_CHUNK = "llm-basics-widget:attention";

export interface AttentionWidgetParams {
  /** One per row of q and of k; without them, rows are q₁, q₂, … and columns k₁, k₂, … */
  tokens?: string[];
  q: number[][];
  k: number[][];
  causal: boolean;
  scaled: boolean;
}

const words = {
  zh: {
    title: "注意力权重",
    causal: "因果掩码（只看自己和前面的词）",
    scaled: (dk: number) => `除以 √d_k（d_k = ${dk}）`,
    axes: "行：查询（正在读的词）；列：键（被看的词）。方向键在格子间移动。",
    cell: (q: string, k: string, w: string) => `${q} 看 ${k}：权重 ${w}`,
    masked: "被掩码",
    describe: (q: string, k: string, w: string) => `“${q}”这一行最关注“${k}”，权重 ${w}；每一行的权重之和都是 1。`,
    scores: "分数 s",
    weights: "softmax(s)",
    row: (q: string) => `“${q}”这一行`,
  },
  en: {
    title: "Attention weights",
    causal: "Causal mask (see only itself and earlier tokens)",
    scaled: (dk: number) => `Divide by √d_k (d_k = ${dk})`,
    axes: "Rows: queries (the token reading); columns: keys (the token read). Arrow keys move between cells.",
    cell: (q: string, k: string, w: string) => `${q} looks at ${k}: weight ${w}`,
    masked: "masked",
    describe: (q: string, k: string, w: string) =>
      `The row of “${q}” attends most to “${k}”, with weight ${w}; every row's weights add up to 1.`,
    scores: "scores s",
    weights: "softmax(s)",
    row: (q: string) => `the row of “${q}”`,
  },
};

const colour = scaleLinear<string>().domain([0, 1]).range(["#f6f8fa", "#0b3d91"]);

/**
 * softmax(QKᵀ/√d_k) of a few tokens as a heatmap, from math-core: a row per query, a column
 * per key. Focusing a cell (arrow keys move) shows its row's scores and their softmax; the
 * causal mask and the scaling can be switched off and on.
 */
export default function AttentionWidget({ params, locale }: { params: AttentionWidgetParams; locale: Locale }) {
  const text = words[locale];
  const id = useId();
  const [causal, setCausal] = useState(params.causal);
  const [scaled, setScaled] = useState(params.scaled);
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const table = useRef<HTMLTableElement>(null);
  const picture = useMemo(
    () => attentionPicture(params.q, params.k, { causal, scaled }),
    [params.q, params.k, causal, scaled],
  );
  const rows = params.q.length;
  const columns = params.k.length;
  const [row, column] = focus;
  const weightsOfRow = picture.weights[row] ?? [];
  const top = weightsOfRow.indexOf(Math.max(...weightsOfRow));
  const token = (i: number) => params.tokens?.[i] ?? `q${subscript(i + 1)}`;
  const key = (j: number) => params.tokens?.[j] ?? `k${subscript(j + 1)}`;

  const move = (event: KeyboardEvent) => {
    const next = gridStep(event.key, event.ctrlKey, focus, rows, columns);
    if (!next) return;
    event.preventDefault();
    setFocus(next);
    table.current?.querySelector<HTMLElement>(`[data-cell="${next[0]}-${next[1]}"]`)?.focus();
  };

  return (
    <div className="widget-attention" data-chunk={WIDGET_CHUNK}>
      <p className="widget-title">{text.title}</p>
      <div className="widget-toggles">
        {/* The causal mask needs a key for each query's own position: as many queries as keys. */}
        {rows === columns ? (
          <label>
            <input type="checkbox" checked={causal} onChange={(event) => setCausal(event.target.checked)} />
            {text.causal}
          </label>
        ) : null}
        <label>
          <input type="checkbox" checked={scaled} onChange={(event) => setScaled(event.target.checked)} />
          {text.scaled(picture.d_k)}
        </label>
      </div>
      <p id={`${id}-axes`} className="widget-hint">
        {text.axes}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA's data grid pattern is a table with role grid: one tab stop, arrow keys between cells */}
      <table ref={table} className="widget-heatmap" role="grid" aria-describedby={`${id}-axes`}>
        <thead>
          <tr>
            <td />
            {params.k.map((_, j) => (
              <th key={key(j)} scope="col">
                {key(j)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {picture.weights.map((weights, i) => (
            <tr key={token(i)}>
              <th scope="row">{token(i)}</th>
              {weights.map((w, j) => {
                const masked = picture.scores[i]?.[j] === null;
                const background = colour(w);
                return (
                  <td
                    key={key(j)}
                    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of the data grid above
                    role="gridcell"
                    data-cell={`${i}-${j}`}
                    data-weight={w}
                    tabIndex={i === row && j === column ? 0 : -1}
                    aria-label={
                      masked
                        ? `${text.cell(token(i), key(j), "0")} (${text.masked})`
                        : text.cell(token(i), key(j), w.toFixed(2))
                    }
                    aria-selected={i === row && j === column}
                    style={{ background, color: textOn(background) }}
                    className={masked ? "masked" : undefined}
                    onFocus={() => setFocus([i, j])}
                    onClick={() => setFocus([i, j])}
                    onKeyDown={move}
                  >
                    {masked ? "–" : w.toFixed(2)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="widget-description" aria-live="polite">
        {text.describe(token(row), key(top), (weightsOfRow[top] ?? 0).toFixed(2))}
      </p>
      <table className="widget-row">
        <caption>{text.row(token(row))}</caption>
        <tbody>
          <tr>
            <th scope="row">{text.scores}</th>
            {(picture.scores[row] ?? []).map((s, j) => (
              <td key={key(j)} data-score={s ?? "masked"}>
                {s === null ? "−∞" : s.toFixed(2)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{text.weights}</th>
            {weightsOfRow.map((w, j) => (
              <td key={key(j)}>{w.toFixed(2)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
