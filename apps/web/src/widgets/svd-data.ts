import { det, svd } from "@llm-basics/math-core";

type Point = [number, number];

/** What the SVD widget draws for a 2×2 matrix A, every number from math-core. */
export interface SvdPicture {
  /** σ₁ ≥ σ₂ ≥ 0: the ellipse's half-axes. */
  sigma: [number, number];
  /** u₁, u₂: the half-axes' directions (columns of U). */
  u: [Point, Point];
  /** v₁, v₂: the points of the unit circle A sends to σ₁u₁ and σ₂u₂ (columns of V). */
  v: [Point, Point];
  det: number;
  /** The unit circle, and its image under A (the ellipse). */
  circle: Point[];
  ellipse: Point[];
}

const column = (m: number[][], j: number): Point => [m[0]?.[j] ?? 0, m[1]?.[j] ?? 0];

export function svdPicture(a: number[][], points = 96): SvdPicture {
  const { U, S, V } = svd(a);
  const circle: Point[] = Array.from({ length: points }, (_, i) => {
    const t = (2 * Math.PI * i) / points;
    return [Math.cos(t), Math.sin(t)];
  });
  const apply = ([x, y]: Point): Point => [
    (a[0]?.[0] ?? 0) * x + (a[0]?.[1] ?? 0) * y,
    (a[1]?.[0] ?? 0) * x + (a[1]?.[1] ?? 0) * y,
  ];
  return {
    sigma: [S[0] ?? 0, S[1] ?? 0],
    u: [column(U, 0), column(U, 1)],
    v: [column(V, 0), column(V, 1)],
    det: det(a),
    circle,
    ellipse: circle.map(apply),
  };
}
