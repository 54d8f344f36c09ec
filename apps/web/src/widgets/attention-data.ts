import { scaledDotProductAttention } from "@llm-basics/math-core";

/** What the attention widget draws: every number from math-core. */
export interface AttentionPicture {
  d_k: number;
  /** The factor the scores are multiplied by: 1/√d_k, or 1 with the scaling left out. */
  scale: number;
  /** Q·Kᵀ times the scale, one row per query; null where the causal mask hides a key. */
  scores: Array<Array<number | null>>;
  /** softmax of each row of the (masked) scores: the heatmap. */
  weights: number[][];
}

export function attentionPicture(
  q: number[][],
  k: number[][],
  options: { causal: boolean; scaled: boolean },
): AttentionPicture {
  const d_k = q[0]?.length ?? 1;
  const scale = options.scaled ? 1 / Math.sqrt(d_k) : 1;
  // The weights do not depend on V; K stands in for it (same number of rows).
  const result = scaledDotProductAttention(q, k, k, { scale, ...(options.causal ? { mask: "causal" as const } : {}) });
  const scores = result.scores.map((row, i) => row.map((s, j) => (options.causal && j > i ? null : s)));
  return { d_k, scale, scores, weights: result.weights };
}

/** Black or white, whichever reads better on a cell of this colour (`rgb(r, g, b)`): at least 4.58:1. */
export function textOn(background: string): "#000" | "#fff" {
  const [r = 0, g = 0, b = 0] = (background.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000" : "#fff";
}
