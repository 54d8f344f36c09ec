import { InvalidArgumentError, MathCoreError } from "./errors.ts";
import { readScalar, readVector, shapeOf, type Vector } from "./tensor.ts";

export interface GradientDescentOptions {
  /** Learning rate η: each step moves θ by −η·∇f(θ). */
  lr: number;
  /** How many steps to take (the trajectory has steps + 1 points). */
  steps: number;
}

/**
 * Plain gradient descent θₜ₊₁ = θₜ − η·∇f(θₜ), returning every point θ₀ … θₙ.
 * `gradientDescent((x) => 2 * (x - 3), 0, { lr: 0.25, steps: 2 }) → [0, 1.5, 2.25]`
 */
export function gradientDescent<T extends number | Vector>(
  grad: (theta: T) => T,
  theta0: T,
  options: GradientDescentOptions,
): T[] {
  const operation = "gradientDescent";
  if (typeof grad !== "function") throw new InvalidArgumentError(operation, "grad must be a function θ ↦ ∇f(θ)");
  const lr = readScalar(operation, "lr", options?.lr);
  const steps = options?.steps;
  if (typeof steps !== "number" || !Number.isInteger(steps) || steps < 0 || steps > 1_000_000) {
    throw new InvalidArgumentError(operation, `steps must be a whole number from 0 to 1000000, got ${String(steps)}`);
  }
  const scalar = shapeOf(theta0, operation, "theta0").length === 0;
  if (scalar) readScalar(operation, "theta0", theta0);
  else readVector(operation, "theta0", theta0);
  const trajectory: T[] = [copy(theta0)];
  let theta = copy(theta0);
  for (let step = 1; step <= steps; step++) {
    const g = grad(copy(theta));
    let next: number | Vector;
    if (scalar) {
      if (typeof g !== "number" || Number.isNaN(g)) {
        throw new InvalidArgumentError(
          operation,
          `grad returned ${describe(g)} at step ${step}; θ is a number, so ∇f(θ) must be one too`,
        );
      }
      next = (theta as number) - lr * g;
    } else {
      const t = theta as Vector;
      if (!Array.isArray(g) || g.length !== t.length || !g.every((x) => typeof x === "number" && !Number.isNaN(x))) {
        throw new InvalidArgumentError(
          operation,
          `grad returned ${describe(g)} at step ${step}; θ has ${t.length} entries, so ∇f(θ) needs ${t.length} numbers too`,
        );
      }
      next = t.map((x, i) => x - lr * (g[i] as number));
    }
    const entries = scalar ? [next as number] : (next as Vector);
    const blownUp = entries.find((x) => !Number.isFinite(x));
    if (blownUp !== undefined) {
      throw new MathCoreError(
        "non-finite",
        operation,
        `θ became ${blownUp} at step ${step}; the steps grow instead of shrinking, so try a smaller learning rate (lr)`,
      );
    }
    theta = next as T;
    trajectory.push(copy(theta));
  }
  return trajectory;
}

function copy<T extends number | Vector>(x: T): T {
  return (Array.isArray(x) ? [...x] : x) as T;
}

function describe(x: unknown): string {
  if (Array.isArray(x)) {
    const bad = x.findIndex((v) => typeof v !== "number" || Number.isNaN(v));
    return bad >= 0
      ? `a vector whose entry ${bad} is ${JSON.stringify(x[bad]) ?? String(x[bad])}`
      : `a vector of ${x.length}`;
  }
  if (typeof x === "number" && Number.isNaN(x)) return "NaN";
  if (typeof x === "number") return "a number";
  return String(x);
}
