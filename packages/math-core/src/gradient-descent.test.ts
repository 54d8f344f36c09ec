import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientDescent, matmul, sub } from "./index.ts";

describe("gradientDescent", () => {
  it("returns θ₀ … θₙ, each step moving against the gradient", () => {
    expect(gradientDescent((x: number) => 2 * (x - 3), 0, { lr: 0.25, steps: 2 })).toEqual([0, 1.5, 2.25]);
    expect(gradientDescent((x: number) => 2 * x, 5, { lr: 0.1, steps: 0 })).toEqual([5]);
  });

  it("converges to the minimum of a convex quadratic with a small enough step", () => {
    const A = [
      [3, 1],
      [1, 2],
    ];
    const b = [1, -1];
    const grad = (theta: number[]) => sub(matmul(A, theta), b);
    fc.assert(
      fc.property(fc.tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 })), (start) => {
        const path = gradientDescent(grad, start, { lr: 0.2, steps: 200 });
        expect(path).toHaveLength(201);
        expect(path[0]).toEqual(start);
        const last = path[200] as number[];
        // A⁻¹b = [0.6, -0.8]
        expect(last[0]).toBeCloseTo(0.6, 9);
        expect(last[1]).toBeCloseTo(-0.8, 9);
      }),
    );
  });

  it("stops with a hint when θ blows up, and checks the gradient's shape", () => {
    expect(() => gradientDescent((x: number) => 2 * x, 1, { lr: 1e200, steps: 10 })).toThrow(
      "gradientDescent: θ became Infinity at step 2; the steps grow instead of shrinking, so try a smaller learning rate (lr)",
    );
    expect(() => gradientDescent(() => [1], [1, 2], { lr: 0.1, steps: 1 })).toThrow(
      "grad returned a vector of 1 at step 1; θ has 2 entries, so ∇f(θ) needs 2 numbers too",
    );
    expect(() => gradientDescent((x: number) => x, 1, { lr: 0.1, steps: -1 })).toThrow("steps must be a whole number");
  });
});
