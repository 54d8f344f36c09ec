import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invertibleMatrix, matrixOf, maxAbsDiff, squareMatrix } from "../test/arbitraries.ts";
import {
  add,
  det,
  dot,
  hadamard,
  identity,
  inverse,
  isDiagonal,
  isIdentity,
  isOrthogonal,
  isSymmetric,
  type Matrix,
  matmul,
  NonFiniteError,
  norm,
  rank,
  ShapeError,
  SingularMatrixError,
  scale,
  sub,
  trace,
  transpose,
  zeros,
} from "./index.ts";

describe("elementwise operations", () => {
  it("adds, subtracts and multiplies entry by entry", () => {
    expect(add([[1, 2]], [[10, 20]])).toEqual([[11, 22]]);
    expect(sub([3, 4], [1, 1])).toEqual([2, 3]);
    expect(hadamard([1, 2], [3, 4])).toEqual([3, 8]);
    expect(scale([[1, -2]], 3)).toEqual([[3, -6]]);
    expect(add(1, 2)).toBe(3);
  });

  it("broadcasts a number and a row vector as numpy does", () => {
    expect(
      add(
        [
          [1, 2],
          [3, 4],
        ],
        [10, 20],
      ),
    ).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(
      add(
        [10, 20],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(sub([[1, 2]], 1)).toEqual([[0, 1]]);
    expect(sub(1, [1, 2])).toEqual([0, -1]);
  });

  it("names both shapes and the rule when shapes do not fit", () => {
    expect(() =>
      add(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ),
    ).toThrow("add: (2×3) + (3×2) — shapes must match");
    expect(() => add([[1, 2, 3]], [1, 2])).toThrow(
      "add: (1×3) + (2) — a vector is combined with every row of the matrix, so it needs 3 entries, not 2",
    );
    const error = catchError(() => sub([1, 2], [1, 2, 3]));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error).toMatchObject({ code: "shape", operation: "sub", shapes: [[2], [3]], rule: "same-shape" });
  });
});

describe("matmul", () => {
  it("follows numpy for matrices and vectors", () => {
    expect(
      matmul(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ),
    ).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expect(
      matmul(
        [
          [1, 2],
          [3, 4],
        ],
        [5, 6],
      ),
    ).toEqual([17, 39]);
    expect(
      matmul(
        [5, 6],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toEqual([23, 34]);
    expect(matmul([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
  });

  it("explains an inner dimension mismatch in the issue's words", () => {
    expect(() =>
      matmul(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toThrow("matmul: (2×3)·(2×2) — inner dimensions 3 and 2 differ");
    expect(() => matmul([1, 2], [[1, 2, 3]])).toThrow("matmul: (2)·(1×3) — inner dimensions 2 and 1 differ");
    expect(() => matmul(2 as unknown as number[], [1])).toThrow("multiply by a number with scale(x, k) instead");
  });

  it("is associative and transposes as (AB)ᵀ = BᵀAᵀ", () => {
    const dims = fc.tuple(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
    );
    fc.assert(
      fc.property(
        dims.chain(([a, b, c]) => fc.tuple(matrixOf(a, b), matrixOf(b, c), matrixOf(c, 2))),
        ([A, B, C]) => {
          expect(maxAbsDiff(transpose(matmul(A, B)), matmul(transpose(B), transpose(A)))).toBe(0);
          const left = matmul(matmul(A, B), C);
          const right = matmul(A, matmul(B, C));
          expect(maxAbsDiff(left, right)).toBeLessThanOrEqual(1e-12 * 1000 * 6 * 6);
        },
      ),
    );
  });
});

describe("inputs", () => {
  it("rejects non-finite entries, naming where they are", () => {
    const error = catchError(() => matmul([[1, Number.NaN]], [[1], [2]]));
    expect(error).toBeInstanceOf(NonFiniteError);
    expect(error?.message).toBe("matmul: a[0][1] is NaN; every entry must be a finite number");
    expect(() => add([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow("a[1] is Infinity");
  });

  it("rejects ragged, empty and non-numeric matrices with a reason", () => {
    expect(() => transpose([[1, 2], [3]])).toThrow(
      "transpose: A[1] has 1 entries but A[0] has 2; every row of a matrix needs the same length",
    );
    expect(() => trace([] as unknown as Matrix)).toThrow("A is empty");
    expect(() =>
      det([
        ["1", 2],
        [3, 4],
      ] as unknown as Matrix),
    ).toThrow('A[0][0] is the text "1"; every entry must be a number');
    expect(() =>
      trace([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow("trace: A is 2×3 but must be square");
  });
});

describe("determinant and inverse", () => {
  it("are exact for integers and short decimals", () => {
    expect(
      det([
        [1, 2],
        [3, 4],
      ]),
    ).toBe(-2);
    expect(
      det([
        [2, 0, 1],
        [1, 3, 2],
        [1, 1, 2],
      ]),
    ).toBe(6);
    expect(
      det([
        [0.1, 0.2],
        [0.3, 0.4],
      ]),
    ).toBe(-0.02);
    expect(
      inverse([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual([
      [-2, 1],
      [1.5, -0.5],
    ]);
    expect(
      inverse([
        [0.5, 0],
        [0, 0.25],
      ]),
    ).toEqual([
      [2, 0],
      [0, 4],
    ]);
    expect(
      inverse([
        [4, 7],
        [2, 6],
      ]),
    ).toEqual([
      [0.6, -0.7],
      [-0.2, 0.4],
    ]);
  });

  it("matches cofactor expansion exactly on small integer matrices", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => matrixOf(n, n, fc.integer({ min: -9, max: 9 }))),
        (A) => {
          expect(det(A)).toBe(cofactorDeterminant(A));
        },
      ),
    );
  });

  it("gives A·A⁻¹ = I and det(A⁻¹) = 1/det(A)", () => {
    fc.assert(
      fc.property(invertibleMatrix(), (A) => {
        const inv = inverse(A);
        expect(maxAbsDiff(matmul(A, inv), identity(A.length))).toBeLessThanOrEqual(1e-12);
        expect(det(inv) * det(A)).toBeCloseTo(1, 10);
      }),
    );
  });

  it("says a singular matrix has no inverse", () => {
    const error = catchError(() =>
      inverse([
        [1, 2],
        [2, 4],
      ]),
    );
    expect(error).toBeInstanceOf(SingularMatrixError);
    expect(error?.message).toBe(
      "inverse: A is singular (its determinant is 0), so it has no inverse: its rows are linearly dependent",
    );
    expect(() =>
      inverse([
        [1e-3 * Math.PI, 2e-3 * Math.PI],
        [Math.PI, 2 * Math.PI],
      ]),
    ).toThrow("singular to working precision");
    expect(
      det([
        [1, 2],
        [2, 4],
      ]),
    ).toBe(0);
  });

  it("trace is the sum of the diagonal", () => {
    expect(
      trace([
        [1, 2],
        [3, 4],
      ]),
    ).toBe(5);
  });
});

describe("construction and norms", () => {
  it("builds identity and zero matrices", () => {
    expect(identity(2)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(zeros(2, 3)).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(zeros(2)).toEqual([0, 0]);
    expect(() => identity(0)).toThrow("identity: n must be a whole number from 1 to 100000, got 0");
  });

  it("measures length without overflow", () => {
    expect(norm([3, 4])).toBe(5);
    expect(norm([[1e200, 1e200]])).toBeCloseTo(Math.SQRT2 * 1e200, -190);
  });

  it("counts rank exactly for integers and through singular values otherwise", () => {
    expect(
      rank([
        [1, 2],
        [2, 4],
      ]),
    ).toBe(1);
    expect(
      rank([
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ]),
    ).toBe(2);
    expect(
      rank([
        [Math.PI, 1],
        [1, Math.E],
      ]),
    ).toBe(2);
    expect(
      rank([
        [Math.PI, 2 * Math.PI],
        [Math.E, 2 * Math.E],
      ]),
    ).toBe(1);
  });
});

describe("predicates", () => {
  it("recognise symmetric, diagonal, identity and orthogonal matrices", () => {
    expect(
      isSymmetric([
        [1, 2],
        [2, 1],
      ]),
    ).toBe(true);
    expect(
      isSymmetric([
        [1, 2],
        [2.1, 1],
      ]),
    ).toBe(false);
    expect(
      isSymmetric(
        [
          [1, 2],
          [2.1, 1],
        ],
        0.1,
      ),
    ).toBe(true);
    expect(
      isDiagonal([
        [2, 0],
        [0, 3],
      ]),
    ).toBe(true);
    expect(
      isDiagonal([
        [2, 1e-12],
        [0, 3],
      ]),
    ).toBe(true);
    expect(
      isDiagonal([
        [2, 1e-3],
        [0, 3],
      ]),
    ).toBe(false);
    expect(isIdentity(identity(3))).toBe(true);
    expect(
      isIdentity([
        [1, 0],
        [0, 2],
      ]),
    ).toBe(false);
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    expect(
      isOrthogonal([
        [c, -s],
        [s, c],
      ]),
    ).toBe(true);
    expect(
      isOrthogonal([
        [1, 1],
        [0, 1],
      ]),
    ).toBe(false);
  });

  it("answer false for anything that is not a square matrix instead of throwing", () => {
    expect(isSymmetric([[1, 2, 3]])).toBe(false);
    expect(isIdentity([1, 0])).toBe(false);
    expect(isOrthogonal("I")).toBe(false);
    expect(() => isSymmetric([[1]], -1)).toThrow("tolerance must be a finite number ≥ 0");
  });

  it("hold for AᵀA (symmetric) and for rotations built from any angle (orthogonal)", () => {
    fc.assert(
      fc.property(squareMatrix(), fc.double({ min: -10, max: 10, noNaN: true }), (A, angle) => {
        expect(isSymmetric(matmul(transpose(A), A))).toBe(true);
        const c = Math.cos(angle);
        const s = Math.sin(angle);
        expect(
          isOrthogonal([
            [c, -s],
            [s, c],
          ]),
        ).toBe(true);
      }),
    );
  });
});

function cofactorDeterminant(A: number[][]): number {
  if (A.length === 1) return A[0]?.[0] as number;
  let sum = 0;
  A[0]?.forEach((x, j) => {
    const minor = A.slice(1).map((row) => row.filter((_, k) => k !== j));
    sum += (j % 2 === 0 ? 1 : -1) * x * cofactorDeterminant(minor);
  });
  return sum;
}

function catchError(f: () => unknown): (Error & Record<string, unknown>) | undefined {
  try {
    f();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  return undefined;
}
