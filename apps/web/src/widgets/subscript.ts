/** 12 → "₁₂": the subscripts of c₁₂, z₃ and q₂ in the widgets' labels. */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)] as string);
}
