/** What went wrong, as a stable code a grader can switch on (the message is for people). */
export type MathCoreErrorCode = "shape" | "non-finite" | "singular" | "invalid-argument" | "no-convergence";

/**
 * Every error this package throws. `operation` names the public function that refused, so a
 * message reads like `matmul: (2×3)·(2×2) — inner dimensions 3 and 2 differ`.
 */
export class MathCoreError extends Error {
  override readonly name: string = "MathCoreError";
  constructor(
    readonly code: MathCoreErrorCode,
    readonly operation: string,
    detail: string,
  ) {
    super(`${operation}: ${detail}`);
  }
}

/** A shape (`[]` a number, `[n]` a vector, `[rows, cols]` a matrix). */
export type Shape = readonly number[];

/** Shapes that do not fit the operation: carries both shapes and the rule they broke. */
export class ShapeError extends MathCoreError {
  override readonly name = "ShapeError";
  constructor(
    operation: string,
    readonly shapes: readonly Shape[],
    readonly rule: string,
    detail: string,
  ) {
    super("shape", operation, detail);
  }
}

/** An input entry that is NaN or ±Infinity (or not a number at all). */
export class NonFiniteError extends MathCoreError {
  override readonly name = "NonFiniteError";
  constructor(
    operation: string,
    /** Where the entry sits, such as `A[1][2]`. */
    readonly path: string,
    readonly value: unknown,
  ) {
    super("non-finite", operation, `${path} is ${describeValue(value)}; every entry must be a finite number`);
  }
}

/** `inverse` of a matrix whose determinant is zero (or numerically indistinguishable from it). */
export class SingularMatrixError extends MathCoreError {
  override readonly name = "SingularMatrixError";
  constructor(operation: string, detail: string) {
    super("singular", operation, detail);
  }
}

/** An option or argument that is not a tensor but is still wrong (a negative `heads`, say). */
export class InvalidArgumentError extends MathCoreError {
  override readonly name = "InvalidArgumentError";
  constructor(operation: string, detail: string) {
    super("invalid-argument", operation, detail);
  }
}

/** An iterative algorithm (eigenvalues, SVD) that did not settle within its iteration budget. */
export class ConvergenceError extends MathCoreError {
  override readonly name = "ConvergenceError";
  constructor(operation: string, detail: string) {
    super("no-convergence", operation, detail);
  }
}

function describeValue(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  if (value === null) return "null";
  if (value === undefined) return "missing";
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40) ?? String(value)})`;
}
