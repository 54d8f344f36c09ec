import { describe, expect, it } from "vitest";
import { contourRings, descentPicture, loss, viewOf } from "./descent-data";

// The gradient descent lesson's bowl: L(θ) = ½ θᵀAθ − bᵀθ with A = [[3, 1], [1, 3]], b = [5, 7].
const bowl = {
  a: [
    [3, 1],
    [1, 3],
  ],
  b: [5, 7],
};

describe("the gradient-descent widget's picture", () => {
  it("finds the bottom, the curvatures and the rate limit 2/λ_max", () => {
    // numpy: np.linalg.solve(A, b) → [1. 2.]; L* → -9.5; np.linalg.eigvalsh(A) → [2. 4.]
    const picture = descentPicture(bowl, [0, 0], 0.2, 20);
    expect(picture.minimum[0]).toBeCloseTo(1, 12);
    expect(picture.minimum[1]).toBeCloseTo(2, 12);
    expect(picture.minLoss).toBeCloseTo(-9.5, 12);
    expect(picture.eigenvalues[0]).toBeCloseTo(2, 12);
    expect(picture.eigenvalues[1]).toBeCloseTo(4, 12);
    expect(picture.maxRate).toBeCloseTo(0.5, 12);
  });

  it("walks θₜ₊₁ = θₜ − η(Aθₜ − b) and converges below the limit", () => {
    // numpy, η = 0.2: θ₁ = [1. 1.4], θ₂ = [1.12 1.76], θ₂₀ = [1.00001828 1.99998172]
    const picture = descentPicture(bowl, [0, 0], 0.2, 20);
    expect(picture.path).toHaveLength(21);
    expect(picture.path[1]?.map((v) => v.toFixed(6))).toEqual(["1.000000", "1.400000"]);
    expect(picture.path[2]?.map((v) => v.toFixed(6))).toEqual(["1.120000", "1.760000"]);
    expect(picture.path[20]?.map((v) => v.toFixed(6))).toEqual(["1.000018", "1.999982"]);
    expect(picture.diverged).toBe(false);
    // The loss falls at every step.
    picture.losses.slice(1).forEach((l, t) => {
      expect(l).toBeLessThan(picture.losses[t] as number);
    });
  });

  it("diverges above the limit: the path moves away and the loss grows", () => {
    // numpy, η = 0.6: θ₁ = [3. 4.2], θ₂ = [-1.92 -0.96], θ₂₀ = [-1254.02383138 -1253.02383138], L = 6300329.77
    const picture = descentPicture(bowl, [0, 0], 0.6, 20);
    expect(picture.path[1]?.map((v) => v.toFixed(6))).toEqual(["3.000000", "4.200000"]);
    expect(picture.path[20]?.map((v) => v.toFixed(4))).toEqual(["-1254.0238", "-1253.0238"]);
    expect(picture.losses[20]).toBeCloseTo(6300329.7693, 3);
    expect(picture.diverged).toBe(true);
  });

  it("keeps the finite steps when θ overflows", () => {
    const picture = descentPicture(bowl, [0, 0], 2000, 200);
    expect(picture.diverged).toBe(true);
    expect(picture.path.length).toBeGreaterThan(2);
    expect(picture.path.flat().every(Number.isFinite)).toBe(true);
  });

  it("traces rings of equal loss around θ*, each on its level", () => {
    const picture = descentPicture(bowl, [0, 0], 0.2, 20);
    const view = viewOf(picture.minimum, [0, 0]);
    expect(view.x[0]).toBeLessThan(0);
    expect(view.y[0]).toBeLessThan(0);
    const rings = contourRings(bowl, view, picture.minLoss);
    expect(rings.length).toBe(9);
    for (const { value, rings: outlines } of rings) {
      expect(value).toBeGreaterThan(picture.minLoss);
      for (const outline of outlines) {
        // Where a ring meets the window's edge, d3-contour closes it along the edge: skip those.
        const inside = outline.filter(([x, y]) => x > view.x[0] && x < view.x[1] && y > view.y[0] && y < view.y[1]);
        for (const point of inside) {
          // Marching squares interpolates between grid points: close to the level, not on it.
          const spread = value - picture.minLoss;
          expect(Math.abs(loss(bowl, point) - value)).toBeLessThan(0.05 * spread + 0.05);
        }
      }
    }
  });
});
