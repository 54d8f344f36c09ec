import { layerNorm } from "@llm-basics/math-core";

/** What the LayerNorm widget draws, every number from math-core. */
export interface LayerNormPicture {
  mean: number;
  /** The population variance (divided by d), as LayerNorm uses. */
  variance: number;
  /** (x − μ) / √(σ² + ε): mean 0, variance almost 1. */
  normalized: number[];
  /** γ·x̂ + β, with the same γ and β for every component. */
  output: number[];
}

export const EPSILON = 1e-5;

export function layerNormPicture(x: readonly number[], gamma: number, beta: number): LayerNormPicture {
  const d = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / d;
  const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / d;
  const normalized = layerNorm([...x], { eps: EPSILON });
  const output = layerNorm([...x], { eps: EPSILON, gamma: x.map(() => gamma), beta: x.map(() => beta) });
  return { mean, variance, normalized, output };
}
