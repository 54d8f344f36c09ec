import { describe, expect, it } from "vitest";
import { softmaxPicture, stepOf, TEMPERATURE_STEPS } from "./softmax-data";

describe("the softmax widget's picture", () => {
  it("is softmax(x / T), summing to 1, with the largest bar and its entropy", () => {
    // numpy: e = np.exp([2, 1, 0.1]); p = e / e.sum() → [0.65900114 0.24243297 0.09856589]; -(p * np.log2(p)).sum() → 1.2215849
    const picture = softmaxPicture([2, 1, 0.1], 1);
    expect(picture.probabilities.map((p) => p.toFixed(4))).toEqual(["0.6590", "0.2424", "0.0986"]);
    expect(picture.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(picture.top).toBe(0);
    expect(picture.entropyBits).toBeCloseTo(1.2216, 4);
  });

  it("sharpens as the temperature falls and flattens as it rises", () => {
    const cold = softmaxPicture([2, 1, 0.1], 0.1);
    const hot = softmaxPicture([2, 1, 0.1], 5);
    expect(cold.probabilities[0]).toBeGreaterThan(0.9999);
    expect(cold.entropyBits).toBeLessThan(0.01);
    expect(hot.entropyBits).toBeGreaterThan(1.5);
    expect(hot.entropyBits).toBeLessThan(Math.log2(3));
    expect(hot.scaled).toEqual([0.4, 0.2, 0.02]);
  });

  it("stays finite for large logits (the largest is subtracted first) and splits ties evenly", () => {
    const big = softmaxPicture([20, -20, 20], 0.1);
    expect(big.probabilities[0]).toBe(0.5);
    expect(big.probabilities[1]).toBeLessThan(1e-100);
    expect(big.probabilities[2]).toBe(0.5);
    expect(big.top).toBe(0);
  });

  it("offers temperatures from 0.1 to 5, and finds the step nearest to any", () => {
    expect(TEMPERATURE_STEPS[0]).toBe(0.1);
    expect(TEMPERATURE_STEPS.at(-1)).toBe(5);
    expect(TEMPERATURE_STEPS[stepOf(1)]).toBe(1);
    expect(TEMPERATURE_STEPS[stepOf(2.2)]).toBe(2);
    expect(TEMPERATURE_STEPS[stepOf(100)]).toBe(5);
  });
});
