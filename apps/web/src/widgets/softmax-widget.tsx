"use client";

import { scaleBand, scaleLinear } from "d3-scale";
import { useId, useMemo, useRef, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { useBoxWidth } from "./box-width";
import { onNumber, withEntry } from "./fields";
import { softmaxPicture, stepOf, TEMPERATURE_STEPS } from "./softmax-data";
import { subscript } from "./subscript";

/** Marks this widget's chunk, so a test can tell which pages load it (see widgets.spec.ts). */
export const WIDGET_CHUNK = "llm-basics-widget:softmax";

export interface SoftmaxWidgetParams {
  logits: number[];
  temperature: number;
  labels?: string[];
}

const words = {
  zh: {
    title: "softmax 与温度",
    temperature: "温度 T",
    logit: (label: string) => `${label} 的分数`,
    probabilities: "概率",
    describe: (t: string, parts: string, top: string, entropy: string) =>
      `T = ${t} 时，softmax(z / T) = (${parts})。最大的是 ${top}；熵 ${entropy} 比特。`,
    hint: "拖动温度：T 越小，最大的那一项越接近 1；T 越大，各项越接近平均。",
  },
  en: {
    title: "Softmax and temperature",
    temperature: "Temperature T",
    logit: (label: string) => `score of ${label}`,
    probabilities: "probability",
    describe: (t: string, parts: string, top: string, entropy: string) =>
      `At T = ${t}, softmax(z / T) = (${parts}). The largest is ${top}; entropy ${entropy} bits.`,
    hint: "Move the temperature: the smaller T, the closer the largest entry gets to 1; the larger T, the closer all get to equal.",
  },
};

/** The picture's width follows its box (so its 12 px text stays 12 px on a phone), within these. */
const MIN_WIDTH = 260;
const MAX_WIDTH = 560;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 40 };

/**
 * softmax(x / T) as bars: a slider for T and a field for each score, every number from
 * math-core. The sentence under the picture says what it shows, and is read out as it changes.
 */
export default function SoftmaxWidget({ params, locale }: { params: SoftmaxWidgetParams; locale: Locale }) {
  const text = words[locale];
  const id = useId();
  const [logits, setLogits] = useState(params.logits);
  const box = useRef<HTMLDivElement>(null);
  const width = useBoxWidth(box, MIN_WIDTH, MAX_WIDTH);
  const [step, setStep] = useState(stepOf(params.temperature));
  const temperature = TEMPERATURE_STEPS[step] as number;
  const labels = params.labels ?? params.logits.map((_, i) => `x${subscript(i + 1)}`);
  const picture = useMemo(() => softmaxPicture(logits, temperature), [logits, temperature]);

  const x = scaleBand<number>()
    .domain(labels.map((_, i) => i))
    .range([MARGIN.left, width - MARGIN.right])
    .padding(0.25);
  const y = scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(5);
  const format = (p: number) => p.toFixed(3);
  const description = text.describe(
    String(temperature),
    picture.probabilities.map(format).join(", "),
    labels[picture.top] ?? "",
    picture.entropyBits.toFixed(2),
  );

  return (
    <div className="widget-softmax" data-chunk={WIDGET_CHUNK} ref={box}>
      <p className="widget-title">{text.title}</p>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width={width}
        height={HEIGHT}
        role="img"
        aria-labelledby={`${id}-describe`}
        className="widget-plot"
      >
        <title>{description}</title>
        {ticks.map((tick) => (
          <g key={tick} transform={`translate(0, ${y(tick)})`} className="widget-grid">
            <line x1={MARGIN.left} x2={width - MARGIN.right} />
            <text x={MARGIN.left - 6} dy="0.32em" textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {picture.probabilities.map((p, i) => (
          <g key={labels[i]}>
            <rect
              className="widget-bar"
              data-probability={p}
              x={x(i)}
              y={y(p)}
              width={x.bandwidth()}
              height={y(0) - y(p)}
            />
            <text x={(x(i) ?? 0) + x.bandwidth() / 2} y={y(p) - 4} textAnchor="middle" className="widget-value">
              {p.toFixed(2)}
            </text>
            <text x={(x(i) ?? 0) + x.bandwidth() / 2} y={HEIGHT - 8} textAnchor="middle">
              {labels[i]}
            </text>
          </g>
        ))}
      </svg>
      <p id={`${id}-describe`} className="widget-description" aria-live="polite">
        {description}
      </p>
      <div className="widget-controls">
        <label>
          {text.temperature} = <output htmlFor={`${id}-t`}>{temperature}</output>
          <input
            id={`${id}-t`}
            aria-label={text.temperature}
            type="range"
            min={0}
            max={TEMPERATURE_STEPS.length - 1}
            step={1}
            value={step}
            aria-valuetext={`T = ${temperature}`}
            onChange={(event) => setStep(Number(event.target.value))}
          />
        </label>
        <div className="widget-logits">
          {logits.map((value, i) => (
            <label key={labels[i]}>
              {labels[i]}
              <input
                type="number"
                step={0.5}
                min={-20}
                max={20}
                value={value}
                aria-label={text.logit(labels[i] ?? "")}
                onChange={onNumber(-20, 20, (value) => setLogits((old) => withEntry(old, i, value)))}
              />
            </label>
          ))}
        </div>
      </div>
      <p className="widget-hint">{text.hint}</p>
    </div>
  );
}
