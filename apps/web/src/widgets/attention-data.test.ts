import { scaleLinear } from "d3-scale";
import { describe, expect, it } from "vitest";
import { attentionPicture, textOn } from "./attention-data";

const q = [
  [1, 0],
  [0, 2],
  [1, 1],
];
const k = [
  [2, 0],
  [0, 1],
  [1, 1],
];

describe("the attention widget's picture", () => {
  it("is softmax(QKᵀ/√d_k) row by row (numpy's numbers)", () => {
    const picture = attentionPicture(q, k, { causal: false, scaled: true });
    expect(picture.d_k).toBe(2);
    // numpy: s = q @ k.T / np.sqrt(2) → s[0] = [1.41421356 0 0.70710678]; row-wise softmax → [0.57597535 0.14002925 0.28399541]
    expect(picture.scores[0]?.map((s) => s?.toFixed(4))).toEqual(["1.4142", "0.0000", "0.7071"]);
    expect(picture.weights[0]?.map((w) => w.toFixed(4))).toEqual(["0.5760", "0.1400", "0.2840"]);
    for (const row of picture.weights) expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it("without the scaling the rows are sharper; the causal mask hides later keys (weight exactly 0)", () => {
    const unscaled = attentionPicture(q, k, { causal: false, scaled: false });
    expect(unscaled.scale).toBe(1);
    expect(unscaled.weights[0]?.[0]).toBeGreaterThan(0.576);
    const causal = attentionPicture(q, k, { causal: true, scaled: true });
    expect(causal.scores[0]).toEqual([expect.any(Number), null, null]);
    expect(causal.weights[0]).toEqual([1, 0, 0]);
    expect(causal.weights[1]?.[2]).toBe(0);
    expect(causal.weights[2]?.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it("writes each cell's number in black or white, whichever contrasts at least 4.5:1 with it", () => {
    const colour = scaleLinear<string>().domain([0, 1]).range(["#f6f8fa", "#0b3d91"]);
    for (let w = 0; w <= 1; w += 0.05) {
      const background = colour(w);
      const [r = 0, g = 0, b = 0] = (background.match(/\d+/g) ?? []).map(Number);
      const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      const L = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      const contrast = textOn(background) === "#000" ? (L + 0.05) / 0.05 : 1.05 / (L + 0.05);
      expect(contrast, background).toBeGreaterThanOrEqual(4.5);
    }
  });
});
