import { describe, expect, it } from "vitest";
import { layerNormPicture } from "./layernorm-data";

describe("the LayerNorm widget's picture", () => {
  it("is the lesson's example: μ, σ², x̂ and γ·x̂ + β (numpy's numbers)", () => {
    // numpy: x = np.array([3, -1, 2, 0]); mu = 1; var = 2.5; (x - mu) / np.sqrt(var + 1e-5)
    const picture = layerNormPicture([3, -1, 2, 0], 1, 0);
    expect(picture.mean).toBe(1);
    expect(picture.variance).toBe(2.5);
    expect(picture.normalized.map((v) => v.toFixed(4))).toEqual(["1.2649", "-1.2649", "0.6325", "-0.6325"]);
    expect(picture.output).toEqual(picture.normalized);
  });

  it("γ stretches and β shifts the normalized vector: mean β, standard deviation about γ", () => {
    const { output } = layerNormPicture([3, -1, 2, 0], 2, 0.5);
    const mean = output.reduce((a, b) => a + b) / output.length;
    const sd = Math.sqrt(output.reduce((a, b) => a + (b - mean) ** 2, 0) / output.length);
    expect(mean).toBeCloseTo(0.5, 12);
    expect(sd).toBeCloseTo(2, 4);
  });

  it("a constant vector becomes all β (ε keeps it from dividing by zero)", () => {
    const picture = layerNormPicture([2, 2, 2], 1.5, -1);
    expect(picture.variance).toBe(0);
    expect(picture.output).toEqual([-1, -1, -1]);
  });
});
