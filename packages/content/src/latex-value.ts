import type { Value } from "@llm-basics/grading";

/** Why a text (an exercise's, or a page's `value`) could not be filled in. */
export class InterpolationError extends Error {}

/** A value as LaTeX: numbers to at most 4 decimals, vectors and matrices as `bmatrix`. */
export function latexOf(value: Value, what = "value", digits?: number): string {
  if (typeof value === "number") return latexNumber(digits === undefined ? value : Number(value.toFixed(digits)));
  if (typeof value === "boolean") return value ? "\\text{true}" : "\\text{false}";
  if (Array.isArray(value)) {
    const rows = value.every(Array.isArray) ? (value as Value[][]) : [value];
    return `\\begin{bmatrix} ${rows.map((row) => row.map((v) => latexOf(v, what, digits)).join(" & ")).join(" \\\\ ")} \\end{bmatrix}`;
  }
  throw new InterpolationError(
    `${what} has the fields ${Object.keys(value).join(", ")}; write one of them, like ${what}.${Object.keys(value)[0]}`,
  );
}

export function latexNumber(x: number): string {
  // Floating-point leftovers (M·M⁻¹ − I gives 4.4e-16) are zero to a reader, not 4.441 × 10⁻¹⁶.
  if (Object.is(x, -0) || Math.abs(x) < 1e-10) return "0";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const rounded = Number(x.toFixed(4));
  if (rounded !== 0 && Math.abs(x) < 1e9) return String(rounded);
  const [mantissa = "0", exponent = "0"] = x.toExponential(3).split("e");
  return `${Number(mantissa)} \\times 10^{${Number(exponent)}}`;
}
