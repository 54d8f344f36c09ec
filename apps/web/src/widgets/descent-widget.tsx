"use client";

import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { type MouseEvent, useId, useMemo, useState } from "react";
import type { Locale } from "@/lib/i18n";
import { contourRings, descentPicture, minimumOf, type Point, viewOf } from "./descent-data";
import { onNumber, withEntry } from "./fields";

/** Marks this widget's chunk, so a test can tell which pages load it (see widgets.spec.ts). */
export const WIDGET_CHUNK = "llm-basics-widget:descent";

export interface DescentWidgetParams {
  a: number[][];
  b: number[];
  start: number[];
  lr: number;
  steps: number;
}

const f = (v: number) => (Math.abs(v) < 0.005 ? "0.00" : Math.abs(v) >= 1e5 ? v.toExponential(2) : v.toFixed(2));
const pair = (p: readonly number[]) => `(${p.map(f).join(", ")})`;

/** One run, in words: the rate, the start, how many steps, where it ended and where the bottom is. */
interface Run {
  eta: string;
  start: string;
  steps: number;
  end: string;
  loss: string;
  best: string;
  min: string;
}

const words = {
  zh: {
    title: "梯度下降走过的路",
    rate: "学习率 η",
    start: (i: number) => `起点 θ₀ 的第 ${i} 个分量`,
    startLabel: "起点 θ₀ =",
    legend: "椭圆是等高线（同一圈上损失相同），× 是最低点 θ*，折线是每一步。点一下图可以换起点。",
    describe: (p: Run) =>
      `η = ${p.eta}，从 θ₀ = ${p.start} 出发走 ${p.steps} 步，到达 θ = ${p.end}，损失 L = ${p.loss}；最低点 θ* = ${p.best}，L* = ${p.min}。`,
    converges: (limit: string) => `η 小于上限 2/λ_max = ${limit}，每一步都更接近最低点。`,
    oscillates: (limit: string) => `η 小于上限 2/λ_max = ${limit}，仍然收敛，但沿最陡的方向在两边来回摆动。`,
    atLimit: (limit: string, factor: string) =>
      `η 已到上限 2/λ_max = ${limit}：沿最陡的方向每一步乘以 1 − ηλ_max = ${factor}，那个方向的误差不会变小，收敛不了。`,
    diverges: (limit: string, factor: string) =>
      `η 超过了上限 2/λ_max = ${limit}：沿最陡的方向每一步乘以 1 − ηλ_max = ${factor}，越走越远，发散了。`,
  },
  en: {
    title: "The path gradient descent takes",
    rate: "Learning rate η",
    start: (i: number) => `component ${i} of the start θ₀`,
    startLabel: "Start θ₀ =",
    legend:
      "The ellipses are contour lines (the loss is the same along each), × is the minimum θ*, the broken line is the steps. Click the picture to move the start.",
    describe: (p: Run) =>
      `With η = ${p.eta}, ${p.steps} steps from θ₀ = ${p.start} reach θ = ${p.end}, where the loss is L = ${p.loss}; the minimum is θ* = ${p.best}, L* = ${p.min}. `,
    converges: (limit: string) => `η is below the limit 2/λ_max = ${limit}: every step comes closer to the minimum.`,
    oscillates: (limit: string) =>
      `η is below the limit 2/λ_max = ${limit}: it still converges, but swings from side to side along the steepest direction.`,
    atLimit: (limit: string, factor: string) =>
      `η has reached the limit 2/λ_max = ${limit}: along the steepest direction every step multiplies the error by 1 − ηλ_max = ${factor}, so the error there never shrinks and it does not converge.`,
    diverges: (limit: string, factor: string) =>
      `η is past the limit 2/λ_max = ${limit}: along the steepest direction every step multiplies the error by 1 − ηλ_max = ${factor}, so it moves away and diverges.`,
  },
};

const SIZE = 320;

/**
 * Gradient descent on a 2-D quadratic loss L(θ) = ½ θᵀAθ − bᵀθ: d3-contour's rings of equal
 * loss, the minimum, and the path θ₀ … θₙ from math-core's gradientDescent. The learning rate
 * has a slider reaching past 2/λ_max (where the path visibly diverges); the start is two fields
 * or a click on the picture.
 */
export default function DescentWidget({ params, locale }: { params: DescentWidgetParams; locale: Locale }) {
  const text = words[locale];
  const id = useId();
  const bowl = useMemo(() => ({ a: params.a, b: params.b }), [params.a, params.b]);
  const [start, setStart] = useState<Point>([params.start[0] ?? 0, params.start[1] ?? 0]);
  const [lr, setLr] = useState(params.lr);
  const picture = useMemo(() => descentPicture(bowl, start, lr, params.steps), [bowl, start, lr, params.steps]);
  // The window and its rings stay put as the learner plays: they depend on the bowl alone.
  const view = useMemo(() => viewOf(minimumOf(bowl), params.start as Point), [bowl, params.start]);
  const rings = useMemo(() => contourRings(bowl, view, picture.minLoss), [bowl, view, picture.minLoss]);
  // The slider reaches half again past the limit, so divergence is a move away.
  const maxRate = Math.max(0.02, Math.round(picture.maxRate * 1.5 * 100) / 100);
  const x = scaleLinear().domain(view.x).range([0, SIZE]);
  const y = scaleLinear().domain(view.y).range([SIZE, 0]);
  const path = line<Point>()
    .x(([px]) => x(px))
    .y(([, py]) => y(py));
  // Far outside the window only the direction matters: the drawn path stops a window's width out.
  const reach = (view.x[1] - view.x[0]) * 2;
  const drawn = picture.path.filter(
    ([px, py]) => Math.abs(px - picture.minimum[0]) < reach && Math.abs(py - picture.minimum[1]) < reach,
  );
  const last = picture.path[picture.path.length - 1] as Point;
  const factor = 1 - lr * picture.eigenvalues[1];
  const limit = f(picture.maxRate);
  // The drawn path says whether it diverged; the factor, whether the steep direction can settle.
  const verdict = picture.diverged
    ? text.diverges(limit, f(factor))
    : factor <= -1 + 1e-9
      ? text.atLimit(limit, f(factor))
      : factor < 0
        ? text.oscillates(limit)
        : text.converges(limit);
  const description = `${text.describe({
    eta: f(lr),
    start: pair(start),
    steps: params.steps,
    end: pair(last),
    loss: f(picture.losses[picture.losses.length - 1] ?? 0),
    best: pair(picture.minimum),
    min: f(picture.minLoss),
  })}${verdict}`;

  const moveStart = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * SIZE;
    const py = ((event.clientY - box.top) / box.height) * SIZE;
    setStart([Math.round(x.invert(px) * 10) / 10, Math.round(y.invert(py) * 10) / 10]);
  };

  return (
    <div className="widget-descent" data-chunk={WIDGET_CHUNK}>
      <p className="widget-title">{text.title}</p>
      {/* A click is a shortcut for the start's two fields below, which the keyboard uses. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the fields below do the same by keyboard */}
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-labelledby={`${id}-describe`}
        className="widget-plot widget-square"
        onClick={moveStart}
      >
        <title>{description}</title>
        <defs>
          <clipPath id={`${id}-clip`}>
            <rect width={SIZE} height={SIZE} />
          </clipPath>
        </defs>
        {rings.map(({ value, rings: outlines }) => (
          <path
            key={value}
            className="widget-contour"
            data-loss={value}
            d={outlines.map((ring) => `${path(ring) ?? ""}Z`).join("")}
          />
        ))}
        <g clipPath={`url(#${id}-clip)`}>
          <path
            className="widget-path"
            d={path(drawn) ?? ""}
            data-points={JSON.stringify(picture.path.map((p) => p.map((v) => Number(v.toPrecision(6)))))}
            data-diverged={picture.diverged}
          />
          {drawn.map(([px, py], t) => (
            <circle
              // biome-ignore lint/suspicious/noArrayIndexKey: a step's number is its identity
              key={t}
              className={t === 0 ? "widget-start" : "widget-step"}
              cx={x(px)}
              cy={y(py)}
              r={t === 0 ? 5 : 3}
            />
          ))}
        </g>
        <text
          x={x(picture.minimum[0])}
          y={y(picture.minimum[1])}
          className="widget-minimum"
          textAnchor="middle"
          dy="0.35em"
        >
          ×
        </text>
      </svg>
      <p className="widget-hint">{text.legend}</p>
      <p id={`${id}-describe`} className="widget-description" aria-live="polite">
        {description}
      </p>
      <div className="widget-controls">
        <label>
          {text.rate} = <output htmlFor={`${id}-lr`}>{f(lr)}</output>
          <input
            id={`${id}-lr`}
            aria-label={text.rate}
            type="range"
            min={0.01}
            max={maxRate}
            step={0.01}
            value={lr}
            aria-valuetext={`η = ${f(lr)}`}
            onChange={(event) => setLr(Number(event.target.value))}
          />
        </label>
        <div className="widget-logits">
          <span aria-hidden="true">{text.startLabel}</span>
          {[0, 1].map((i) => (
            <input
              key={i}
              type="number"
              step={0.5}
              min={-50}
              max={50}
              value={start[i]}
              aria-label={text.start(i + 1)}
              onChange={onNumber(-50, 50, (value) => setStart((old) => withEntry(old, i, value) as Point))}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
