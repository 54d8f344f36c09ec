import type { ToleranceSpec } from "./spec.ts";

/** The tolerance a verdict was judged with (reported back to the learner and to API clients). */
export type Tolerance = { atol: number; rtol: number } | { sigfigs: number };

/**
 * Defaults: |a − b| ≤ 1e-3 + 1e-3·|b|. An answer rounded to three decimals passes (0.67 for
 * 0.6698), one rounded to one decimal does not (0.7), and large values get 0.1% slack.
 */
export const defaultTolerance: Tolerance = { atol: 1e-3, rtol: 1e-3 };

/** The tolerance for an answer: its own, else the exercise's, else the default. */
export function resolveTolerance(...specs: (ToleranceSpec | undefined)[]): Tolerance {
  for (const spec of specs) {
    if (spec === undefined) continue;
    if (spec.sigfigs !== undefined) return { sigfigs: spec.sigfigs };
    if (spec.atol !== undefined || spec.rtol !== undefined) return { atol: spec.atol ?? 0, rtol: spec.rtol ?? 0 };
  }
  return defaultTolerance;
}

/** Whether `actual` is within tolerance of `expected`. */
export function within(actual: number, expected: number, tolerance: Tolerance): boolean {
  if ("sigfigs" in tolerance) {
    // Rounding noise such as cos(π/2) = 6e-17 or an off-diagonal 1e-16 counts as 0.
    if (Math.abs(expected) < 1e-9) return Math.abs(actual - expected) <= 10 ** -tolerance.sigfigs;
    // Half a unit in the last significant place of the expected value.
    const exponent = Math.floor(Math.log10(Math.abs(expected)));
    return Math.abs(actual - expected) <= 0.5 * 10 ** (exponent - tolerance.sigfigs + 1) * (1 + 1e-12);
  }
  return Math.abs(actual - expected) <= tolerance.atol + tolerance.rtol * Math.abs(expected);
}
