import { dot, eigSymmetric, gradientDescent, inverse, matmul, sub } from "@llm-basics/math-core";
import { contours } from "d3-contour";

export type Point = [number, number];

/** The loss L(θ) = ½ θᵀAθ − bᵀθ of a symmetric positive definite 2×2 A and a 2-vector b. */
export interface Bowl {
  a: number[][];
  b: number[];
}

/** L(θ) = ½ θᵀAθ − bᵀθ, by math-core. */
export function loss({ a, b }: Bowl, theta: readonly number[]): number {
  const t = [...theta];
  return 0.5 * dot(t, matmul(a, t)) - dot(b, t);
}

/** What the gradient-descent widget draws: every number from math-core. */
export interface DescentPicture {
  /** θ* = A⁻¹b, the bottom of the bowl, and L(θ*). */
  minimum: Point;
  minLoss: number;
  /** A's eigenvalues, ascending: the bowl's curvature along its two axes. */
  eigenvalues: Point;
  /** 2/λ_max: a learning rate at or above it does not converge. */
  maxRate: number;
  /** θ₀ … θₙ as gradient descent takes them (θₜ₊₁ = θₜ − η(Aθₜ − b)). */
  path: Point[];
  /** L(θₜ) for each point of the path. */
  losses: number[];
  /** The path moves away from θ*: its last point is farther than its first. */
  diverged: boolean;
}

/** θ* = A⁻¹b, the bottom of the bowl. */
export function minimumOf(bowl: Bowl): Point {
  return matmul(inverse(bowl.a), bowl.b) as Point;
}

/** Gradient descent on the bowl from `start` with learning rate `lr` for `steps` steps. */
export function descentPicture(bowl: Bowl, start: Point, lr: number, steps: number): DescentPicture {
  const minimum = minimumOf(bowl);
  const { values } = eigSymmetric(bowl.a);
  const eigenvalues: Point = [values[0] ?? 0, values[1] ?? 0];
  const gradient = (theta: number[]) => sub(matmul(bowl.a, theta), bowl.b);
  // One step at a time, so a path that overflows (only for rates far past 2/λ_max) keeps the
  // steps that stayed finite: math-core refuses the first that does not.
  const path: Point[] = [start];
  for (let t = 0; t < steps; t++) {
    try {
      path.push(gradientDescent(gradient, [...(path[t] as Point)], { lr, steps: 1 })[1] as Point);
    } catch {
      break;
    }
  }
  const distance = (p: Point) => Math.hypot(p[0] - minimum[0], p[1] - minimum[1]);
  const first = distance(path[0] as Point);
  const last = distance(path[path.length - 1] as Point);
  return {
    minimum,
    minLoss: loss(bowl, minimum),
    eigenvalues,
    maxRate: 2 / eigenvalues[1],
    path,
    losses: path.map((p) => loss(bowl, p)),
    diverged: last > first && last > 1e-9,
  };
}

/** The square window the widget shows: centred on θ*, wide enough for the start and some room. */
export function viewOf(minimum: Point, start: Point): { x: Point; y: Point } {
  const reach = Math.max(1, Math.abs(start[0] - minimum[0]), Math.abs(start[1] - minimum[1])) * 1.6;
  return {
    x: [minimum[0] - reach, minimum[0] + reach],
    y: [minimum[1] - reach, minimum[1] + reach],
  };
}

/** Rings of equal loss over the window, as d3-contour traces them, in θ coordinates. */
export interface ContourRing {
  /** The loss on this ring. */
  value: number;
  /** Each ring's closed outline. */
  rings: Point[][];
}

const GRID = 64;
const LEVELS = 9;

/**
 * The loss sampled on a grid over the window and traced into contour lines by d3-contour. The
 * levels are spaced as squares (L* + c·k²), so the rings of a bowl come out evenly spaced.
 */
export function contourRings(bowl: Bowl, view: { x: Point; y: Point }, minLoss: number): ContourRing[] {
  const dx = (view.x[1] - view.x[0]) / GRID;
  const dy = (view.y[1] - view.y[0]) / GRID;
  const values: number[] = new Array(GRID * GRID);
  let highest = minLoss;
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      const value = loss(bowl, [view.x[0] + (i + 0.5) * dx, view.y[0] + (j + 0.5) * dy]);
      values[i + j * GRID] = value;
      highest = Math.max(highest, value);
    }
  }
  const thresholds = Array.from(
    { length: LEVELS },
    (_, k) => minLoss + (highest - minLoss) * ((k + 1) / (LEVELS + 1)) ** 2,
  );
  return contours()
    .size([GRID, GRID])
    .thresholds(thresholds)(values)
    .map((shape) => ({
      value: shape.value,
      rings: shape.coordinates.flatMap((polygon) =>
        polygon.map((ring) => ring.map(([gx = 0, gy = 0]): Point => [view.x[0] + gx * dx, view.y[0] + gy * dy])),
      ),
    }));
}
