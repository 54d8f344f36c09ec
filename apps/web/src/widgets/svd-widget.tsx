"use client";

import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { useId, useMemo, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { onNumber, withMatrixEntry } from "./fields";
import { svdPicture } from "./svd-data";

/** Marks this widget's chunk, so a test can tell which pages load it (see widgets.spec.ts). */
export const WIDGET_CHUNK = "llm-basics-widget:svd";

export interface SvdWidgetParams {
  a: number[][];
}

const words = {
  zh: {
    title: "矩阵把单位圆变成椭圆",
    entry: (i: number, j: number) => `A 的第 ${i} 行第 ${j} 列`,
    legend: "灰：单位圆及 v₁、v₂；蓝：椭圆 Ax 及 σ₁u₁、σ₂u₂",
    describe: (s1: string, s2: string, u1: string, v1: string, d: string) =>
      `A 把单位圆变成椭圆：长半轴 σ₁ = ${s1}，方向 u₁ = (${u1})，由 v₁ = (${v1}) 变来；短半轴 σ₂ = ${s2}。det A = ${d}，等于 ±σ₁σ₂。`,
  },
  en: {
    title: "A matrix turns the unit circle into an ellipse",
    entry: (i: number, j: number) => `row ${i}, column ${j} of A`,
    legend: "grey: the unit circle with v₁, v₂; blue: the ellipse Ax with σ₁u₁, σ₂u₂",
    describe: (s1: string, s2: string, u1: string, v1: string, d: string) =>
      `A turns the unit circle into an ellipse: its long half-axis σ₁ = ${s1} points along u₁ = (${u1}) and comes from v₁ = (${v1}); its short half-axis is σ₂ = ${s2}. det A = ${d}, which is ±σ₁σ₂.`,
  },
};

const SIZE = 320;
const f = (v: number) => (Math.abs(v) < 0.005 ? "0.00" : v.toFixed(2));

/**
 * The unit circle and its image under an editable 2×2 matrix A, with A's singular vectors and
 * values from math-core: v₁, v₂ on the circle, σ₁u₁ and σ₂u₂ on the ellipse.
 */
export default function SvdWidget({ params, locale }: { params: SvdWidgetParams; locale: Locale }) {
  const text = words[locale];
  const id = useId();
  const [a, setA] = useState(params.a);
  const picture = useMemo(() => svdPicture(a), [a]);
  const reach = Math.max(1, picture.sigma[0]) * 1.15;
  const x = scaleLinear().domain([-reach, reach]).range([0, SIZE]);
  const y = scaleLinear().domain([-reach, reach]).range([SIZE, 0]);
  const path = line<[number, number]>()
    .x(([px]) => x(px))
    .y(([, py]) => y(py));
  const closed = (points: Array<[number, number]>) => `${path(points) ?? ""}Z`;
  const arrow = (to: [number, number], kind: string, label: string) => (
    <g key={`${kind}-${label}`} className={`widget-vector widget-${kind}`} data-x={to[0]} data-y={to[1]}>
      <line x1={x(0)} y1={y(0)} x2={x(to[0])} y2={y(to[1])} />
      <text x={x(to[0] * 1.08)} y={y(to[1] * 1.08)} textAnchor="middle" dy="0.32em">
        {label}
      </text>
    </g>
  );
  const [s1, s2] = picture.sigma;
  const [u1, u2] = picture.u;
  const description = text.describe(f(s1), f(s2), u1.map(f).join(", "), picture.v[0].map(f).join(", "), f(picture.det));

  return (
    <div className="widget-svd" data-chunk={WIDGET_CHUNK}>
      <p className="widget-title">{text.title}</p>
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-labelledby={`${id}-describe`}
        className="widget-plot widget-square"
      >
        <title>{description}</title>
        <line x1={x(-reach)} x2={x(reach)} y1={y(0)} y2={y(0)} className="widget-axis" />
        <line x1={x(0)} x2={x(0)} y1={y(-reach)} y2={y(reach)} className="widget-axis" />
        <path d={closed(picture.ellipse)} className="widget-ellipse" data-sigma1={s1} data-sigma2={s2} />
        {/* The circle over the ellipse's fill, so it shows where the ellipse covers it. */}
        <path d={closed(picture.circle)} className="widget-circle" />
        {arrow(picture.v[0], "input", "v₁")}
        {arrow(picture.v[1], "input", "v₂")}
        {arrow([s1 * u1[0], s1 * u1[1]], "output", "σ₁u₁")}
        {arrow([s2 * u2[0], s2 * u2[1]], "output", "σ₂u₂")}
      </svg>
      <p className="widget-hint">{text.legend}</p>
      <p id={`${id}-describe`} className="widget-description" aria-live="polite">
        {description}
      </p>
      <div className="widget-matrix">
        <span aria-hidden="true">A =</span>
        <div className="widget-matrix-rows">
          {[0, 1].map((i) => (
            <div key={i} className="widget-matrix-row">
              {[0, 1].map((j) => (
                <input
                  key={j}
                  type="number"
                  step={0.5}
                  min={-5}
                  max={5}
                  value={a[i]?.[j] ?? 0}
                  aria-label={text.entry(i + 1, j + 1)}
                  onChange={onNumber(-5, 5, (value) => setA((old) => withMatrixEntry(old, i, j, value)))}
                />
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
