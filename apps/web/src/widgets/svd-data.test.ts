import { describe, expect, it } from "vitest";
import { svdPicture } from "./svd-data";

describe("the SVD widget's picture", () => {
  it("is the lesson's A = [[3, 0], [4, 5]]: σ = (3√5, √5), A v = σ u (numpy's numbers)", () => {
    // numpy: np.linalg.svd([[3, 0], [4, 5]]) → S = [6.70820393 2.23606798]
    const a = [
      [3, 0],
      [4, 5],
    ];
    const picture = svdPicture(a);
    expect(picture.sigma.map((s) => s.toFixed(6))).toEqual(["6.708204", "2.236068"]);
    expect(picture.det).toBeCloseTo(15, 12);
    for (const k of [0, 1]) {
      const [vx, vy] = picture.v[k] ?? [0, 0];
      const [ux, uy] = picture.u[k] ?? [0, 0];
      const av = [3 * vx, 4 * vx + 5 * vy];
      expect(av[0]).toBeCloseTo((picture.sigma[k] ?? 0) * ux, 10);
      expect(av[1]).toBeCloseTo((picture.sigma[k] ?? 0) * uy, 10);
      expect(Math.hypot(vx, vy)).toBeCloseTo(1, 12);
    }
  });

  it("puts every point of the ellipse within σ₁ of the origin, and reaches σ₁", () => {
    const picture = svdPicture(
      [
        [3, 0],
        [4, 5],
      ],
      720,
    );
    const lengths = picture.ellipse.map(([x, y]) => Math.hypot(x, y));
    expect(Math.max(...lengths)).toBeLessThanOrEqual(picture.sigma[0] + 1e-12);
    expect(Math.max(...lengths)).toBeGreaterThan(picture.sigma[0] - 1e-3);
    expect(Math.min(...lengths)).toBeLessThan(picture.sigma[1] + 1e-3);
  });

  it("flattens the circle to a segment for a singular matrix: σ₂ = 0 and det = 0", () => {
    const picture = svdPicture([
      [1, 2],
      [2, 4],
    ]);
    expect(picture.sigma[1]).toBeCloseTo(0, 12);
    expect(picture.det).toBeCloseTo(0, 12);
  });
});
