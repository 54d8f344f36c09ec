"use client";

import { scaleBand, scaleLinear } from "d3-scale";
import { useId, useMemo, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { useBoxWidth } from "./box-width";
import { onNumber, withEntry } from "./fields";
import { layerNormPicture } from "./layernorm-data";

/** Marks this widget's chunk, so a test can tell which pages load it (see widgets.spec.ts). */
export const WIDGET_CHUNK = "llm-basics-widget:layernorm";

export interface LayerNormWidgetParams {
  x: number[];
  gamma: number;
  beta: number;
}

const words = {
  zh: {
    title: "层归一化：之前与之后",
    before: "输入 x",
    after: "输出 y = γ·x̂ + β",
    gamma: "γ（缩放）",
    beta: "β（平移）",
    entry: (i: number) => `x 的第 ${i} 个分量`,
    describe: (mu: string, v: string, ys: string, g: string, b: string) =>
      `x 的均值 μ = ${mu}，方差 σ² = ${v}。归一化后均值 0、方差约 1；y = (${ys})，均值是 β = ${b}，标准差约为 γ = ${g}。`,
    note: "这里 γ 和 β 的每个分量取同一个值；虚线是均值。",
  },
  en: {
    title: "Layer normalization: before and after",
    before: "input x",
    after: "output y = γ·x̂ + β",
    gamma: "γ (scale)",
    beta: "β (shift)",
    entry: (i: number) => `component ${i} of x`,
    describe: (mu: string, v: string, ys: string, g: string, b: string) =>
      `x has mean μ = ${mu} and variance σ² = ${v}. Normalized, it has mean 0 and variance about 1; y = (${ys}), with mean β = ${b} and standard deviation about γ = ${g}.`,
    note: "Here every component of γ and of β takes the same value; the dashed line is the mean.",
  },
};

const MIN_WIDTH = 260;
const MAX_WIDTH = 560;
const HEIGHT = 200;
const MARGIN = { top: 20, right: 8, bottom: 24, left: 32 };
const f = (v: number) => (Math.abs(v) < 0.005 ? "0.00" : v.toFixed(2));

/** One panel of bars from zero, on a shared scale, with the mean as a dashed line. */
function Bars({
  values,
  title,
  width,
  y,
  kind,
}: {
  values: number[];
  title: string;
  width: number;
  y: (v: number) => number;
  kind: string;
}) {
  const x = scaleBand<number>()
    .domain(values.map((_, i) => i))
    .range([MARGIN.left, width - MARGIN.right])
    .padding(0.25);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return (
    <g data-kind={kind}>
      <text x={MARGIN.left} y={12} className="widget-value">
        {title}
      </text>
      <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} className="widget-axis" />
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a vector's components are its positions
        <g key={i}>
          <rect
            className="widget-bar"
            data-value={v}
            x={x(i)}
            y={Math.min(y(v), y(0))}
            width={x.bandwidth()}
            height={Math.abs(y(v) - y(0))}
          />
          <text x={(x(i) ?? 0) + x.bandwidth() / 2} y={HEIGHT - 6} textAnchor="middle">
            {f(v)}
          </text>
        </g>
      ))}
      <line
        x1={MARGIN.left}
        x2={width - MARGIN.right}
        y1={y(mean)}
        y2={y(mean)}
        className="widget-mean"
        data-mean={mean}
      />
    </g>
  );
}

/**
 * A vector before and after LayerNorm, from math-core: the input's bars with their mean, and
 * the output γ·x̂ + β on the same scale, with sliders for γ and β and a field per component.
 */
export default function LayerNormWidget({ params, locale }: { params: LayerNormWidgetParams; locale: Locale }) {
  const text = words[locale];
  const id = useId();
  const [x, setX] = useState(params.x);
  const [gamma, setGamma] = useState(params.gamma);
  const [beta, setBeta] = useState(params.beta);
  const box = useRef<HTMLDivElement>(null);
  const width = useBoxWidth(box, MIN_WIDTH, MAX_WIDTH);
  const picture = useMemo(() => layerNormPicture(x, gamma, beta), [x, gamma, beta]);
  // One scale for both panels, so a bar's height means the same before and after.
  const extent = Math.max(1, ...x.map(Math.abs), ...picture.output.map(Math.abs));
  const y = scaleLinear()
    .domain([-extent, extent])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top])
    .nice();
  const description = text.describe(
    f(picture.mean),
    f(picture.variance),
    picture.output.map(f).join(", "),
    gamma.toFixed(1),
    beta.toFixed(1),
  );

  return (
    <div className="widget-layernorm" data-chunk={WIDGET_CHUNK} ref={box}>
      <p className="widget-title">{text.title}</p>
      {[
        { kind: "before", values: x, title: text.before },
        { kind: "after", values: picture.output, title: text.after },
      ].map((panel) => (
        <svg
          key={panel.kind}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          width={width}
          height={HEIGHT}
          role="img"
          aria-labelledby={`${id}-describe`}
          className="widget-plot"
        >
          <title>{`${panel.title}: ${panel.values.map(f).join(", ")}`}</title>
          <Bars values={panel.values} title={panel.title} width={width} y={y} kind={panel.kind} />
        </svg>
      ))}
      <p id={`${id}-describe`} className="widget-description" aria-live="polite">
        {description}
      </p>
      <div className="widget-controls">
        <label>
          {text.gamma} = <output htmlFor={`${id}-g`}>{gamma.toFixed(1)}</output>
          <input
            id={`${id}-g`}
            aria-label={text.gamma}
            type="range"
            min={0}
            max={3}
            step={0.1}
            value={gamma}
            onChange={(event) => setGamma(Number(event.target.value))}
          />
        </label>
        <label>
          {text.beta} = <output htmlFor={`${id}-b`}>{beta.toFixed(1)}</output>
          <input
            id={`${id}-b`}
            aria-label={text.beta}
            type="range"
            min={-3}
            max={3}
            step={0.1}
            value={beta}
            onChange={(event) => setBeta(Number(event.target.value))}
          />
        </label>
        <div className="widget-logits">
          {x.map((value, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a vector's components are its positions
            <label key={i}>
              {`x${i + 1}`}
              <input
                type="number"
                step={0.5}
                min={-20}
                max={20}
                value={value}
                aria-label={text.entry(i + 1)}
                onChange={onNumber(-20, 20, (value) => setX((old) => withEntry(old, i, value)))}
              />
            </label>
          ))}
        </div>
      </div>
      <p className="widget-hint">{text.note}</p>
    </div>
  );
}
